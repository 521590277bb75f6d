#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file-system path as raw bytes. Inbox names are data: they may hold spaces,
/// newlines, quotes or bytes that are not UTF-8, and must survive intact from
/// the inbox to the archive without ever being reinterpreted as text.
public struct BytePath: Sendable, Hashable, CustomStringConvertible {
  public var bytes: [UInt8]

  public init(_ bytes: [UInt8]) { self.bytes = bytes }
  public init(_ string: String) { self.bytes = Array(string.utf8) }

  /// This path with one more component. A component never contains `/`:
  /// it comes from a directory listing or from the program itself.
  public func appending(_ component: [UInt8]) -> BytePath {
    precondition(!component.contains(UInt8(ascii: "/")) && !component.isEmpty)
    var b = bytes
    if b.last != UInt8(ascii: "/") { b.append(UInt8(ascii: "/")) }
    b.append(contentsOf: component)
    return BytePath(b)
  }

  public func appending(_ component: String) -> BytePath {
    var path = self
    for part in component.split(separator: "/") { path = path.appending(Array(part.utf8)) }
    return path
  }

  /// The last component's bytes.
  public var lastComponent: [UInt8] {
    guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return bytes }
    return Array(bytes[(slash + 1)...])
  }

  public var parent: BytePath {
    guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")), slash > 0 else {
      return BytePath("/")
    }
    return BytePath(Array(bytes[..<slash]))
  }

  /// The path as text, for paths the program built itself (ASCII).
  public var string: String { String(decoding: bytes, as: UTF8.self) }

  public var description: String { string }

  /// Calls `body` with a NUL-terminated C string of the path.
  public func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
    var c = bytes.map { CChar(bitPattern: $0) }
    c.append(0)
    return try c.withUnsafeBufferPointer { try body($0.baseAddress!) }
  }
}
