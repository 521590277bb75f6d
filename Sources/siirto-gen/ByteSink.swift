#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Errors writing the drop.
struct GenError: Error, CustomStringConvertible {
  let description: String
}

/// A buffered file writer: the generator streams records through it, so a million rows
/// never sit in memory, and the system sees a few large writes instead of many small ones.
final class ByteSink {
  private static let flushSize = 1 << 20

  private var buffer: [UInt8] = []
  private let fd: Int32
  private let path: String
  /// Bytes handed to the sink so far.
  private(set) var count = 0

  init(path: String) throws {
    self.path = path
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw GenError(description: "cannot create \(path): errno \(errno)") }
    buffer.reserveCapacity(ByteSink.flushSize + 64 * 1024)
  }

  deinit {
    if fd >= 0 { _ = close(fd) }
  }

  @inline(__always)
  func append(_ text: String) {
    var text = text
    text.withUTF8 { buffer.append(contentsOf: $0) }
  }

  @inline(__always)
  func append(byte: UInt8) { buffer.append(byte) }

  /// Writes out the buffer once it is full; call between records.
  @inline(__always)
  func recordDone() throws {
    if buffer.count >= ByteSink.flushSize { try flush() }
  }

  func flush() throws {
    var offset = 0
    try buffer.withUnsafeBytes { raw in
      while offset < raw.count {
        let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw GenError(description: "cannot write \(path): errno \(errno)")
        }
        offset += n
      }
    }
    count += buffer.count
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes and closes; the sink is not to be used afterwards.
  func finish() throws {
    try flush()
  }
}
