import Foundation
import GRDB
import SiirtoCore
import Testing

/// `samples/` of this checkout and what `samples/bad/EXPECTED.md` says of
/// each bad file, read the way the file describes.
enum Samples {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")
  static let inbox = root.appendingPathComponent("inbox")
  static let bad = root.appendingPathComponent("bad")
  static let schemas = root.deletingLastPathComponent().appendingPathComponent("schemas")

  /// Every file under `folder`, as paths relative to it, sorted.
  static func files(under folder: URL) -> [String] {
    let all = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
    return all.filter { relative in
      var isDir: ObjCBool = false
      let exists = FileManager.default.fileExists(
        atPath: folder.appendingPathComponent(relative).path, isDirectory: &isDir)
      return exists && !isDir.boolValue
    }.sorted()
  }

  /// How a bad file is checked: alone, in a partner folder, or after the scenario.
  enum Mode: String, Sendable { case validate, run, state }

  /// One problem as EXPECTED.md lists it, and as an output reports it.
  struct Row: Equatable, Sendable, CustomStringConvertible {
    var severity: String
    var code: String
    var line: Int?
    var record: Int?
    var field: String?

    var description: String {
      "\(severity) \(code) line \(line.map(String.init) ?? "-") record "
        + "\(record.map(String.init) ?? "-") field \(field ?? "-")"
    }
  }

  struct Expectation: Sendable, CustomStringConvertible {
    var path: String
    var mode: Mode
    var status: String
    /// records, accepted, rejected, ignored.
    var counts: [Int]
    var problems: [Row]

    var description: String { path }

    /// The outbox folder of its receipt: the partner folder, or `_ops` for the
    /// top of the inbox and for a folder that is no Y-tunnus.
    var receiptFolder: String {
      let parts = path.split(separator: "/")
      guard parts.count == 2, let y = YTunnus(String(parts[0])), y.value == parts[0] else {
        return "_ops"
      }
      return y.value
    }
    var name: String { String(path.split(separator: "/").last!) }
  }

  static let expectations: [Expectation] = {
    let text =
      (try? String(contentsOf: bad.appendingPathComponent("EXPECTED.md"), encoding: .utf8))
      ?? ""
    var out: [Expectation] = []
    func cell(_ value: Substring) -> String? {
      let trimmed = value.trimmingCharacters(in: .whitespaces)
        .trimmingCharacters(in: CharacterSet(charactersIn: "`"))
      return trimmed.isEmpty ? nil : trimmed
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("## `") {
        let rest = line.dropFirst(4)
        let close = rest.firstIndex(of: "`")!
        let tail = rest[rest.index(after: close)...]
        let mode: Mode = tail.hasSuffix("state") ? .state : tail.hasSuffix("run") ? .run : .validate
        out.append(
          Expectation(
            path: String(rest[..<close]), mode: mode, status: "", counts: [], problems: []))
      } else if line.hasPrefix("Status `"), !out.isEmpty {
        let words = line.split(whereSeparator: { " `:,.".contains($0) })
        out[out.count - 1].status = String(words[1])
        out[out.count - 1].counts = words.compactMap { Int($0) }
      } else if line.hasPrefix("| "), !line.hasPrefix("| severity"), !line.hasPrefix("| ---"),
        !out.isEmpty
      {
        let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst()
          .map { $0 }
        out[out.count - 1].problems.append(
          Row(
            severity: cell(cells[0]) ?? "", code: cell(cells[1]) ?? "",
            line: cell(cells[2]).flatMap { Int($0) }, record: cell(cells[3]).flatMap { Int($0) },
            field: cell(cells[4])))
      }
    }
    return out
  }()

  static func expectations(_ mode: Mode) -> [Expectation] {
    expectations.filter { $0.mode == mode }
  }

  /// The problems of a receipt, the warning every temporary henkilötunnus gives left out.
  static func problems(ofReceipt xml: String) -> [Row] {
    let tag = try! NSRegularExpression(pattern: "<Problem [^>]*>")
    let attribute = try! NSRegularExpression(pattern: "([A-Za-z]+)=\"([^\"]*)\"")
    return tag.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).compactMap { match in
      let element = String(xml[Range(match.range, in: xml)!])
      var values: [String: String] = [:]
      for a in attribute.matches(in: element, range: NSRange(element.startIndex..., in: element)) {
        values[String(element[Range(a.range(at: 1), in: element)!])] =
          String(element[Range(a.range(at: 2), in: element)!])
      }
      guard values["code"] != "HETU_TEMPORARY" else { return nil }
      return Row(
        severity: values["severity"] ?? "", code: values["code"] ?? "",
        line: values["line"].flatMap { Int($0) }, record: values["record"].flatMap { Int($0) },
        field: values["field"])
    }
  }

  /// Status and counts (records, accepted, rejected, ignored) of a receipt.
  static func outcome(ofReceipt xml: String) -> (status: String, counts: [Int]) {
    let status =
      xml.range(of: "(?<=<Status>)[A-Z_]+", options: .regularExpression)
      .map { String(xml[$0]) } ?? ""
    let counts = ["records", "accepted", "rejected", "ignored"].map { name -> Int in
      guard let range = xml.range(of: "(?<=\(name)=\")[0-9]+", options: .regularExpression)
      else { return -1 }
      return Int(xml[range]) ?? -1
    }
    return (status, counts)
  }
}

