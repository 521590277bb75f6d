import Foundation
import GRDB
import SiirtoCore
import Testing

/// A test person's henkilötunnus: individual numbers 900–999 only (the range
/// of test persons), the control character computed.
func testHetu(_ ddmmyy: String, century: Character = "-", _ individual: Int) -> String {
  precondition((900...999).contains(individual))
  let control = Hetu.controlCharacter(ddmmyy: ddmmyy, individual: individual)
  return "\(ddmmyy)\(century)\(individual)\(control)"
}

/// A Y-tunnus from its seven-digit base, with the check digit computed; a base
/// that has none (remainder 1) is a mistake in the test.
func testYTunnus(_ base: String) -> String {
  let check = YTunnus.checkDigit(base.map { Int(String($0))! })!
  return "\(base)-\(check)"
}

/// The cast of the scenarios: the capital region of night1 and a few more.
enum Cast {
  static let helsinki = "0201256-6"
  static let espoo = "0101263-6"
  static let vantaa = "0124610-9"
  /// A joint municipal authority that Espoo mandates.
  static let kuntayhtyma = "2345678-0"
  static let county = testYTunnus("3221180")
  /// An organisation of type MUU, registered by request.
  static let foundation = "2077474-0"

  /// Helsinki's employee, mandated directly.
  static let employee = testHetu("010190", 900)
  /// The joint authority's employee: acts for Espoo through it.
  static let jointEmployee = testHetu("020285", 901)
  static let colleague = testHetu("030370", 902)
  static let client = testHetu("150612", century: "A", 903)
  static let otherClient = testHetu("050595", 904)
}

/// Builds `;`-separated CSV with a header of `columns`; a row leaves out
/// the columns it does not name (empty fields).
func csv(_ columns: [String], _ rows: [[String: String]]) -> String {
  var lines = [columns.joined(separator: ";")]
  for row in rows {
    precondition(Set(row.keys).isSubset(of: columns), "unknown column in \(row.keys)")
    lines.append(columns.map { row[$0] ?? "" }.joined(separator: ";"))
  }
  return lines.joined(separator: "\n") + "\n"
}

enum Columns {
  static let register = [
    "y_tunnus", "name", "name_sv", "type", "municipality_code", "valid_from", "valid_to",
  ]
  static let registration = [
    "request_id", "action", "y_tunnus", "name", "justification", "contact_name",
    "contact_email", "contact_phone",
  ]
  static let mandates = [
    "mandate_id", "status", "principal_type", "principal_id", "agent_type", "agent_id",
    "agent_name", "issue", "valid_from", "valid_to",
  ]
  static let claims = [
    "claim_id", "action", "claimant_y_tunnus", "registered_by", "client_hetu", "claim_type",
    "legal_basis", "benefit", "period_start", "period_end", "amount", "iban", "reference",
    "decision_date", "non_disclosure",
  ]
}

/// One organisation row of a register snapshot.
func organisation(
  _ y: String, _ name: String, type: String = "KUNTA", code: String? = nil,
  from: String? = "2001-07-01", to: String? = nil
) -> [String: String] {
  var row = ["y_tunnus": y, "name": name, "type": type]
  row["municipality_code"] = code
  row["valid_from"] = from
  row["valid_to"] = to
  return row
}

/// The register every scenario starts from: three municipalities, a joint
/// municipal authority and a wellbeing services county.
let baseRegister: [[String: String]] = [
  organisation(Cast.helsinki, "Helsingin kaupunki", code: "091"),
  organisation(Cast.espoo, "Espoon kaupunki", code: "049"),
  organisation(Cast.vantaa, "Vantaan kaupunki", code: "092"),
  organisation(
    Cast.kuntayhtyma, "Testiseudun kuntayhtymä", type: "KUNTAYHTYMA", from: "2010-01-01"),
  organisation(
    Cast.county, "Testimaan hyvinvointialue", type: "HYVINVOINTIALUE", from: "2023-01-01"),
]

