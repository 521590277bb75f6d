import Foundation
import SiirtoCore
import SiirtoFormats
import SiirtoReports
import Testing

@Suite struct GoldenOutputTests {
  func check(_ name: String, _ actual: [UInt8]) throws {
    let expected = try Golden.expected(name, actual: actual)
    #expect(actual == expected, "\(name) differs from its golden file")
  }

  @Test func receipt() throws {
    let bytes = try ReceiptWriter.render(Scenario.receipt)
    try check("receipt.xml", bytes)
    #expect(try ReceiptWriter.render(Scenario.receipt) == bytes)
  }

  @Test func duplicateReceipt() throws {
    try check("receipt-duplicate.xml", try ReceiptWriter.render(Scenario.duplicateReceipt))
  }

  @Test func notifications() throws {
    let documents = NotificationMessages.documents(
      runID: Scenario.runID, createdAt: Scenario.now, events: Scenario.events)
    #expect(documents.map(\.recipient) == ["0101263-6", "0201256-6"])
    for document in documents {
      try check("notifications-\(document.recipient).xml", try NotificationsWriter.render(document))
    }
  }

  @Test func claimBatch() throws {
    let (bytes, summary) = try ClaimBatchWriter.render(
      batchID: Scenario.runID, createdAt: Scenario.now,
      records: ClaimBatchWriter.sorted(Scenario.batch))
    try check("claims-20261122-020000.xml", bytes)
    #expect(summary.addCount == 2 && summary.cancelCount == 1)
    #expect(summary.totalAmount == Cents(168_456))
  }

  @Test func reports() throws {
    try check("report.html", Array(ReportHTML.render(Scenario.report).utf8))
    try check("report.json", Array(try ReportJSON.render(Scenario.report).utf8))
    try check(
      "problems.csv",
      Array(ProblemsCSV.render(Scenario.report.problems, runID: Scenario.runID).utf8))
    try check("index.html", Array(ReportIndexHTML.render(Scenario.index).utf8))
    #expect(ReportHTML.render(Scenario.report) == ReportHTML.render(Scenario.report))
    #expect(try ReportJSON.render(Scenario.report) == ReportJSON.render(Scenario.report))
  }
}

@Suite struct SchemaValidationTests {
  func documents() throws -> [(OutboundSchema, [UInt8])] {
    let notifications = NotificationMessages.documents(
      runID: Scenario.runID, createdAt: Scenario.now, events: Scenario.events)
    let many = (1...1_500).map { Problem(.REQUIRED, at: Location(line: $0 + 1, record: $0)) }
    var capped = Scenario.receipt
    capped = ReceiptDocument(
      runID: capped.runID, createdAt: capped.createdAt, fileName: capped.fileName,
      bytes: capped.bytes, receivedAt: capped.receivedAt, sha256: capped.sha256,
      kind: capped.kind, format: capped.format, status: .REJECTED, counts: capped.counts,
      problems: many)
    let notRead = ReceiptDocument(
      runID: Scenario.runID, createdAt: Scenario.now, fileName: Scenario.awkwardName,
      bytes: 5_000_000_000, receivedAt: Scenario.now, sha256: nil, kind: nil, format: nil,
      status: .REJECTED,
      counts: .zero, problems: [Problem(.FILE_TOO_LARGE)])
    return [
      (.receipt, try ReceiptWriter.render(Scenario.receipt)),
      (.receipt, try ReceiptWriter.render(Scenario.duplicateReceipt)),
      (.receipt, try ReceiptWriter.render(capped)),
      (.receipt, try ReceiptWriter.render(notRead)),
      (
        .kelaClaims,
        try ClaimBatchWriter.render(
          batchID: Scenario.runID, createdAt: Scenario.now,
          records: ClaimBatchWriter.sorted(Scenario.batch)
        ).bytes
      ),
      (
        .kelaClaims,
        try ClaimBatchWriter.render(
          batchID: Scenario.runID, createdAt: Scenario.now, records: []
        ).bytes
      ),
    ] + (try notifications.map { (.notification, try NotificationsWriter.render($0)) })
  }

  @Test func everyOutboundFileValidatesWithOurValidator() throws {
    for (schema, bytes) in try documents() {
      let validator = try OutboundValidator(schema)
      #expect(validator.problems(in: bytes) == [], "\(schema)")
    }
  }

