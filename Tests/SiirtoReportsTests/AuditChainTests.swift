import Foundation
import GRDB
import SiirtoCore
import SiirtoFormats
import SiirtoReports
import SiirtoStore
import Testing

/// A data root in a temporary folder with one run's files recorded.
final class AuditFixture {
  let root: URL
  let store: Store
  let files = [
    ("archive/2026/11/22/claims.csv", AuditFileRole.input, "a;b\n1;2\n"),
    ("outbox/0201256-6/receipt-20261122-020000-1.xml", .output, "<Receipt/>\n"),
    ("outbox/kela/claims-20261122-020000.xml", .output, "<ClaimBatch/>\n"),
    ("reports/20261122-020000/report.html", .report, "<html></html>\n"),
    ("rejected/2026/11/22/bad name\n.csv", .input, "x\n"),
  ]

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "siirto-audit-\(UUID().uuidString)")
    store = try Store()
    var recorded: [AuditFile] = []
    for (path, role, content) in files {
      try write(path, content)
      recorded.append(AuditFile(role: role, path: path, sha256: FileDigest.sha256(content)))
    }
    try write("reports/index.html", "<html>index</html>")
    try store.queue.write { db in
      try AuditChain.append(
        runID: "20261121-020000", startedAt: Timestamp(seconds: 1_000),
        finishedAt: Timestamp(seconds: 1_010), files: [], hashing: .sha256, in: db)
      try AuditChain.append(
        runID: "20261122-020000", startedAt: Timestamp(seconds: 2_000),
        finishedAt: Timestamp(seconds: 2_010), files: recorded, hashing: .sha256, in: db)
      try AuditChain.append(
        runID: "20261123-020000", startedAt: Timestamp(seconds: 3_000),
        finishedAt: Timestamp(seconds: 3_010), files: [], hashing: .sha256, in: db)
    }
  }

  deinit { try? FileManager.default.removeItem(at: root) }

  func write(_ path: String, _ content: String) throws {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(content.utf8).write(to: url)
  }

  func url(_ path: String) -> URL { root.appendingPathComponent(path) }

  func verify() throws -> AuditVerification {
    try store.queue.read { try AuditChain.verify(root: root, hashing: .sha256, in: $0) }
  }
}

