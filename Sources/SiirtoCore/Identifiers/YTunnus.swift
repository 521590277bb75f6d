/// A Finnish business ID (Y-tunnus) in canonical form `NNNNNNN-C`, checksum valid.
public struct YTunnus: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The canonical text, e.g. `0201256-6`.
  public let value: String

  private init(canonical: String) { self.value = canonical }

  /// Parses `text` after trimming white space. The old six-digit form is read
  /// with a leading zero and comes with the warning `YTUNNUS_SIX_DIGIT`.
  public static func parse(_ text: some StringProtocol) -> Parsed<YTunnus> {
    let trimmed = Array(text.trimmingASCIIWhitespace().utf8)
    var digits: [UInt8]
    var warnings: [Problem] = []
    if trimmed.count == 9, trimmed[7] == UInt8(ascii: "-") {
      digits = Array(trimmed[0..<7]) + [trimmed[8]]
    } else if trimmed.count == 8, trimmed[6] == UInt8(ascii: "-") {
      digits = [UInt8(ascii: "0")] + Array(trimmed[0..<6]) + [trimmed[7]]
      warnings.append(Problem(.YTUNNUS_SIX_DIGIT))
    } else {
      return .invalid(Problem(.YTUNNUS_INVALID, variant: "format"))
    }
    guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
      return .invalid(Problem(.YTUNNUS_INVALID, variant: "format"))
    }
    let n = digits.map { Int($0 - 0x30) }
    guard let check = checkDigit(Array(n[0..<7])), check == n[7] else {
      return .invalid(Problem(.YTUNNUS_INVALID, variant: "checksum"))
    }
    let canonical = String(decoding: digits[0..<7], as: UTF8.self) + "-" + String(n[7])
    return .valid(YTunnus(canonical: canonical), warnings: warnings)
  }

  /// A valid ID or `nil`, ignoring the six-digit warning.
  public init?(_ text: some StringProtocol) {
    guard let parsed = YTunnus.parse(text).value else { return nil }
    self = parsed
  }

  /// The check digit of seven digits, or `nil` when no valid ID has this base.
  public static func checkDigit(_ base: [Int]) -> Int? {
    precondition(base.count == 7)
    let weights = [7, 9, 10, 5, 8, 4, 2]
    let r = zip(base, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11
    switch r {
    case 0: return 0
    case 1: return nil
    default: return 11 - r
    }
  }

  public var description: String { value }

  public static func < (lhs: YTunnus, rhs: YTunnus) -> Bool { lhs.value < rhs.value }
}

extension StringProtocol {
  /// The text without leading and trailing ASCII white space (space, tab, CR, LF).
  public func trimmingASCIIWhitespace() -> Substring {
    let s = Substring(self)
    // CR LF is one Character in Swift, so it is matched as a pair as well.
    let isSpace: (Character) -> Bool = {
      $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n"
    }
    guard let first = s.firstIndex(where: { !isSpace($0) }) else { return s[s.endIndex...] }
    let last = s.lastIndex(where: { !isSpace($0) })!
    return s[first...last]
  }
}
