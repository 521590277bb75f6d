#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file that could not be opened or read: the reader's only thrown error
/// besides those of the caller's event handler. Bad content is never an
/// error: it is reported as problems.
public struct InputFileError: Error, Sendable, CustomStringConvertible {
  /// What failed: `open`, `read` or `seek`.
  public var operation: String
  /// The C `errno`.
  public var code: Int32

  public var description: String { "\(operation) failed: \(String(cString: strerror(code)))" }
}

/// A file read front to back in chunks through one reusable buffer, so that
/// memory stays the same whatever the file's size.
final class FileInput {
  /// The chunk size: large enough for few system calls, small enough to stay cheap.
  static let chunkSize = 256 * 1024

  private let fd: Int32
  let buffer: UnsafeMutableRawBufferPointer

  init(path: String) throws(InputFileError) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw InputFileError(operation: "open", code: errno) }
    self.fd = fd
    self.buffer = .allocate(byteCount: FileInput.chunkSize, alignment: 16)
  }

  deinit {
    buffer.deallocate()
    close(fd)
  }

  /// Reads the next chunk into ``buffer``; an empty result is the end of the file.
  func next() throws(InputFileError) -> UnsafeRawBufferPointer {
    while true {
      let n = read(fd, buffer.baseAddress, buffer.count)
      if n >= 0 { return UnsafeRawBufferPointer(rebasing: buffer[0..<n]) }
      if errno != EINTR { throw InputFileError(operation: "read", code: errno) }
    }
  }

  /// Goes back to the first byte, for a second pass.
  func rewind() throws(InputFileError) {
    guard lseek(fd, 0, SEEK_SET) == 0 else { throw InputFileError(operation: "seek", code: errno) }
  }
}