/// One mandate row; an organisation agent when `agent` is a Y-tunnus.
func mandate(
  _ id: String, principal: String, agent: String, name: String? = nil,
  issue: String = "kelmu-etuustiedot-maksuvaatimukset", from: String = "2024-01-01",
  to: String? = nil, status: String = "ACTIVE"
) -> [String: String] {
  func type(_ id: String) -> String { id.count == 9 ? "ORG" : "PERSON" }
  var row = [
    "mandate_id": id, "status": status, "principal_type": type(principal),
    "principal_id": principal, "agent_type": type(agent), "agent_id": agent, "issue": issue,
    "valid_from": from,
  ]
  row["agent_name"] = name
  row["valid_to"] = to
  return row
}

/// The mandates every scenario starts from: Helsinki's employee directly,
/// Espoo through the joint authority, Vantaa and the county through their own.
let baseMandates: [[String: String]] = [
  mandate("M-HKI-1", principal: Cast.helsinki, agent: Cast.employee, name: "Testi Henkilö"),
  mandate("M-ESP-1", principal: Cast.espoo, agent: Cast.kuntayhtyma),
  mandate(
    "M-KY-1", principal: Cast.kuntayhtyma, agent: Cast.jointEmployee, name: "Toinen Testaaja"),
  mandate("M-VAN-1", principal: Cast.vantaa, agent: Cast.colleague, name: "Kolmas Testaaja"),
  mandate("M-HVA-1", principal: Cast.county, agent: Cast.colleague, name: "Kolmas Testaaja"),
]

/// One `ADD` claim row of Helsinki's employee, valid as it stands on the
/// scenarios' usual dates; each argument replaces one field.
func claim(
  _ id: String, claimant: String = Cast.helsinki, by registeredBy: String = Cast.employee,
  client: String = Cast.client, type: String = "TOIMEENTULOTUKI_ENNAKKO",
  basis: String? = nil, benefit: String = "YLEINEN_ASUMISTUKI",
  start: String = "2026-10-01", end: String = "2026-10-31", amount: String = "450,00",
  iban: String = "FI2112345600000785", reference: String? = nil,
  decision: String = "2026-10-05", nonDisclosure: String? = nil
) -> [String: String] {
  let care = type == "LAITOSHOITO" || type == "PERHEHOITO"
  var row = [
    "claim_id": id, "action": "ADD", "claimant_y_tunnus": claimant,
    "registered_by": registeredBy, "client_hetu": client, "claim_type": type,
    "legal_basis": basis ?? (care ? "ASIAKASMAKSULAKI_14" : "TOIMEENTULOTUKILAKI_23"),
    "benefit": benefit, "period_start": start, "period_end": end, "amount": amount,
    "iban": iban, "decision_date": decision,
  ]
  row["reference"] = reference
  row["non_disclosure"] = nonDisclosure
  return row
}

func cancel(_ id: String, claimant: String = Cast.helsinki) -> [String: String] {
  ["claim_id": id, "action": "CANCEL", "claimant_y_tunnus": claimant]
}

/// One problem of a receipt as partners read it.
struct ReceiptProblem: Equatable, CustomStringConvertible {
  var severity: String
  var code: String
  var line: Int?
  var record: Int?
  var field: String?
  var recordID: String?

  var description: String {
    "\(severity) \(code) line \(line.map(String.init) ?? "-") record "
      + "\(record.map(String.init) ?? "-") field \(field ?? "-") id \(recordID ?? "-")"
  }
}

/// The attributes of every `<element …>` start tag in `xml`, in order.
func startTags(_ element: String, in xml: String) -> [[String: String]] {
  let tag = try! NSRegularExpression(pattern: "<\(element)(?: [^>]*)?>")
  let attribute = try! NSRegularExpression(pattern: "([A-Za-z0-9]+)=\"([^\"]*)\"")
  return tag.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).map { match in
    let text = String(xml[Range(match.range, in: xml)!])
    var out: [String: String] = [:]
    for pair in attribute.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
      out[String(text[Range(pair.range(at: 1), in: text)!])] =
        String(text[Range(pair.range(at: 2), in: text)!])
    }
    return out
  }
}

/// A receipt with its problems in full.
struct ScenarioReceipt {
  var xml: String
  var receipt: Receipt
  var problems: [ReceiptProblem]
  var path: String

