import Foundation
import SiirtoCore

/// The problems of one input file, in file order, on disk rather than in
/// memory: a file can hold a million bad records, and a rejected file's
/// problems must outlive the rollback of its records.
///
/// The spool lives only in `work/stage/` for the length of one run, so its
/// form is Siirto's own (``SpoolCoding``): a JSON encoder per problem cost
/// more than reading and checking the record it came from.
final class ProblemSpool {
  let path: BytePath
  private let handle: FileHandle
  /// Gets every flushed block too (``ProblemsCSVStream``).
  private let handOff: (([UInt8]) throws -> Void)?
  private var buffer: [UInt8] = []
  private(set) var count = 0
  private(set) var warnings = 0
  /// Problems per code, for the report's chart.
  private(set) var byCode: [ProblemCode: Int] = [:]

  init(path: BytePath, handOff: (([UInt8]) throws -> Void)? = nil) throws {
    self.path = path
    self.handOff = handOff
    try Posix.writeNew(path, [])
    guard let handle = FileHandle(forWritingAtPath: path.string) else {
      throw IOFailure(operation: "open", path: path.string, errno: EIO)
    }
    self.handle = handle
  }

  deinit { try? handle.close() }

  func append(_ problem: Problem) throws {
    SpoolCoding.append(problem, to: &buffer)
    count += 1
    if problem.severity == .warning { warnings += 1 }
    byCode[problem.code, default: 0] += 1
    if buffer.count >= 1 << 16 { try flush() }
  }

  func flush() throws {
    guard !buffer.isEmpty else { return }
    try handle.write(contentsOf: buffer)
    try handOff?(buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  /// Reads the spool back, calling `body` for each problem in order.
  static func forEach(_ path: BytePath, _ body: (Problem) throws -> Void) throws {
    guard let reader = FileHandle(forReadingAtPath: path.string) else {
      throw IOFailure(operation: "open", path: path.string, errno: ENOENT)
    }
    defer { try? reader.close() }
    var pending: [UInt8] = []
    while let chunk = try reader.read(upToCount: 1 << 20), !chunk.isEmpty {
      pending.append(contentsOf: chunk)
      var start = 0
      while let (problem, next) = try SpoolCoding.problem(in: pending, at: start) {
        try body(problem)
        start = next
      }
      pending.removeFirst(start)
    }
    guard pending.isEmpty else { throw SpoolCoding.Damaged() }
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

/// One problem as bytes: a 4-byte length, then its fields in a fixed order —
/// severity and code as their names, the location's numbers and texts, the
/// variant, the arguments — each text length-prefixed, each optional behind
/// a presence byte.
enum SpoolCoding {
  /// A spool that does not decode: a bug, never the input's fault.
  struct Damaged: Error, CustomStringConvertible {
    var description: String { "internal error: a problem spool of the run is damaged" }
  }

  static func append(_ p: Problem, to out: inout [UInt8]) {
    let start = out.count
    out.append(contentsOf: [0, 0, 0, 0])
    text(p.severity.rawValue, &out)
    text(p.code.rawValue, &out)
    number(p.location.line, &out)
    number(p.location.column, &out)
    number(p.location.record, &out)
    optionalText(p.location.field, &out)
    optionalText(p.location.recordID, &out)
    optionalText(p.location.path, &out)
    optionalText(p.variant, &out)
    length(p.arguments.count, &out)
    for (name, value) in p.arguments {
      text(name, &out)
      text(value, &out)
    }
    let size = UInt32(out.count - start - 4)
    for i in 0..<4 { out[start + i] = UInt8(truncatingIfNeeded: size >> (8 * i)) }
  }

  /// The problem at `offset` and the offset after it; `nil` when `bytes` ends
  /// before the whole record.
  static func problem(in bytes: [UInt8], at offset: Int) throws -> (Problem, Int)? {
    guard offset + 4 <= bytes.count else { return nil }
    var size = 0
    for i in 0..<4 { size |= Int(bytes[offset + i]) << (8 * i) }
    let end = offset + 4 + size
    guard end <= bytes.count else { return nil }
    var reader = Reader(bytes: bytes, at: offset + 4, end: end)
    guard let severity = Severity(rawValue: try reader.text()),
      let code = ProblemCode(rawValue: try reader.text())
    else { throw Damaged() }
    let location = Location(
      line: try reader.number(), column: try reader.number(), record: try reader.number(),
      field: try reader.optionalText(), recordID: try reader.optionalText(),
      path: try reader.optionalText())
    let variant = try reader.optionalText()
    var arguments: [String: String] = [:]
    for _ in 0..<(try reader.length()) { arguments[try reader.text()] = try reader.text() }
    guard reader.at == end else { throw Damaged() }
    return (
      Problem(code, at: location, variant: variant, arguments: arguments, severity: severity), end
    )
  }

  private static func length(_ n: Int, _ out: inout [UInt8]) {
    for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: n >> (8 * i))) }
  }

  private static func text(_ s: String, _ out: inout [UInt8]) {
    length(s.utf8.count, &out)
    out.append(contentsOf: s.utf8)
  }

  private static func optionalText(_ s: String?, _ out: inout [UInt8]) {
    guard let s else { return out.append(0) }
    out.append(1)
    text(s, &out)
  }

  private static func number(_ n: Int?, _ out: inout [UInt8]) {
    guard let n else { return out.append(0) }
    out.append(1)
    for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: n >> (8 * i))) }
  }

  private struct Reader {
    let bytes: [UInt8]
    var at: Int
    let end: Int

    mutating func byte() throws -> UInt8 {
      guard at < end else { throw Damaged() }
      defer { at += 1 }
      return bytes[at]
    }

    mutating func length() throws -> Int {
      var n = 0
      for i in 0..<4 { n |= Int(try byte()) << (8 * i) }
      return n
    }

    mutating func text() throws -> String {
      let n = try length()
      guard at + n <= end else { throw Damaged() }
      defer { at += n }
      return String(decoding: bytes[at..<(at + n)], as: UTF8.self)
    }

    mutating func optionalText() throws -> String? {
      try byte() == 0 ? nil : try text()
    }

    mutating func number() throws -> Int? {
      guard try byte() != 0 else { return nil }
      var n: UInt64 = 0
      for i in 0..<8 { n |= UInt64(try byte()) << (8 * UInt64(i)) }
      return Int(truncatingIfNeeded: n)
    }
  }
}