extension Sandbox {
  /// Copies files of `samples/<folder>` into the inbox at the same relative place.
  func dropSamples(_ relativePaths: [String], from folder: URL) throws {
    let fm = FileManager.default
    for relative in relativePaths {
      let to = inbox.appendingPathComponent(relative)
      try fm.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
      try fm.copyItem(at: folder.appendingPathComponent(relative), to: to)
    }
  }

  /// The receipts a run wrote: "folder/name as dropped" → receipt text.
  func receipts(ofRun runID: String) throws -> [String: String] {
    var out: [String: String] = [:]
    let pattern = "/receipt-\(runID)-[0-9]+\\.xml$"
    for path in try files(under: "outbox").keys
    where path.range(of: pattern, options: .regularExpression) != nil {
      let xml = try read(path)
      let folder = path.split(separator: "/")[1]
      guard let range = xml.range(of: "(?<=<File name=\")[^\"]*", options: .regularExpression)
      else { continue }
      out["\(folder)/\(xml[range])"] = xml
    }
    return out
  }
}

/// `samples/` as issue 4 promises it: the night of `inbox/` is accepted, and
/// every bad file gives exactly the problems `bad/EXPECTED.md` lists.
@Suite("Samples")
struct SamplesTests {
  static let scenarioRun = "20261122-020000"
  static let secondRun = "20261122-020000-2"