  init(_ xml: String, path: String) throws {
    self.xml = xml
    self.path = path
    receipt = try Receipt(xml)
    problems = startTags("Problem", in: xml).map {
      ReceiptProblem(
        severity: $0["severity"] ?? "", code: $0["code"] ?? "", line: $0["line"].flatMap(Int.init),
        record: $0["record"].flatMap(Int.init), field: $0["field"], recordID: $0["recordId"])
    }
  }

  var status: String { receipt.status }
  /// records, accepted, rejected, ignored.
  var counts: [Int] {
    ["records", "accepted", "rejected", "ignored"].map { Int(receipt.counts[$0] ?? "") ?? -1 }
  }
  var warnings: Int { Int(startTags("Counts", in: xml).first?["warnings"] ?? "") ?? -1 }
  /// The codes, without the warning every test person's code brings.
  var codes: [String] { significant.map(\.code) }
  var significant: [ReceiptProblem] { problems.filter { $0.code != "HETU_TEMPORARY" } }
  /// Every record is exactly one of accepted, rejected, ignored; `warnings`
  /// counts the warnings listed; a file rejected whole accepts nothing.
  func expectConsistentCounts() {
    let c = counts
    #expect(c[0] == c[1] + c[2] + c[3], "\(path): \(c)")
    #expect(warnings == problems.filter { $0.severity == "warning" }.count, "\(path)")
    if status == "REJECTED" { #expect(c[1] == 0 && c[3] == 0, "\(path): \(c)") }
    if status == "ACCEPTED" { #expect(c[2] == 0, "\(path): \(c)") }
  }

  /// The significant codes of one record (1-based).
  func codes(record: Int) -> [String] {
    significant.filter { $0.record == record }.map(\.code)
  }
}

/// A notification as its recipient reads it.
struct Note: Equatable, CustomStringConvertible {
  var code: String
  var refType: String?
  var refID: String?
  var description: String { "\(code)(\(refType ?? "-"):\(refID ?? "-"))" }
}

/// One Kela batch.
struct Batch {
  var claims: [[String: String]]
  var control: [String: String]

  var adds: [String] { claims.filter { $0["action"] == "ADD" }.compactMap { $0["id"] } }
  var cancels: [String] { claims.filter { $0["action"] == "CANCEL" }.compactMap { $0["id"] } }
}

/// A data root driven night by night: files written into the inbox, then
/// `siirto run --now <date>T02:00:00Z` (04:00 in Helsinki, the same date).
final class Scenario: @unchecked Sendable {
  let sandbox = try! Sandbox()
  /// Written files get ever newer modification times, so that the files of
  /// one kind are taken in the order the scenario wrote them.
  private var written = 0

  /// Writes a file at the top of the inbox (from ops).
  func ops(_ name: String, _ content: String) throws {
    try put(name, content, folder: nil)
  }

  /// Writes a file into a partner's inbox folder.
  func partner(_ y: String, _ name: String, _ content: String) throws {
    try put(name, content, folder: y)
  }

  private func put(_ name: String, _ content: String, folder: String?) throws {
    written += 1
    try sandbox.write(name, content, in: folder, age: 3600 - Double(written))
  }

  func ops(register rows: [[String: String]], name: String = "register.csv") throws {
    try ops(name, csv(Columns.register, rows))
  }

  func ops(mandates rows: [[String: String]], name: String = "mandates.csv") throws {
    try ops(name, csv(Columns.mandates, rows))
  }

  func ops(registration rows: [[String: String]], name: String = "requests.csv") throws {
    try ops(name, csv(Columns.registration, rows))
  }

  func ops(claims rows: [[String: String]], name: String = "claims.csv") throws {
    try ops(name, csv(Columns.claims, rows))
  }

  func partner(_ y: String, claims rows: [[String: String]], name: String = "claims.csv") throws {
    try partner(y, name, csv(Columns.claims, rows))
  }

  /// The usual first night's files: the base register and mandates.
  func baseline() throws {
    try ops(register: baseRegister)
    try ops(mandates: baseMandates)
  }

  static func runID(_ date: String, suffix: String = "") -> String {
    date.replacingOccurrences(of: "-", with: "") + "-020000" + suffix
  }

  /// Runs the night of `date`.
  @discardableResult
  func night(_ date: String, _ extra: [String] = []) throws -> Sandbox.Result {
    let result = try sandbox.run(extra, now: "\(date)T02:00:00Z")
    guard result.status == 0 || result.status == 1 else {
      throw ScenarioError.run(result.status, result.stderr)
    }
    try expectNoIdentityCodes()
    return result
  }

  /// Outside the Kela batch no output carries a valid henkilötunnus standing
  /// on its own (a run ID's digits may happen to spell one): checked after
  /// every night, whatever the scenario.
  private func expectNoIdentityCodes() throws {
    let pattern = try NSRegularExpression(
      pattern: "(?<![A-Za-z0-9])[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y](?![A-Za-z0-9])")
    for path in try sandbox.files().keys
    where path.hasPrefix("outbox/") && !path.hasPrefix("outbox/kela/") || path.hasPrefix("reports/")
    {
      let text = try sandbox.read(path)
      let found = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
        String(text[Range($0.range, in: text)!])
      }
      #expect(found.filter { Hetu($0) != nil }.isEmpty, "an identity code in \(path)")
    }
  }

  /// The receipt of the file `name` in the run `runID`, wherever its sender's outbox is.
  func receipt(_ name: String, run runID: String) throws -> ScenarioReceipt {
    let outbox = sandbox.root.appendingPathComponent("outbox")
    let fm = FileManager.default
    for folder in (try? fm.contentsOfDirectory(atPath: outbox.path)) ?? [] {
      let dir = outbox.appendingPathComponent(folder)
      for file in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? []
      where file.hasPrefix("receipt-\(runID)-") {
        let xml = try sandbox.read("outbox/\(folder)/\(file)")
        if startTags("File", in: xml).first?["name"] == name {
          let receipt = try ScenarioReceipt(xml, path: "outbox/\(folder)/\(file)")
          receipt.expectConsistentCounts()
          return receipt
        }
      }
    }
    throw ScenarioError.missing("receipt of \(name) in \(runID)")
  }

  /// The receipt of `name` in the night of `date` (its first run).
  func receipt(_ name: String, night date: String) throws -> ScenarioReceipt {
    try receipt(name, run: Scenario.runID(date))
  }

  /// What `recipient` heard in the run: nothing when it has no file.
  func notes(_ recipient: String, run runID: String) throws -> [Note] {
    let path = "outbox/\(recipient)/notifications-\(runID).xml"
    guard FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent(path).path)
    else { return [] }
    let xml = try sandbox.read(path)
    return startTags("Notification", in: xml).map {
      Note(code: $0["code"] ?? "", refType: $0["refType"], refID: $0["refId"])
    }
  }

