import Foundation
import GRDB
import SiirtoCore
import SiirtoStore
import Testing

/// A test person: individual numbers 900–999 only, the control character computed.
func person(_ ddmmyy: String, century: Character = "-", _ individual: Int) -> Hetu {
  precondition((900...999).contains(individual))
  let q = Hetu.controlCharacter(ddmmyy: ddmmyy, individual: individual)
  return Hetu("\(ddmmyy)\(century)\(individual)\(q)")!
}

/// A valid Y-tunnus built from a seven-digit base (bases with no check digit are skipped).
func organisationID(_ base: Int) -> YTunnus {
  var n = base
  while true {
    let digits = String(n).leftPadded(7).map { Int(String($0))! }
    if let check = YTunnus.checkDigit(digits) {
      return YTunnus("\(String(n).leftPadded(7))-\(check)")!
    }
    n += 1
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}

let helsinki = YTunnus("0201256-6")!
let espoo = YTunnus("0101263-6")!
let vantaa = YTunnus("0124610-9")!
let omnia = YTunnus("0502454-6")!
let employee = person("010190", 900)
let colleague = person("020290", 904)
let client = person("150612", century: "A", 901)

/// What one file's processing returned.
struct FileResult {
  var begin: [Problem]
  var outcomes: [RecordOutcome]
  var finish: [Problem]

  var codes: [[ProblemCode]] { outcomes.map { $0.problems.map(\.code) } }
  var dispositions: [Disposition] { outcomes.map(\.disposition) }
}

/// An in-memory store and a way to feed it files night by night.
final class Harness {
  let store: Store
  var settings = DomainSettings()
  private var runs = 0

  init() throws { store = try Store() }

  func context(
    _ date: String, sender: Sender = .ops, sha: String? = nil, runID: String? = nil
  ) -> RunContext {
    RunContext(
      runID: runID ?? date, now: Timestamp.parse("\(date)T10:00:00Z")!,
      timeZone: TimeZone(identifier: "Europe/Helsinki")!, sender: sender, fileID: 1,
      settings: settings, fileSHA256: sha, pseudonymizer: Pseudonymizer(key: [1, 2, 3]))
  }

  /// Processes one file of `kind` on `date` inside a write transaction.
  @discardableResult
  func file(
    _ kind: InputKind, on date: String, sender: Sender = .ops, format: InputFormat = .csv,
    attributes: [String: String] = [:], sha: String? = nil, _ records: [[String: String]]
  ) throws -> FileResult {
    try store.queue.write { db in
      let state = StoreState(db, runID: date)
      var processor = Processors.make(
        kind: kind, context: context(date, sender: sender, sha: sha), state: state)
      let header = FileHeader(
        kind: kind, format: format, attributes: attributes, decimalComma: format == .csv)
      let begin = try processor.begin(header)
      var outcomes: [RecordOutcome] = []
      for (i, fields) in records.enumerated() {
        outcomes.append(
          try processor.process(RawRecord(number: i + 1, line: i + 2, fields: fields)))
      }
      return FileResult(begin: begin, outcomes: outcomes, finish: try processor.finish())
    }
  }

  /// The same file through `siirto validate`: no state.
  func validate(
    _ kind: InputKind, on date: String, format: InputFormat = .csv,
    _ records: [[String: String]]
  ) throws -> FileResult {
    var processor = Processors.make(kind: kind, context: context(date), state: nil)
    let begin = try processor.begin(FileHeader(kind: kind, format: format, decimalComma: true))
    var outcomes: [RecordOutcome] = []
    for (i, fields) in records.enumerated() {
      outcomes.append(try processor.process(RawRecord(number: i + 1, line: i + 2, fields: fields)))
    }
    return FileResult(begin: begin, outcomes: outcomes, finish: try processor.finish())
  }

  /// The time-driven evaluation of the run on `date` (run ID `date` unless given).
  func night(_ date: String, runID: String? = nil) throws {
    try store.queue.write { db in
      _ = try TimeDriven.evaluate(
        context: context(date, runID: runID), state: StoreState(db, runID: runID ?? date))
    }
  }

  /// The events of a run; none of them may carry a henkilötunnus, ever.
  func events(_ runID: String) throws -> [NotificationEvent] {
    let events = try store.queue.read { try DomainQueries($0).events(runID: runID) }
    for event in events {
      let texts = Array(event.arguments.values) + [event.refID ?? "", event.recipient]
      #expect(!texts.contains { PrivacyFilter.containsIdentityCode($0) })
    }
    return events
  }

  func organisation(_ y: YTunnus) throws -> Organisation? {
    try store.queue.read { try DomainQueries($0).organisation(y) }
  }

  func mandate(_ id: String) throws -> Mandate? {
    try store.queue.read { try StoreState($0, runID: "").mandate(id: id) }
  }

  /// The run that last wrote mandate `id`.
  func mandateRunID(_ id: String) throws -> String? {
    try store.queue.read {
      try String.fetchOne(
        $0, sql: "SELECT run_id FROM mandates WHERE mandate_id = ?", arguments: [id])
    }
  }

  func mayAct(_ p: Hetu, for y: YTunnus, on date: String) throws -> Bool {
    try store.queue.read { db in
      try Authorisation.mayAct(
        person: p, for: y, matter: MandateMatter.kelmuEtuustiedot.rawValue,
        on: LocalDate.parseISO(date)!, in: StoreState(db, runID: ""))
    }
  }
}

// MARK: Records

func kunta(_ y: YTunnus, _ name: String, code: String, from: String? = nil, to: String? = nil)
  -> [String: String]
{
  var r = ["y_tunnus": y.value, "name": name, "type": "KUNTA", "municipality_code": code]
  r["valid_from"] = from
  r["valid_to"] = to
  return r
}

func organisationRow(_ y: YTunnus, _ name: String, type: String) -> [String: String] {
  ["y_tunnus": y.value, "name": name, "type": type]
}

func mandateRow(
  _ id: String, principal: YTunnus, agent: Hetu, name: String? = "Testi Henkilö",
  matter: String = "kelmu-etuustiedot-maksuvaatimukset", from: String = "2026-01-01",
  to: String? = nil, status: String = "ACTIVE"
) -> [String: String] {
  var r = [
    "mandate_id": id, "status": status, "principal_type": "ORG", "principal_id": principal.value,
    "agent_type": "PERSON", "agent_id": agent.value, "issue": matter, "valid_from": from,
  ]
  r["agent_name"] = name
  r["valid_to"] = to
  return r
}

func orgMandateRow(
  _ id: String, principal: YTunnus, agent: YTunnus, from: String = "2026-01-01",
  to: String? = nil, status: String = "ACTIVE"
) -> [String: String] {
  var r = [
    "mandate_id": id, "status": status, "principal_type": "ORG", "principal_id": principal.value,
    "agent_type": "ORG", "agent_id": agent.value, "issue": "kelmu-etuustiedot-maksuvaatimukset",
    "valid_from": from,
  ]
  r["valid_to"] = to
  return r
}

func claimRow(
  _ id: String, claimant: YTunnus = helsinki, by: Hetu = employee, client: Hetu = client,
  type: String = "TOIMEENTULOTUKI_ENNAKKO", basis: String = "TOIMEENTULOTUKILAKI_23",
  benefit: String = "YLEINEN_ASUMISTUKI", start: String = "2026-10-01",
  end: String = "2026-10-31", amount: String = "450.00", decision: String = "2026-10-05"
) -> [String: String] {
  [
    "claim_id": id, "claimant_y_tunnus": claimant.value, "registered_by": by.value,
    "client_hetu": client.value, "claim_type": type, "legal_basis": basis, "benefit": benefit,
    "period_start": start, "period_end": end, "amount": amount, "iban": "FI2112345600000785",
    "reference": "12345672", "decision_date": decision,
  ]
}

func cancelRow(_ id: String, claimant: YTunnus = helsinki) -> [String: String] {
  ["claim_id": id, "claimant_y_tunnus": claimant.value, "action": "CANCEL"]
}

/// The error codes of an outcome, warnings and infos left out.
func errors(_ outcome: RecordOutcome) -> [ProblemCode] {
  outcome.problems.filter(\.isError).map(\.code)
}

extension Harness {
  /// Helsinki, Espoo and Vantaa as KUNTA, Omnia as KUNTAYHTYMA, registered on `date`.
  func registerBasics(on date: String = "2026-01-01") throws {
    try file(
      .register, on: date,
      [
        kunta(helsinki, "Helsingin kaupunki", code: "091"),
        kunta(espoo, "Espoon kaupunki", code: "049"),
        kunta(vantaa, "Vantaan kaupunki", code: "092"),
        organisationRow(omnia, "Omnia", type: "KUNTAYHTYMA"),
      ])
  }
}
