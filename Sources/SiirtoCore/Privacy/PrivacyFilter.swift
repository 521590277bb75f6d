/// The last line of defence: every text Siirto writes outside the Kela batch
/// passes through here. Each valid henkilötunnus standing on its own (no ASCII
/// letter or digit right before or after it) becomes `******-****`.
public enum PrivacyFilter {
  public static let mask = "******-****"

  /// `text` with every standalone valid henkilötunnus masked.
  public static func redact(_ text: String) -> String {
    // Most texts are short or hold no code: those are returned without a copy.
    guard text.utf8.count >= 11 else { return text }
    var contiguous = text
    return contiguous.withUTF8 { u in
      guard let spans = findCodes(in: u), !spans.isEmpty else { return text }
      return masked(u, at: spans)
    }
  }

  private static func masked(_ u: UnsafeBufferPointer<UInt8>, at spans: [Int]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(u.count)
    var i = 0
    for start in spans {
      out.append(contentsOf: u[i..<start])
      out.append(contentsOf: mask.utf8)
      i = start + 11
    }
    out.append(contentsOf: u[i...])
    return String(decoding: out, as: UTF8.self)
  }

  /// Whether `text` holds a standalone valid henkilötunnus.
  public static func containsIdentityCode(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { !(findCodes(in: $0) ?? []).isEmpty }
  }

  /// Byte offsets where a standalone valid code starts.
  static func findCodes(in u: UnsafeBufferPointer<UInt8>) -> [Int]? {
    guard u.count >= 11 else { return nil }
    var spans: [Int] = []
    var i = 0
    while i + 11 <= u.count {
      // Cheap pre-check: the century sign sits at offset 6 after six digits.
      if isDigit(u[i]), isDigit(u[i + 5]), isCenturySign(u[i + 6]),
        i == 0 || !isAlnum(u[i - 1]), i + 11 == u.count || !isAlnum(u[i + 11]),
        isIdentityCode(UnsafeBufferPointer(rebasing: u[i..<(i + 11)]))
      {
        spans.append(i)
        i += 11
      } else {
        i += 1
      }
    }
    return spans
  }

  /// A valid code, or one that is valid but for a lower-case control
  /// character: the spec calls that invalid input, yet it still names a person.
  private static func isIdentityCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    if Hetu.isValid(bytes: bytes) { return true }
    guard let last = bytes.last, ASCII.isLower(last) else { return false }
    return Hetu.isValid(bytes: Array(bytes.dropLast()) + [last - 0x20])
  }

  private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
  private static func isAlnum(_ b: UInt8) -> Bool {
    isDigit(b) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
  }
  private static func isCenturySign(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "A")...UInt8(ascii: "F"),
      UInt8(ascii: "U")...UInt8(ascii: "Y"):
      return true
    default:
      return false
    }
  }
}
