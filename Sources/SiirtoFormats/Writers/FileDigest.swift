import Crypto
import Foundation

/// SHA-256 as lower-case hex, of bytes or of a file read in blocks (so a
/// large file never has to fit in memory).
public enum FileDigest {
  public static func sha256(_ bytes: some DataProtocol) -> String {
    hex(SHA256.hash(data: bytes))
  }

  public static func sha256(_ text: String) -> String { sha256(Array(text.utf8)) }

  /// The hash of the file at `path`; throws when it cannot be read.
  public static func sha256(fileAt path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
      hasher.update(data: block)
    }
    return hex(hasher.finalize())
  }

  /// The `sha256sum` line for a file: hash, two spaces, the file's name.
  public static func sidecarLine(sha256: String, fileName: String) -> String {
    "\(sha256)  \(fileName)\n"
  }

  /// Lower-case hex of a digest.
  public static func hex(_ digest: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef")
    var out = ""
    out.reserveCapacity(64)
    for byte in digest {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return out
  }
}
