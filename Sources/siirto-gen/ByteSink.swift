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
///
/// The buffer and its fill level sit behind pointers held in `let`s: appending, which
/// happens some forty times per record, then costs no runtime exclusivity check, as
/// every access to a class's `var` would.
final class ByteSink {
  private static let flushSize = 1 << 20
  private static let capacity = 2 << 20

  private let base = UnsafeMutablePointer<UInt8>.allocate(capacity: ByteSink.capacity)
  private let fill = UnsafeMutablePointer<Int>.allocate(capacity: 1)
  private let fd: Int32
  private let path: String
  private var written = 0
  /// A write error met while appending; thrown by the next `recordDone` or `finish`.
  private var failure: GenError?

  /// Bytes handed to the sink so far.
  var count: Int { written + fill.pointee }

  init(path: String) throws {
    self.path = path
    fill.initialize(to: 0)
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else {
      base.deallocate()
      fill.deallocate()
      throw GenError(description: "cannot create \(path): errno \(errno)")
    }
  }

  deinit {
    _ = close(fd)
    base.deallocate()
    fill.deallocate()
  }

  @inline(__always)
  func append(_ text: String) {
    var text = text
    text.withUTF8 { append(bytes: $0) }
  }

  @inline(__always)
  func append(byte: UInt8) {
    if fill.pointee == ByteSink.capacity { drain() }
    base[fill.pointee] = byte
    fill.pointee += 1
  }

  @inline(__always)
  func append(bytes: UnsafeBufferPointer<UInt8>) {
    if fill.pointee + bytes.count > ByteSink.capacity {
      drain()
      if bytes.count > ByteSink.capacity {
        writeOut(UnsafeRawBufferPointer(bytes))
        return
      }
    }
    (base + fill.pointee).update(from: bytes.baseAddress!, count: bytes.count)
    fill.pointee += bytes.count
  }

  /// Writes out the buffer once it is full; call between records.
  @inline(__always)
  func recordDone() throws {
    if fill.pointee >= ByteSink.flushSize { drain() }
    if let failure { throw failure }
  }

  /// Writes out what is buffered; the sink closes its file when it goes away.
  func finish() throws {
    drain()
    if let failure { throw failure }
  }

  private func drain() {
    writeOut(UnsafeRawBufferPointer(start: base, count: fill.pointee))
    fill.pointee = 0
  }

  private func writeOut(_ bytes: UnsafeRawBufferPointer) {
    var offset = 0
    while offset < bytes.count, failure == nil {
      let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        failure = GenError(description: "cannot write \(path): errno \(errno)")
      } else {
        offset += n
      }
    }
    written += bytes.count
  }
}
