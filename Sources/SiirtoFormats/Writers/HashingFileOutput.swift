import Crypto
import Foundation
import Glibc

/// A file written block by block and hashed on the way, so that a large
/// output is never read back for its SHA-256; each block can also go on to a
/// second reader (the outbound validator) as it is written.
///
/// The first failed write is kept, and every later block refused: ``close()``
/// throws it as a `POSIXError`, which the command line reports as an I/O
/// error (a full disk is not a bug).
public final class HashingFileOutput {
  private var fd: Int32
  private var hasher = SHA256()
  private let copy: ((UnsafeRawBufferPointer) -> Bool)?
  private var failed: POSIXErrorCode?
  /// The bytes written to the file so far.
  public private(set) var bytes: Int64 = 0
  /// libxml2 flushes about 4 KB at a time; the file gets 256 KiB writes,
  /// whole pages (each small write made the kernel zero a page's rest).
  private var pending: [UInt8] = []
  private static let blockSize = 1 << 18

  /// Creates (or truncates) the file at `path`; `copy` gets every block too,
  /// and a `false` from it fails the write.
  public init(path: String, copy: ((UnsafeRawBufferPointer) -> Bool)? = nil) throws {
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    if fd < 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    self.copy = copy
    pending.reserveCapacity(Self.blockSize)
  }

  deinit { if fd >= 0 { _ = Glibc.close(fd) } }

  /// The first failed write, if any.
  public var failure: POSIXError? { failed.map { POSIXError($0) } }

  /// Takes one block: written, hashed and passed on once enough has come.
  /// `false` once anything failed.
  public func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard failed == nil, fd >= 0 else { return false }
    pending.append(contentsOf: bytes)
    return pending.count < Self.blockSize || flush()
  }

  private func flush() -> Bool {
    defer { pending.removeAll(keepingCapacity: true) }
    return pending.withUnsafeBytes { bytes in
      var done = 0
      while done < bytes.count {
        let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
        if n < 0 {
          if errno == EINTR { continue }
          failed = POSIXErrorCode(rawValue: errno) ?? .EIO
          return false
        }
        done += n
      }
      self.bytes += Int64(bytes.count)
      hasher.update(bufferPointer: bytes)
      if let copy, !copy(bytes) {
        failed = .EPIPE
        return false
      }
      return true
    }
  }

  /// Closes the file; returns its SHA-256 as lower-case hex, or throws the
  /// first failure.
  public func close() throws -> String {
    if failed == nil, fd >= 0, !pending.isEmpty { _ = flush() }
    let result = fd >= 0 ? Glibc.close(fd) : 0
    fd = -1
    if let failure { throw failure }
    if result != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    return FileDigest.hex(hasher.finalize())
  }
}