@Suite struct AuditChainTests {
  @Test func appendedChainVerifiesClean() throws {
    let f = try AuditFixture()
    let result = try f.verify()
    #expect(result.isClean, "\(result.findings)")
    #expect(result.records == 3 && result.filesChecked == 5)
    let records = try f.store.queue.read { try AuditChain.records(in: $0) }
    #expect(records[0].previousHash == nil)
    #expect(records[1].previousHash == records[0].hash)
    #expect(try f.store.queue.read { try AuditChain.lastHash(in: $0) } == records[2].hash)
    #expect(
      records[1].canonicalForm.contains(
        "input \(FileDigest.sha256("x\n")) rejected/2026/11/22/bad name\\x0A.csv\n"))
    #expect(FileDigest.sha256(records[1].canonicalForm) == records[1].hash)
  }

  @Test func canonicalFormIsFixed() {
    let record = AuditRecord(
      seq: 7, kind: .prune, runID: "20261201-020000", startedAt: Timestamp(seconds: 0),
      finishedAt: Timestamp(seconds: 61),
      files: [
        AuditFile(role: .pruned, path: "archive/b\\c", sha256: "bb"),
        AuditFile(role: .pruned, path: "archive/a\tb", sha256: "aa"),
      ], previousHash: nil, hash: "")
    #expect(
      record.canonicalForm == """
        siirto-audit-record/1
        seq 7
        kind prune
        run 20261201-020000
        started 1970-01-01T00:00:00Z
        finished 1970-01-01T00:01:01Z
        previous -
        pruned aa archive/a\\x09b
        pruned bb archive/b\\\\c

        """)
  }

  @Test func oneChangedByteIsAltered() throws {
    let f = try AuditFixture()
    try f.write("archive/2026/11/22/claims.csv", "a;b\n1;3\n")
    let result = try f.verify()
    #expect(
      result.findings == [
        AuditFinding(
          kind: .altered, path: "archive/2026/11/22/claims.csv", seq: 2, runID: "20261122-020000")
      ])
  }

  @Test func deletedFileIsMissing() throws {
    let f = try AuditFixture()
    try FileManager.default.removeItem(at: f.url("reports/20261122-020000/report.html"))
    #expect(try f.verify().findings.map(\.kind) == [.missing])
    #expect(try f.verify().findings.first?.path == "reports/20261122-020000/report.html")
  }

  @Test func deliveredOutboxFileIsNoFinding() throws {
    let f = try AuditFixture()
    try FileManager.default.removeItem(at: f.url("outbox/kela/claims-20261122-020000.xml"))
    let result = try f.verify()
    #expect(result.isClean)
    #expect(result.delivered == 1)
  }

  @Test func alteredOutboxFileIsStillAltered() throws {
    let f = try AuditFixture()
    try f.write("outbox/kela/claims-20261122-020000.xml", "<ClaimBatch x='1'/>\n")
    #expect(try f.verify().findings.map(\.kind) == [.altered])
  }

  @Test func addedFileIsUnexpected() throws {
    let f = try AuditFixture()
    try f.write("archive/2026/11/22/extra.csv", "x")
    try f.write("reports/20261122-020000/notes.txt", "x")
    let result = try f.verify()
    #expect(result.findings.map(\.kind) == [.unexpected, .unexpected])
    #expect(
      result.findings.map(\.path) == [
        "archive/2026/11/22/extra.csv", "reports/20261122-020000/notes.txt",
      ])
  }

  @Test func symbolicLinkIsUnexpectedAndNotFollowed() throws {
    let f = try AuditFixture()
    try FileManager.default.createSymbolicLink(
      at: f.url("outbox/0201256-6/link.xml"),
      withDestinationURL: f.url("outbox/kela/claims-20261122-020000.xml"))
    #expect(try f.verify().findings.map(\.path) == ["outbox/0201256-6/link.xml"])
  }

  @Test func prunedFileIsNotMissing() throws {
    let f = try AuditFixture()
    try FileManager.default.removeItem(at: f.url("archive/2026/11/22/claims.csv"))
    let prune = try f.store.queue.write { db in
      try AuditChain.appendPrune(
        runID: "20261201-020000", at: Timestamp(seconds: 9_000),
        removedPaths: ["archive/2026/11/22/claims.csv"], hashing: .sha256, in: db)
    }
    #expect(prune.runID == "20261201-020000")
    let result = try f.verify()
    #expect(result.isClean, "\(result.findings)")
    #expect(result.pruned == 1 && result.records == 4)
  }

  @Test func brokenLinkIsNamed() throws {
    let f = try AuditFixture()
    try f.store.queue.write { db in
      try db.execute(
        sql: "UPDATE audit_record SET previous_hash = ? WHERE seq = 3",
        arguments: [String(repeating: "0", count: 64)])
    }
    let findings = try f.verify().findings
    #expect(findings.contains(AuditFinding(kind: .brokenLink, seq: 3, runID: "20261123-020000")))
  }

  @Test func removedRecordBreaksTheChain() throws {
    let f = try AuditFixture()
    try f.store.queue.write { db in try db.execute(sql: "DELETE FROM audit_record WHERE seq = 1") }
    #expect(try f.verify().findings.map(\.kind) == [.brokenLink])
  }

  @Test func editedRecordIsNamed() throws {
    let f = try AuditFixture()
    try f.store.queue.write { db in
      try db.execute(
        sql: "UPDATE audit_file SET sha256 = ? WHERE path = ?",
        arguments: [
          FileDigest.sha256("forged"), "archive/2026/11/22/claims.csv",
        ])
    }
    let kinds = try f.verify().findings.map(\.kind)
    #expect(kinds.contains(.recordAltered))
  }
}