  @Test func everyOutboundFileValidatesWithXmllint() throws {
    for (schema, bytes) in try documents() {
      let (status, output) = try xmllint(bytes, schema: schema)
      #expect(status == 0, "\(schema): \(output)")
    }
  }

  @Test func validatorReportsBreakagesWithoutPrinting() throws {
    let validator = try OutboundValidator(.receipt)
    let broken = Array(
      #"<Receipt xmlns="urn:siirto:receipt:1" runId="x" createdAt="2026-11-22T02:00:03Z"/>"#.utf8)
    let problems = validator.problems(in: broken)
    #expect(!problems.isEmpty)
    #expect(throws: OutboundValidationError.self) { try validator.check(broken) }
    // libxml2's own messages, with their lines: the schema's and the parser's.
    #expect(problems.allSatisfy { $0.hasPrefix("line 1: ") })
    let unfinished = validator.problems(in: Array("<Receipt".utf8))
    #expect(!unfinished.isEmpty)
    #expect(unfinished.allSatisfy { $0.hasPrefix("line 1: ") })
  }

  @Test func claimBatchFileAndSidecar() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "siirto-batch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("claims-20261122-020000.xml").path
    let summary = try ClaimBatchWriter.write(
      batchID: Scenario.runID, createdAt: Scenario.now,
      records: ClaimBatchWriter.sorted(Scenario.batch), to: path)
    let inMemory = try ClaimBatchWriter.render(
      batchID: Scenario.runID, createdAt: Scenario.now,
      records: ClaimBatchWriter.sorted(Scenario.batch))
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == inMemory.bytes)
    let sidecar = try String(contentsOfFile: path + ".sha256", encoding: .utf8)
    #expect(sidecar == "\(summary.sha256)  claims-20261122-020000.xml\n")
    #expect(summary.sha256 == inMemory.summary.sha256)
    try OutboundValidator(.kelaClaims).check(fileAt: path)
    // sha256sum itself agrees with the sidecar.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sha256sum", "--check", "--status", path + ".sha256"]
    process.currentDirectoryURL = dir
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  @Test func batchRecordsOutOfOrderAreRefused() {
    #expect(throws: ClaimBatchError.self) {
      _ = try ClaimBatchWriter.render(
        batchID: Scenario.runID, createdAt: Scenario.now, records: Scenario.batch)
    }
  }
}

@Suite struct ReceiptRuleTests {
  @Test func problemsPastOneThousandAreCounted() throws {
    let many = (1...1_234).map { Problem(.REQUIRED, at: Location(line: $0 + 1, record: $0)) }
    let receipt = ReceiptDocument(
      runID: Scenario.runID, createdAt: Scenario.now, fileName: Scenario.fileName, bytes: 1,
      receivedAt: Scenario.now, sha256: nil, kind: .claims, format: .csv, status: .REJECTED,
      counts: .zero, problems: many, moreProblems: 10)
    #expect(receipt.problems.count == 1_000)
    #expect(receipt.moreProblems == 244)
    let text = String(decoding: try ReceiptWriter.render(receipt), as: UTF8.self)
    #expect(text.components(separatedBy: "<Problem ").count - 1 == 1_000)
    #expect(text.contains(#"<MoreProblems count="244"/>"#))
    #expect(text.contains(#"line="1001""#) && !text.contains(#"line="1002""#))
  }

  @Test func duplicateCountsNothingAndHasNoKind() throws {
    let text = String(decoding: try ReceiptWriter.render(Scenario.duplicateReceipt), as: UTF8.self)
    #expect(text.contains(#"records="0" accepted="0" rejected="0" ignored="0" warnings="0""#))
    #expect(!text.contains("kind="))
    #expect(text.contains(#"<DuplicateOf runId="20261121-020000""#))
  }
}

