import Foundation
import SiirtoFormats
import Testing

@testable import SiirtoCore
@testable import SiirtoPipeline

/// The reader on its own thread: the caller sees exactly what a plain read
/// gives, in order, each record prepared, and either side can stop it.
@Suite("Read-ahead")
struct ReadAheadTests {
  /// A claims file of `count` records, more than a few of ReadAhead's batches;
  /// every seventh has a bad IBAN, every eleventh a field too many.
  static func claimsFile(_ count: Int) throws -> String {
    var text =
      "claim_id;action;claimant_y_tunnus;registered_by;client_hetu;claim_type;legal_basis;"
      + "benefit;period_start;period_end;amount;iban;reference;decision_date;non_disclosure\n"
    for i in 1...count {
      let iban = i % 7 == 0 ? "FI0000000000000000" : "FI8701000000253408"
      let extra = i % 11 == 0 ? ";x" : ""
      text +=
        "C-\(i);ADD;0201256-6;281091-9829;180900A955N;LAITOSHOITO;ASIAKASMAKSULAKI_14;"
        + "TAKUUELAKE;2027-01-01;2027-01-31;10,00;\(iban);;2026-11-21;\(extra)\n"
    }
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("read-ahead-\(UUID().uuidString).csv").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  static let context = RunContext(
    runID: "20261122-020000", now: Timestamp(seconds: 1_795_312_800),
    timeZone: TimeZone(identifier: "Europe/Helsinki")!, sender: .ops, fileID: nil,
    settings: DomainSettings())

  static let preparer: @Sendable (FileHeader) -> any RecordPreparer = { header in
    Processors.preparer(for: header, context: context, stateful: false)
  }

  /// What one event says, to compare the two ways of reading.
  static func line(_ event: ReaderEvent) -> String {
    switch event {
    case .header(let header): return "header \(header.kind) \(header.columns.count)"
    case .record(let r): return "record \(r.number) \(r.line) \(r.problems.map(\.code))"
    case .problem(let p): return "problem \(p.code)"
    }
  }

  @Test("events arrive as a plain read gives them, each record prepared")
  func sameEvents() throws {
    let path = try Self.claimsFile(3 * ReadAhead.batchSize * ReadAhead.batchesAhead + 17)
    defer { try? FileManager.default.removeItem(atPath: path) }
    var plain: [String] = []
    let plainSummary = try InputReader.read(path: path) { plain.append(Self.line($0)) }

    var ahead: [String] = []
    var prepared = 0
    let summary = try ReadAhead.read(path: path, preparer: Self.preparer) { event in
      switch event {
      case .header(let header): ahead.append(Self.line(.header(header)))
      case .problem(let problem): ahead.append(Self.line(.problem(problem)))
      case .record(let record):
        ahead.append(Self.line(.record(record.record)))
        if case .claim = record.findings { prepared += 1 }
      }
    }
    #expect(ahead == plain)
    #expect(summary.records == plainSummary.records)
    #expect(summary.records == 3 * ReadAhead.batchSize * ReadAhead.batchesAhead + 17)
    #expect(prepared == summary.records)
    #expect(ahead.contains { $0.hasPrefix("record 11 12 [") && $0.contains("CSV_FIELD_COUNT") })
  }

  @Test("a prepared claim is judged as one prepared by its processor")
  func preparedJudgedAlike() throws {
    let path = try Self.claimsFile(40)
    defer { try? FileManager.default.removeItem(atPath: path) }
    var viaThread: [[ProblemCode]] = []
    var processor: (any RecordProcessor)?
    _ = try ReadAhead.read(path: path, preparer: Self.preparer) { event in
      if case .header(let header) = event {
        processor = Processors.make(kind: header.kind, context: Self.context, state: nil)
        _ = try processor!.begin(header)
      } else if case .record(let record) = event {
        viaThread.append(try processor!.process(record).problems.map(\.code))
      }
    }
    var inline: [[ProblemCode]] = []
    _ = try InputReader.read(path: path) { event in
      if case .header(let header) = event {
        processor = Processors.make(kind: header.kind, context: Self.context, state: nil)
        _ = try processor!.begin(header)
      } else if case .record(let record) = event {
        inline.append(try processor!.process(record).problems.map(\.code))
      }
    }
    #expect(viaThread == inline)
    #expect(viaThread[6].contains(.IBAN_INVALID))
    #expect(viaThread[0] == [.HETU_TEMPORARY, .HETU_TEMPORARY])
  }

  struct Enough: Error {}

  @Test("the caller's error stops the reader and is the one thrown")
  func callerStops() throws {
    let path = try Self.claimsFile(20 * ReadAhead.batchSize)
    defer { try? FileManager.default.removeItem(atPath: path) }
    var seen = 0
    #expect(throws: Enough.self) {
      try ReadAhead.read(path: path, preparer: Self.preparer) { event in
        guard case .record = event else { return }
        seen += 1
        if seen == 300 { throw Enough() }
      }
    }
    #expect(seen == 300)
  }

  @Test("a file that cannot be opened is the reader's error")
  func readerFails() {
    #expect(throws: InputFileError.self) {
      try ReadAhead.read(path: "/nonexistent/claims.csv", preparer: Self.preparer) { _ in }
    }
  }
}