  @Test("EXPECTED.md has one section per bad file, each with its status and counts")
  func coverage() {
    let listed = Samples.expectations.map(\.path)
    let present = Samples.files(under: Samples.bad).filter { $0 != "EXPECTED.md" }
    #expect(listed.count >= 30)
    #expect(listed.sorted() == present)
    #expect(Set(listed).count == listed.count)
    for expectation in Samples.expectations {
      #expect(!expectation.status.isEmpty, "\(expectation.path)")
      #expect(expectation.counts.count == 4, "\(expectation.path)")
      #expect(!expectation.problems.isEmpty || expectation.status == "ACCEPTED")
      #expect(
        expectation.problems.allSatisfy { ["error", "warning", "info"].contains($0.severity) })
      #expect(
        expectation.problems.allSatisfy { ProblemCode(rawValue: $0.code) != nil },
        "\(expectation.path)")
    }
  }

  @Test(
    "siirto validate gives each stateless bad file exactly its expected problems",
    arguments: Samples.expectations(.validate))
  func validate(expectation: Samples.Expectation) throws {
    let sandbox = try Sandbox()
    let result = try sandbox.siirto([
      "validate", "--now", Sandbox.now, "--format", "json",
      Samples.bad.appendingPathComponent(expectation.path).path,
    ])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let file = try #require((json["files"] as? [[String: Any]])?.first)
    let rows = (file["problems"] as? [[String: Any]] ?? []).compactMap { p -> Samples.Row? in
      guard p["code"] as? String != "HETU_TEMPORARY" else { return nil }
      return Samples.Row(
        severity: p["severity"] as? String ?? "", code: p["code"] as? String ?? "",
        line: p["line"] as? Int, record: p["record"] as? Int, field: p["field"] as? String)
    }
    #expect(rows == expectation.problems)
    #expect(file["status"] as? String == expectation.status)
    let counts = file["counts"] as? [String: Int] ?? [:]
    #expect(
      ["records", "accepted", "rejected", "ignored"].map { counts[$0] ?? -1 }
        == expectation.counts)
    let valid = !expectation.problems.contains { $0.severity == "error" }
    #expect(result.status == (valid ? 0 : 1))
  }

  @Test(
    "a bad file about its partner folder gives its expected receipt in a night of its own",
    arguments: Samples.expectations(.run))
  func run(expectation: Samples.Expectation) throws {
    let sandbox = try Sandbox()
    try sandbox.dropSamples([expectation.path], from: Samples.bad)
    let result = try sandbox.run()
    #expect(result.status == 1)
    let receipt = try #require(
      try sandbox.receipts(ofRun: Self.scenarioRun)[
        "\(expectation.receiptFolder)/\(expectation.name)"])
    Self.check(receipt, against: expectation)
    // Rejected whole: nothing of it reached the state.
    let applied = try sandbox.database().read { db in
      try Int.fetchOne(
        db, sql: "SELECT (SELECT count(*) FROM mandates) + (SELECT count(*) FROM claims)")
    }
    #expect(applied == 0)
  }

  @Test("after the scenario, every bad file dropped together gives its expected receipt")
  func badNight() throws {
    let sandbox = try Self.scenario()
    let files = Samples.expectations.map(\.path)
    try sandbox.dropSamples(files, from: Samples.bad)
    let result = try sandbox.run()
    #expect(result.status == 1)
    let receipts = try sandbox.receipts(ofRun: Self.secondRun)
    #expect(receipts.count == files.count)
    for expectation in Samples.expectations {
      let receipt = receipts["\(expectation.receiptFolder)/\(expectation.name)"]
      #expect(receipt != nil, "no receipt for \(expectation.path)")
      if let receipt { Self.check(receipt, against: expectation) }
    }
    // What the notes of EXPECTED.md promise beside the receipts.
    let ops = try sandbox.read("outbox/_ops/notifications-\(Self.secondRun).xml")
    #expect(ops.contains("recipient=\"_ops\""))
    #expect(ops.contains("refId=\"REQ-2026-0053\""))
    #expect(ops.contains("YTUNNUS_INVALID"))
    let naapuriapu = try sandbox.read("outbox/9400037-7/notifications-\(Self.secondRun).xml")
    #expect(naapuriapu.contains("REGISTRATION_INCOMPLETE"))
    let helsinki = try sandbox.read("outbox/0201256-6/notifications-\(Self.secondRun).xml")
    #expect(helsinki.contains("code=\"MANDATE_ENDED\" refType=\"mandate\" refId=\"M-000002\""))
    try Self.checkOutputs(of: sandbox)
  }

  @Test("the night of samples/inbox is accepted, as samples/README.md describes it")
  func inboxNight() throws {
    let sandbox = try Self.scenario()
    let receipts = try sandbox.receipts(ofRun: Self.scenarioRun)
    let records: [String: Int] = [
      "_ops/rekisteri-2026-11-21.xml": 15, "_ops/rekisterointipyynnot-2026-11.csv": 3,
      "_ops/valtuudet-VAL-20261121-01.xml": 20, "0201256-6/maksuvaatimukset-2026-11.csv": 7,
      "0502454-6/espoo-maksuvaatimukset-2026-11.xml": 3, "0204819-8/turku-claims-20261120.csv": 3,
      "9300011-3/PIRHA_maksuvaatimukset_marraskuu.csv": 4,
      "9300020-1/varha-maksuvaatimukset-2026-11.xml": 3, "9300038-3/popha_mv_20261121.csv": 2,
    ]
    #expect(Set(receipts.keys) == Set(records.keys))
    let warnings: [String: [String]] = [
      "_ops/valtuudet-VAL-20261121-01.xml": ["MANDATE_ISSUE_IGNORED"],
      "0201256-6/maksuvaatimukset-2026-11.csv": Array(repeating: "DATE_FINNISH_FORMAT", count: 3)
        + ["CLAIM_LATE"],
      "9300011-3/PIRHA_maksuvaatimukset_marraskuu.csv": ["FILE_ENCODING_WINDOWS_1252"]
        + Array(repeating: "DATE_FINNISH_FORMAT", count: 12),
      "9300020-1/varha-maksuvaatimukset-2026-11.xml": ["CLAIM_LATE"],
    ]
    for (key, xml) in receipts {
      let outcome = Samples.outcome(ofReceipt: xml)
      #expect(outcome.status == "ACCEPTED", "\(key)")
      let ignored = key.hasPrefix("_ops/valtuudet") ? 1 : 0
      let count = records[key] ?? -1
      #expect(outcome.counts == [count, count - ignored, 0, ignored], "\(key)")
      #expect(Samples.problems(ofReceipt: xml).map(\.code) == warnings[key] ?? [], "\(key)")
    }
    let batch = try sandbox.read("outbox/kela/claims-\(Self.scenarioRun).xml")
    #expect(batch.components(separatedBy: "<Claim ").count - 1 == 22)
    #expect(!batch.contains("action=\"CANCEL\""))
    func notifications(_ y: String) throws -> String {
      try sandbox.read("outbox/\(y)/notifications-\(Self.scenarioRun).xml")
    }
    for claimant in ["0201256-6", "0101263-6", "0204819-8", "9300011-3", "9300020-1", "9300038-3"] {
      #expect(try notifications(claimant).contains("CLAIMS_FORWARDED"), "\(claimant)")
    }
    #expect(try notifications("0502454-6").contains("CLAIMS_FORWARDED"), "Omnia sent Espoo's file")
    #expect(try notifications("9100025-9").contains("MANDATE_MISSING"))
    #expect(try notifications("0124610-9").contains("MANDATE_MISSING"))
    #expect(try notifications("9300038-3").contains("MANDATE_EXPIRING"))
    try Self.checkOutputs(of: sandbox)
  }

  @Test("each sample XML that keeps to its XSD passes xmllint; each that breaks it fails both")
  func xsd() throws {
    let breaking: Set<String> = [
      "XML_SCHEMA", "XML_MALFORMED", "XML_DTD_FORBIDDEN", "FILE_UNKNOWN_KIND",
    ]
    let expected = Dictionary(uniqueKeysWithValues: Samples.expectations.map { ($0.path, $0) })
    var checked = 0
    for (folder, paths) in [
      (Samples.inbox, Samples.files(under: Samples.inbox)),
      (Samples.bad, Samples.files(under: Samples.bad)),
    ] {
      for path in paths where path.hasSuffix(".xml") {
        let url = folder.appendingPathComponent(path)
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        let kind = InputKind.allCases.first {
          text.contains("xmlns=\"urn:siirto:\($0.rawValue):1\"")
        }
        let breaks = expected[path]?.problems.contains { breaking.contains($0.code) } ?? false
        let passes = try Self.xmllint(url, schema: "\((kind ?? .claims).rawValue).xsd")
        #expect(passes == !breaks, "\(path)")
        if breaks && folder == Samples.bad {
          let result = try Sandbox().siirto(["validate", "--now", Sandbox.now, url.path])
          #expect(result.status == 1, "\(path)")
        }
        checked += 1
      }
    }
    #expect(checked >= 15)
  }

  /// `frictionless` where one is installed: `$FRICTIONLESS`, else on the `PATH`.
  static let frictionless: String? = {
    let candidates =
      [ProcessInfo.processInfo.environment["FRICTIONLESS"]].compactMap { $0 }
      + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map {
        "\($0)/frictionless"
      }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  @Test(
    "each valid sample CSV passes frictionless validate with its kind's Table Schema",
    .enabled(if: frictionless != nil, "frictionless is not installed"))
  func tableSchema() throws {
    let valid =
      Samples.files(under: Samples.inbox).filter { $0.hasSuffix(".csv") }
      .map { Samples.inbox.appendingPathComponent($0) }
      + [Samples.bad.appendingPathComponent("varoitukset.csv")]
    for url in valid {
      let bytes = try Data(contentsOf: url)
      let text = String(decoding: bytes, as: UTF8.self)
      let header = text.prefix { $0 != "\n" && $0 != "\r\n" }
      let kind = header.contains("request_id") ? "registration" : "claims"
      let delimiter = header.contains(";") ? ";" : ","
      let utf8 = String(validating: bytes, as: UTF8.self) != nil
      let process = Process()
      process.executableURL = URL(fileURLWithPath: Self.frictionless!)
      process.arguments = [
        "validate", "--schema",
        Samples.schemas.appendingPathComponent("\(kind).tableschema.json").path,
        "--dialect", "{\"delimiter\": \"\(delimiter)\"}", "--encoding", utf8 ? "utf-8" : "cp1252",
        // Absolute paths, which frictionless follows only when trusted.
        "--trusted", url.path,
      ]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "\(url.lastPathComponent)")
    }
  }

  // MARK: - Support

  /// A sandbox where the night of `samples/inbox/` has run (accepted: exit 0, silent).
  static func scenario() throws -> Sandbox {
    let sandbox = try Sandbox()
    try sandbox.dropSamples(Samples.files(under: Samples.inbox), from: Samples.inbox)
    let result = try sandbox.run()
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.isEmpty && result.stderr.isEmpty, "a clean night prints nothing")
    return sandbox
  }

  static func check(_ receipt: String, against expectation: Samples.Expectation) {
    #expect(Samples.problems(ofReceipt: receipt) == expectation.problems, "\(expectation.path)")
    let outcome = Samples.outcome(ofReceipt: receipt)
    #expect(outcome.status == expectation.status, "\(expectation.path)")
    #expect(outcome.counts == expectation.counts, "\(expectation.path)")
  }

  /// Every output but the Kela batch is free of henkilötunnus, and every
  /// notification message has its arguments filled.
  static func checkOutputs(of sandbox: Sandbox) throws {
    for path in try sandbox.files(under: "outbox").keys.sorted() where !path.contains("/kela/") {
      let text = try sandbox.read(path)
      #expect(!PrivacyFilter.containsIdentityCode(text), "\(path)")
      if path.contains("/notifications-") { #expect(!text.contains("–"), "\(path)") }
    }
    for path in try sandbox.files(under: "reports").keys {
      #expect(!PrivacyFilter.containsIdentityCode(try sandbox.read(path)), "\(path)")
    }
  }

  static func xmllint(_ file: URL, schema: String) throws -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
    process.arguments = [
      "--noout", "--nonet", "--schema", Samples.schemas.appendingPathComponent(schema).path,
      file.path,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}