@Suite struct FileNameEscapingTests {
  @Test func controlsDeleteAndInvalidBytesAreHexEscaped() {
    #expect(FileNameEscaping.escape(Array("a\tb\u{7F}c\n".utf8)) == "a\\x09b\\x7Fc\\x0A")
    #expect(FileNameEscaping.escape([0x61, 0xFF, 0xC3]) == "a\\xFF\\xC3")
    // Overlong encoding and a surrogate are not UTF-8.
    #expect(FileNameEscaping.escape([0xC0, 0xAF]) == "\\xC0\\xAF")
    #expect(FileNameEscaping.escape([0xED, 0xA0, 0x80]) == "\\xED\\xA0\\x80")
    #expect(
      FileNameEscaping.escape("Äänekoski maksut 2026 \"x\".csv")
        == "Äänekoski maksut 2026 \"x\".csv")
  }

  @Test func privacyFilterRunsBeforeEscaping() {
    let code = Scenario.hetu("010190", 902)
    #expect(FileNameEscaping.escape(Array("\n\(code).csv".utf8)) == "\\x0A******-****.csv")
    #expect(FileNameEscaping.escape(Array("\(code)".utf8) + [0xFF]) == "******-****\\xFF")
    // Not standing on its own: part of a longer token, left as it is.
    #expect(FileNameEscaping.escape("x\(code)") == "x\(code)")
  }
}

@Suite struct CSVTests {
  @Test func formulasAreNeutralised() {
    #expect(ProblemsCSV.neutralised("=SUM(A1)") == "'=SUM(A1)")
    #expect(ProblemsCSV.neutralised("+49 123") == "'+49 123")
    #expect(ProblemsCSV.neutralised("-cmd") == "'-cmd")
    #expect(ProblemsCSV.neutralised("@import") == "'@import")
    #expect(ProblemsCSV.neutralised("\tx") == "'\tx")
    #expect(ProblemsCSV.neutralised("\rx") == "'\rx")
    #expect(ProblemsCSV.neutralised("-12") == "-12")
    #expect(ProblemsCSV.neutralised("+3.50") == "+3.50")
    #expect(ProblemsCSV.neutralised("-1,5") == "-1,5")
    #expect(ProblemsCSV.neutralised("-") == "'-")
    #expect(ProblemsCSV.neutralised("HKI-1") == "HKI-1")
  }

  @Test func fieldsAreQuotedAfterNeutralising() {
    #expect(ProblemsCSV.field("=A,B") == "\"'=A,B\"")
    #expect(ProblemsCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
  }

  @Test func streamedFileEqualsRendered() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "siirto-\(UUID().uuidString).csv"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let rows = Array(repeating: Scenario.report.problems, count: 300).flatMap { $0 }
    try ProblemsCSV.write(rows, runID: Scenario.runID, to: path)
    #expect(
      try String(contentsOfFile: path, encoding: .utf8)
        == ProblemsCSV.render(rows, runID: Scenario.runID))
  }
}

@Suite struct WriterFailureTests {
  @Test func unwritablePathThrows() {
    #expect(throws: (any Error).self) {
      _ = try ClaimBatchWriter.write(
        batchID: Scenario.runID, createdAt: Scenario.now, records: [],
        to: "/nonexistent-siirto-dir/claims.xml")
    }
  }

  @Test("a full disk while the batch is written is the system's error (ENOSPC), not the writer's")
  func fullDisk() throws {
    let records = (0..<2_000).map { i -> BatchRecord in
      var claim = Scenario.claimA
      claim.claimID = "HKI-" + String(1_000_000 + i)
      return .add(claim)
    }
    #expect(throws: POSIXError(.ENOSPC)) {
      _ = try ClaimBatchWriter.write(
        batchID: Scenario.runID, createdAt: Scenario.now, records: records, to: "/dev/full")
    }
  }
}

@Suite struct ReportPageTests {
  @Test func pagesAreSelfContained() {
    for page in [ReportHTML.render(Scenario.report), ReportIndexHTML.render(Scenario.index)] {
      #expect(!page.lowercased().contains("<script"))
      #expect(!page.lowercased().contains("<link"))
      #expect(!page.contains("src="))
      // The only absolute URI is the SVG namespace; every link is relative.
      let hrefs = page.components(separatedBy: "href=\"").dropFirst().map {
        String($0.prefix { $0 != "\"" })
      }
      #expect(hrefs.allSatisfy { !$0.contains(":") && !$0.hasPrefix("/") })
    }
  }

