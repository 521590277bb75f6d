import Foundation
import SiirtoCore
import SiirtoFormats

/// Everything a read reported, for assertions.
struct ReadResult {
  var summary: ReadSummary
  var headers: [FileHeader] = []
  var records: [RawRecord] = []
  /// File-level and between-record problems, in order.
  var fileProblems: [Problem] = []

  /// File problems and every record's problems.
  var allProblems: [Problem] { fileProblems + records.flatMap(\.problems) }

  func problems(_ code: ProblemCode) -> [Problem] { allProblems.filter { $0.code == code } }

  var codes: [ProblemCode] { allProblems.map(\.code) }
}

/// Reads `path` and collects its events.
func read(_ path: String) throws -> ReadResult {
  var headers: [FileHeader] = []
  var records: [RawRecord] = []
  var problems: [Problem] = []
  let summary = try InputReader.read(path: path) { event in
    switch event {
    case .header(let header): headers.append(header)
    case .record(let record): records.append(record)
    case .problem(let problem): problems.append(problem)
    }
  }
  return ReadResult(summary: summary, headers: headers, records: records, fileProblems: problems)
}

/// The path of a committed fixture.
func fixture(_ name: String) -> String {
  Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
}

/// A directory of its own for one test's generated files, removed at the end.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("siirto-formats-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes `bytes` to a new file and returns its path.
  func file(_ name: String, _ bytes: [UInt8]) throws -> String {
    let path = url.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Writes `text` as UTF-8 to a new file and returns its path.
  func file(_ name: String, _ text: String) throws -> String {
    try file(name, Array(text.utf8))
  }
}

/// Reads `text` written to a temporary file.
func read(text: String, name: String = "input") throws -> ReadResult {
  let directory = try TemporaryDirectory()
  return try read(directory.file(name, text))
}

/// Reads `bytes` written to a temporary file.
func read(bytes: [UInt8], name: String = "input") throws -> ReadResult {
  let directory = try TemporaryDirectory()
  return try read(directory.file(name, bytes))
}
