/// An amount of euros as integer cents: never floating point.
public struct Cents: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public let value: Int64

  public init(_ value: Int64) { self.value = value }

  /// Parses euros with at most two decimals. `decimalComma` also accepts `,`
  /// (CSV with `;` as its delimiter). No sign, no thousands separators.
  public static func parse(_ text: some StringProtocol, decimalComma: Bool = false) -> Cents? {
    text.withTrimmedUTF8 { parse(bytes: $0, decimalComma: decimalComma) }
  }

  private static func parse(bytes u: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Cents? {
    // Sixteen digits of euros keep euros × 100 inside Int64 (eighteen trapped).
    // The bound is on the digits, not the characters: every amount parsed
    // must parse back from its description, which adds `.00` to whole euros.
    guard !u.isEmpty, u.count <= 19 else { return nil }
    var euros: Int64 = 0
    var euroDigits = 0
    var cents: Int64 = 0
    var decimals = -1
    for b in u {
      if b >= 0x30 && b <= 0x39 {
        if decimals < 0 {
          euroDigits += 1
          guard euroDigits <= 16 else { return nil }
          euros = euros * 10 + Int64(b - 0x30)
        } else {
          decimals += 1
          guard decimals <= 2 else { return nil }
          cents = cents * 10 + Int64(b - 0x30)
        }
      } else if (b == UInt8(ascii: ".") || (decimalComma && b == UInt8(ascii: ","))) && decimals < 0
      {
        decimals = 0
      } else {
        return nil
      }
    }
    guard u.first != UInt8(ascii: "."), u.first != UInt8(ascii: ","), decimals != 0 else {
      return nil
    }
    if decimals == 1 { cents *= 10 }
    return Cents(euros * 100 + cents)
  }

  /// `1234.50`: a decimal point and two decimals.
  public var description: String {
    let sign = value < 0 ? "-" : ""
    let a = abs(value)
    let c = a % 100
    return "\(sign)\(a / 100).\(c < 10 ? "0" : "")\(c)"
  }

  public static func < (lhs: Cents, rhs: Cents) -> Bool { lhs.value < rhs.value }
  public static func + (lhs: Cents, rhs: Cents) -> Cents { Cents(lhs.value + rhs.value) }
  public static let zero = Cents(0)
}
