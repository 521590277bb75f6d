import Crypto

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// SHA-256 of a file, streamed in blocks: memory stays flat whatever the size.
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
    return (hex(hasher.finalize()), total)
  }

  /// SHA-256 of bytes in memory (staged outputs).
  public static func sha256(_ bytes: some Sequence<UInt8>) -> String {
    hex(SHA256.hash(data: Array(bytes)))
  }

  static func hex(_ digest: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for b in digest {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