  @Test func largeTablesShowTopRowsAndPointToTheCSV() {
    var report = Scenario.report
    report.problems = Array(repeating: Scenario.report.problems, count: 100).flatMap { $0 }
    report.problemTotal = 5_000
    let html = ReportHTML.render(report)
    #expect(html.contains("Showing the first 200 of 5000 problems"))
    #expect(html.contains("<a href=\"problems.csv\">problems.csv</a>"))
  }

  @Test func indexListsNewestFirst() {
    let html = ReportIndexHTML.render(Scenario.index)
    let order = ["20261122-020000-2/", "20261122-020000/", "20261121-020000/"].map {
      html.range(of: $0)!.lowerBound
    }
    #expect(order == order.sorted())
  }
}

@Suite struct ReportFilesTests {
  @Test func writesTheThreeFilesWithTheirHashes() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "siirto-reports-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let written = try ReportFiles.write(
      Scenario.report, problems: Scenario.report.problems, into: folder)
    #expect(written.map(\.name) == ["problems.csv", "report.html", "report.json"])
    for file in written {
      let path = folder.appendingPathComponent(file.name).path
      #expect(try FileDigest.sha256(fileAt: path) == file.sha256)
      #expect(try Golden.read(file.name).count == file.bytes)
    }
  }
}

@Suite struct LargeBatchTests {
  @Test func aLazySequenceStreamsIntoAValidFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "siirto-large-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("claims-20261122-020000.xml").path
    let count = 20_000
    let records = (0..<count).lazy.map { i -> BatchRecord in
      var claim = Scenario.claimA
      claim.claimID = "HKI-" + String(1_000_000 + i)
      return .add(claim)
    }
    let summary = try ClaimBatchWriter.write(
      batchID: Scenario.runID, createdAt: Scenario.now, records: records, to: path)
    #expect(summary.addCount == count)
    #expect(summary.totalAmount == Cents(45_000 * Int64(count)))
    #expect(try OutboundValidator(.kelaClaims).problems(inFileAt: path) == [])
  }

  @Test("the copy of a batch as it is written is the file, byte for byte, and its hash the file's")
  func copyWhileWriting() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("siirto-copy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("claims.xml").path
    var copied: [UInt8] = []
    let stream = try ClaimBatchStream(
      batchID: Scenario.runID, createdAt: Scenario.now, path: path,
      copy: {
        copied.append(contentsOf: $0); return true
      })
    for i in 0..<3_000 {
      var claim = Scenario.claimA
      claim.claimID = "HKI-" + String(1_000_000 + i)
      try stream.append(.add(claim))
    }
    let summary = try stream.finish()
    let written = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(written.count > 1 << 18)
    #expect(copied == written)
    #expect(summary.sha256 == FileDigest.sha256(written))
  }

  @Test("a document checked through a pipe: valid, or its problems with the pipe read to its end")
  func checkThroughPipe() throws {
    let validator = try OutboundValidator(.kelaClaims)
    let valid = try ClaimBatchWriter.render(
      batchID: Scenario.runID, createdAt: Scenario.now,
      records: ClaimBatchWriter.sorted(Scenario.batch)
    ).bytes
    // Breaks the schema at once, then goes on for longer than a pipe holds.
    let invalid =
      Array("<ClaimBatch xmlns='urn:siirto:kela-claims:1'><Nope/>".utf8)
      + [UInt8](repeating: 0x20, count: 1 << 20) + Array("</ClaimBatch>".utf8)
    for (document, isValid) in [(valid, true), (invalid, false)] {
      var ends: [Int32] = [-1, -1]
      #expect(pipe(&ends) == 0)
      let (readEnd, writeEnd) = (ends[0], ends[1])
      let writer = Thread {
        document.withUnsafeBytes { bytes in
          var done = 0
          while done < bytes.count {
            let n = write(writeEnd, bytes.baseAddress! + done, bytes.count - done)
            if n <= 0 { break }
            done += n
          }
        }
        close(writeEnd)
      }
      writer.start()
      let problems = validator.problems(readingFrom: readEnd)
      // Nothing is left: the rest was read, so the writer was never left blocked.
      var byte: UInt8 = 0
      #expect(read(readEnd, &byte, 1) == 0)
      close(readEnd)
      #expect(problems.isEmpty == isValid)
    }
  }
}
