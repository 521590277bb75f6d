import Crypto
import SiirtoFormats

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// SHA-256 of a file on a byte path, streamed in blocks, never through a
/// symbolic link; with the byte count, read from the same descriptor.
public enum FileHash {
  public static func sha256(_ path: BytePath) throws -> (hex: String, bytes: Int64) {
    let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) }
    if fd < 0 { throw IOFailure(operation: "open", path: path.string, errno: errno) }
    defer { close(fd) }
    var hasher = SHA256()
    var total: Int64 = 0
    let size = 1 << 20
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let n = read(fd, buffer.baseAddress, size)
      if n < 0 {
        if errno == EINTR { continue }
        throw IOFailure(operation: "read", path: path.string, errno: errno)
      }
      if n == 0 { break }
      hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
      total += Int64(n)
    }
    return (FileDigest.hex(hasher.finalize()), total)
  }

}
