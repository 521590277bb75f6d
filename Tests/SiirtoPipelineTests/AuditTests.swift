import Foundation
import Testing

/// `siirto audit verify` through the real binary, after a real night: what
/// an auditor runs to learn whether the files on disk are the ones recorded.
@Suite("siirto audit verify")
struct AuditTests {
  static let run = "20261122-020000"
  static let report = "reports/\(run)/report.json"
  static let archived = "archive/2026/11/22/\(run)/_ops/register.xml"
  static let outboxFile = "outbox/kela/claims-\(run).xml"

  /// night1, run once.
  static func night() throws -> Sandbox {
    let sandbox = try Sandbox()
    try sandbox.drop("night1")
    #expect(try sandbox.run().status == 1)
    return sandbox
  }

  /// Changes one byte in the middle of the file, keeping its size and times.
  static func flipByte(_ relative: String, in sandbox: Sandbox) throws {
    let url = sandbox.root.appendingPathComponent(relative)
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    var data = try Data(contentsOf: url)
    data[data.count / 2] ^= 0x20
    try data.write(to: url)
    try FileManager.default.setAttributes(
      [.modificationDate: attributes[.modificationDate]!], ofItemAtPath: url.path)
  }

  /// The lines of the output that name a finding, without the summary.
  static func findings(_ result: Sandbox.Result) -> [String] {
    result.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("audit chain:") }
  }

  @Test("a clean tree after a night verifies: exit 0, every file checked")
  func clean() throws {
    let sandbox = try AuditTests.night()
    let result = try sandbox.siirto(["audit", "verify"])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(AuditTests.findings(result).isEmpty)
    #expect(result.stdout.contains("audit chain: 1 records"))
    #expect(result.stdout.contains("intact"))
    #expect(result.stderr.isEmpty)
    let checked = try #require(
      result.stdout.firstMatch(of: /(\d+) files checked/).flatMap { Int($0.output.1) })
    // Inputs, receipts, notifications, the batch and its sidecar, the reports.
    let onDisk = try sandbox.files().keys.filter {
      !$0.hasPrefix("work/") && $0 != "reports/index.html"
    }
    #expect(checked == onDisk.count)
  }

  @Test("before any run there is nothing to verify: exit 0")
  func noRuns() throws {
    let sandbox = try Sandbox()
    let result = try sandbox.siirto(["audit", "verify"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("no runs yet"))
  }

  @Test("one changed byte in a report, an archived input and an outbox file: exit 1, each named")
  func tampered() throws {
    let sandbox = try AuditTests.night()
    for path in [AuditTests.report, AuditTests.archived, AuditTests.outboxFile] {
      try AuditTests.flipByte(path, in: sandbox)
    }
    let result = try sandbox.siirto(["audit", "verify"])
    #expect(result.status == 1)
    #expect(
      AuditTests.findings(result) == [
        "altered \(AuditTests.archived) record 1 run \(AuditTests.run)",
        "altered \(AuditTests.outboxFile) record 1 run \(AuditTests.run)",
        "altered \(AuditTests.report) record 1 run \(AuditTests.run)",
      ])
    #expect(result.stdout.contains("3 finding(s)"))
  }

  @Test("each kind of tampering alone is found", arguments: [report, archived, outboxFile])
  func tamperedAlone(path: String) throws {
    let sandbox = try AuditTests.night()
    try AuditTests.flipByte(path, in: sandbox)
    let result = try sandbox.siirto(["audit", "verify"])
    #expect(result.status == 1)
    #expect(AuditTests.findings(result) == ["altered \(path) record 1 run \(AuditTests.run)"])
  }

  @Test("an archived input removed is missing; a file no record names is unexpected")
  func missingAndUnexpected() throws {
    let sandbox = try AuditTests.night()
    try FileManager.default.removeItem(at: sandbox.root.appendingPathComponent(AuditTests.archived))
    let planted = "reports/\(AuditTests.run)/extra.html"
    try Data("<p>planted</p>".utf8).write(to: sandbox.root.appendingPathComponent(planted))
    let result = try sandbox.siirto(["audit", "verify"])
    #expect(result.status == 1)
    #expect(
      AuditTests.findings(result) == [
        "missing \(AuditTests.archived) record 1 run \(AuditTests.run)",
        "unexpected \(planted)",
      ])
  }

  @Test("an outbox file the transport took away is delivered, not missing")
  func delivered() throws {
    let sandbox = try AuditTests.night()
    try FileManager.default.removeItem(
      at: sandbox.root.appendingPathComponent(AuditTests.outboxFile))
    let result = try sandbox.siirto(["audit", "verify"])
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stdout.contains("1 delivered from the outbox"))
  }

  @Test("pruned files are not tampering; tampering after a prune still is")
  func pruned() throws {
    let sandbox = try AuditTests.night()
    // A second night, so that one run is past retention and one is not.
    try sandbox.write("muistiinpanot-2.txt", "ei siirtoaineisto\n")
    #expect(try sandbox.run(now: "2026-12-20T02:00:00Z").status == 1)

    let prune = try sandbox.siirto(
      ["prune", "--older-than", "10", "--now", "2026-12-21T02:00:00Z"])
    #expect(prune.status == 0, "\(prune.stderr)")
    #expect(prune.stdout.contains("of 1 run(s) before 2026-12-11"), "\(prune.stdout)")
    let left = try sandbox.files().keys
    #expect(!left.contains { $0.hasPrefix("archive/2026/11/22/") })
    #expect(!left.contains { $0.hasPrefix("rejected/2026/11/22/") })
    #expect(!left.contains { $0.hasPrefix("reports/\(AuditTests.run)/") })
    #expect(left.contains { $0.hasPrefix("rejected/2026/12/20/") })
    #expect(left.contains("reports/20261220-020000/report.json"))

    let verify = try sandbox.siirto(["audit", "verify"])
    #expect(verify.status == 0, "\(verify.stdout)")
    #expect(verify.stdout.contains("audit chain: 3 records"))
    #expect(verify.stdout.contains("intact"))
    let pruned = try #require(
      verify.stdout.firstMatch(of: /(\d+) pruned/).flatMap { Int($0.output.1) })
    #expect(pruned > 0)

    try AuditTests.flipByte("reports/20261220-020000/report.json", in: sandbox)
    let after = try sandbox.siirto(["audit", "verify"])
    #expect(after.status == 1)
    #expect(
      AuditTests.findings(after) == [
        "altered reports/20261220-020000/report.json record 2 run 20261220-020000"
      ])
  }

  @Test("a record changed in the database breaks the chain")
  func recordAltered() throws {
    let sandbox = try AuditTests.night()
    try sandbox.database().write { db in
      try db.execute(sql: "UPDATE audit_record SET finished_at = '2026-11-22T03:00:00Z'")
    }
    let result = try sandbox.siirto(["audit", "verify"])
    #expect(result.status == 1)
    #expect(AuditTests.findings(result) == ["record-altered record 1 run \(AuditTests.run)"])
  }
}
