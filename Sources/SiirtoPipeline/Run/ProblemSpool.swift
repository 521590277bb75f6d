import Foundation
import SiirtoCore

/// The problems of one input file, in file order, on disk rather than in
/// memory: a file can hold a million bad records, and a rejected file's
/// problems must outlive the rollback of its records.
final class ProblemSpool {
  let path: BytePath
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private let encoder: JSONEncoder
  private(set) var count = 0
  private(set) var warnings = 0
  /// Problems per code, for the report's chart.
  private(set) var byCode: [ProblemCode: Int] = [:]

  init(path: BytePath) throws {
    self.path = path
    try Posix.writeNew(path, [])
    guard let handle = FileHandle(forWritingAtPath: path.string) else {
      throw IOFailure(operation: "open", path: path.string, errno: EIO)
    }
    self.handle = handle
    encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
  }

  deinit { try? handle.close() }

  func append(_ problem: Problem) throws {
    buffer.append(contentsOf: try encoder.encode(problem))
    buffer.append(0x0A)
    count += 1
    if problem.severity == .warning { warnings += 1 }
    byCode[problem.code, default: 0] += 1
    if buffer.count >= 1 << 16 { try flush() }
  }

  func flush() throws {
    guard !buffer.isEmpty else { return }
    try handle.write(contentsOf: buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  /// Reads the spool back, calling `body` for each problem in order.
  static func forEach(_ path: BytePath, _ body: (Problem) throws -> Void) throws {
    guard let reader = FileHandle(forReadingAtPath: path.string) else {
      throw IOFailure(operation: "open", path: path.string, errno: ENOENT)
    }
    defer { try? reader.close() }
    let decoder = JSONDecoder()
    var pending: [UInt8] = []
    while let chunk = try reader.read(upToCount: 1 << 20), !chunk.isEmpty {
      pending.append(contentsOf: chunk)
      var start = 0
      while let newline = pending[start...].firstIndex(of: 0x0A) {
        try body(try decoder.decode(Problem.self, from: Data(pending[start..<newline])))
        start = newline + 1
      }
      pending.removeFirst(start)
    }
  }

  /// The first `limit` problems.
  static func first(_ limit: Int, of path: BytePath) throws -> [Problem] {
    var out: [Problem] = []
    struct Enough: Error {}
    do {
      try forEach(path) { problem in
        if out.count == limit { throw Enough() }
        out.append(problem)
      }
    } catch is Enough {}
    return out
  }
}
