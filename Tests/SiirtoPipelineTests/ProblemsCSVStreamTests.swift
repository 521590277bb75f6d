import Foundation
import SiirtoFormats
import SiirtoReports
import Testing

@testable import SiirtoCore
@testable import SiirtoPipeline

/// problems.csv made on its own thread from the blocks the spools flush: the
/// lines come in the run's order, the digest is the file's, and a failure on
/// the writing side stops the run instead of hanging it.
@Suite("problems.csv stream")
struct ProblemsCSVStreamTests {
  static func folder() throws -> BytePath {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("problems-stream-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return BytePath(path)
  }

  /// Spool bytes of `count` problems, record numbers from `first`.
  static func block(records: ClosedRange<Int>) -> [UInt8] {
    var bytes: [UInt8] = []
    for n in records {
      let problem = Problem(
        .HETU_TEMPORARY, at: Location(line: n + 1, record: n, field: "client_hetu"))
      SpoolCoding.append(problem, to: &bytes)
    }
    return bytes
  }

  static func lines(_ path: BytePath) throws -> [Substring] {
    let text = try String(contentsOfFile: path.string, encoding: .utf8)
    return text.split(separator: "\r\n", omittingEmptySubsequences: true)
  }

  @Test("blocks of several files, more than are ever in flight, become lines in order")
  func order() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder.string) }
    let path = folder.appending("problems.csv")
    let stream = try ProblemsCSVStream(runID: "20261122-020000", path: path)
    let blocks = 3 * ProblemsCSVStream.blocksAhead
    for b in 0..<blocks {
      let first = b * 10 + 1
      try stream.append(
        seq: 1, name: Array("a.csv".utf8), bytes: Self.block(records: first...(first + 9)))
    }
    try stream.append(seq: 2, name: Array("b.csv".utf8), bytes: Self.block(records: 1...2))
    let written = try stream.finish()

    let lines = try Self.lines(path)
    #expect(lines.first.map(String.init) == ProblemsCSV.header.trimmingCharacters(in: .newlines))
    #expect(lines.count == 1 + blocks * 10 + 2)
    let records = lines.dropFirst().map { line -> String in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      return "\(fields[1]) \(fields[2]) \(fields[4]) \(fields[7])"
    }
    #expect(records.first == "1 a.csv HETU_TEMPORARY 1")
    #expect(records[blocks * 10 - 1] == "1 a.csv HETU_TEMPORARY \(blocks * 10)")
    #expect(Array(records.suffix(2)) == ["2 b.csv HETU_TEMPORARY 1", "2 b.csv HETU_TEMPORARY 2"])
    let data = try Data(contentsOf: URL(fileURLWithPath: path.string))
    #expect(written.sha256 == FileDigest.sha256(data))
    #expect(written.bytes == Int64(data.count))
  }

  @Test("the file is created exclusively: an existing one is never replaced")
  func exclusive() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder.string) }
    let path = folder.appending("problems.csv")
    try Data("kept".utf8).write(to: URL(fileURLWithPath: path.string))
    #expect(throws: (any Error).self) {
      _ = try ProblemsCSVStream(runID: "20261122-020000", path: path)
    }
    #expect(try String(contentsOfFile: path.string, encoding: .utf8) == "kept")
  }

  @Test("a block that is not whole problems fails the next hand-over and the finish")
  func failure() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder.string) }
    let stream = try ProblemsCSVStream(
      runID: "20261122-020000", path: folder.appending("problems.csv"))
    var torn = Self.block(records: 1...3)
    torn.removeLast()
    try stream.append(seq: 1, name: Array("a.csv".utf8), bytes: torn)
    // The writing thread stops on the torn block; hand-overs then throw
    // rather than wait for room that never comes.
    var refused = false
    for _ in 0..<(4 * ProblemsCSVStream.blocksAhead) {
      do {
        try stream.append(seq: 1, name: Array("a.csv".utf8), bytes: Self.block(records: 4...4))
      } catch {
        refused = true
        break
      }
    }
    #expect(refused)
    #expect(throws: SpoolCoding.Damaged.self) { _ = try stream.finish() }
  }

  @Test("a cancelled stream returns at once and never reports the file as written")
  func cancel() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder.string) }
    let path = folder.appending("problems.csv")
    let stream = try ProblemsCSVStream(runID: "20261122-020000", path: path)
    for b in 0..<ProblemsCSVStream.blocksAhead {
      try stream.append(
        seq: 1, name: Array("a.csv".utf8),
        bytes: Self.block(records: (b * 1000 + 1)...(b * 1000 + 1000)))
    }
    stream.cancel()
    // However far the thread got, its file is no output of the run's.
    #expect(throws: (any Error).self) { _ = try stream.finish() }
  }
}
