/// Byte-level helpers for the identifier parsers. Identifiers are parsed
/// several times per record, a million records a night: they read the UTF-8
/// bytes in place instead of making arrays and Characters.
enum ASCII {
  static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
  static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
  static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
  static func isWhitespace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A
  }
}

extension StringProtocol {
  /// Lends `body` the UTF-8 bytes without surrounding ASCII white space
  /// (space, tab, CR, LF), in place when the text is contiguous.
  func withTrimmedUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    withUTF8Bytes { all in
      var start = 0
      var end = all.count
      while start < end, ASCII.isWhitespace(all[start]) { start += 1 }
      while end > start, ASCII.isWhitespace(all[end - 1]) { end -= 1 }
      return body(UnsafeBufferPointer(rebasing: all[start..<end]))
    }
  }

  /// Lends `body` the UTF-8 bytes, in place when the text is contiguous.
  func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(utf8).withUnsafeBufferPointer(body)
  }
}

extension UnsafeBufferPointer<UInt8> {
  /// The bytes as a String; when they are all of `original`, `original`
  /// itself (a String shares its storage instead of copying it).
  func string(sameAs original: some StringProtocol) -> String {
    count == original.utf8.count ? String(original) : String(decoding: self, as: UTF8.self)
  }
}