  func notes(_ recipient: String, night date: String) throws -> [Note] {
    try notes(recipient, run: Scenario.runID(date))
  }

  func codes(_ recipient: String, night date: String) throws -> [String] {
    try notes(recipient, night: date).map(\.code)
  }

  /// Every notification file of the run, by recipient folder.
  func allNotes(run runID: String) throws -> [String: [Note]] {
    let outbox = sandbox.root.appendingPathComponent("outbox")
    var out: [String: [Note]] = [:]
    for folder in (try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? [] {
      let notes = try notes(folder, run: runID)
      if !notes.isEmpty { out[folder] = notes }
    }
    return out
  }

  /// The Kela batch of the run, nil when the run wrote none.
  func batch(run runID: String) throws -> Batch? {
    let path = "outbox/kela/claims-\(runID).xml"
    guard FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent(path).path)
    else { return nil }
    let xml = try sandbox.read(path)
    return Batch(
      claims: startTags("Claim", in: xml), control: startTags("Control", in: xml).first ?? [:])
  }

  func batch(night date: String) throws -> Batch? { try batch(run: Scenario.runID(date)) }

  /// The rows a query returns, each as its columns' text joined by `|`.
  func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [String] {
    try sandbox.database().read { db in
      try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
        row.databaseValues.map(Scenario.text).joined(separator: "|")
      }
    }
  }

  private static func text(_ value: DatabaseValue) -> String {
    switch value.storage {
    case .null: return "NULL"
    case .int64(let n): return String(n)
    case .double(let x): return String(x)
    case .string(let s): return s
    case .blob(let data): return data.base64EncodedString()
    }
  }

  func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
    try sandbox.database().read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
  }
}

enum ScenarioError: Error {
  case run(Int32, String)
  case missing(String)
}
