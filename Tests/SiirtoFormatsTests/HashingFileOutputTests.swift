import Foundation
import Testing

@testable import SiirtoFormats

/// The output that writes, hashes and copies a file in one pass: on its own
/// thread it must give exactly what it gives on the caller's.
@Suite("Hashing file output")
struct HashingFileOutputTests {
  static func path() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "hashing-\(UUID().uuidString).bin"
    ).path
  }

  /// Three megabytes in pieces of uneven sizes, as libxml2 hands them over.
  static let pieces: [[UInt8]] = {
    var generator = SystemRandomNumberGenerator()
    var out: [[UInt8]] = []
    var total = 0
    var n: UInt8 = 0
    while total < 3 << 20 {
      let size = Int.random(in: 1...9_000, using: &generator)
      out.append(
        (0..<size).map { _ in
          n &+= 37
          return n
        })
      total += size
    }
    return out
  }()

  /// Writes the pieces; returns the digest, the size and what the copy got.
  static func write(to path: String, ownThread: Bool) throws -> (String, Int64, [UInt8]) {
    final class Copied: @unchecked Sendable { var bytes: [UInt8] = [] }
    let copied = Copied()
    let output = try HashingFileOutput(
      path: path,
      copy: { block in
        copied.bytes.append(contentsOf: block)
        return true
      }, ownThread: ownThread)
    for piece in pieces {
      #expect(piece.withUnsafeBytes { output.write($0) })
    }
    let digest = try output.close()
    return (digest, output.bytes, copied.bytes)
  }

  @Test("on its own thread: the same file, digest, size and copy as on the caller's")
  func sameOnItsOwnThread() throws {
    let plain = Self.path()
    let threaded = Self.path()
    defer {
      try? FileManager.default.removeItem(atPath: plain)
      try? FileManager.default.removeItem(atPath: threaded)
    }
    let a = try Self.write(to: plain, ownThread: false)
    let b = try Self.write(to: threaded, ownThread: true)
    let expected = Self.pieces.flatMap { $0 }
    let file = try Data(contentsOf: URL(fileURLWithPath: threaded))
    #expect(Array(file) == expected)
    #expect(b.0 == FileDigest.sha256(expected))
    #expect(b.0 == a.0)
    #expect(b.1 == Int64(expected.count))
    #expect(b.1 == a.1)
    #expect(b.2 == expected)
  }

  @Test("a copy that is refused fails the output on its own thread too, without a hang")
  func refusedCopy() throws {
    let path = Self.path()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let output = try HashingFileOutput(path: path, copy: { _ in false }, ownThread: true)
    var refused = false
    for piece in Self.pieces where !piece.withUnsafeBytes({ output.write($0) }) {
      refused = true
      break
    }
    #expect(refused)
    #expect(output.failure == POSIXError(.EPIPE))
    #expect(throws: POSIXError(.EPIPE)) { _ = try output.close() }
  }
}
