/// A Finnish business ID (Y-tunnus) in canonical form `NNNNNNN-C`, checksum valid.
public struct YTunnus: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The canonical text, e.g. `0201256-6`.
  public let value: String

  private init(canonical: String) { self.value = canonical }

  /// Parses `text` after trimming white space. The old six-digit form is read
  /// with a leading zero and comes with the warning `YTUNNUS_SIX_DIGIT`.
  public static func parse(_ text: some StringProtocol) -> Parsed<YTunnus> {
    text.withTrimmedUTF8 { u in
      // The seven digits of the base (a six-digit one gets its leading zero).
      let base: UnsafeBufferPointer<UInt8>.SubSequence
      let sixDigit: Bool
      if u.count == 9, u[7] == UInt8(ascii: "-") {
        base = u[0..<7]
        sixDigit = false
      } else if u.count == 8, u[6] == UInt8(ascii: "-") {
        base = u[0..<6]
        sixDigit = true
      } else {
        return .invalid(Problem(.YTUNNUS_INVALID, variant: "format"))
      }
      let checkByte = u[u.count - 1]
      guard base.allSatisfy(ASCII.isDigit), ASCII.isDigit(checkByte) else {
        return .invalid(Problem(.YTUNNUS_INVALID, variant: "format"))
      }
      // A six-digit base's leading zero adds nothing: its digits take weights 2…7.
      let offset = sixDigit ? 1 : 0
      var sum = 0
      for (i, b) in base.enumerated() { sum += Int(b - 0x30) * weights[i + offset] }
      guard let check = checkDigit(weightedSum: sum), check == Int(checkByte - 0x30) else {
        return .invalid(Problem(.YTUNNUS_INVALID, variant: "checksum"))
      }
      if sixDigit {
        let canonical = "0" + String(decoding: u, as: UTF8.self)
        return .valid(YTunnus(canonical: canonical), warnings: sixDigitWarning)
      }
      return .valid(YTunnus(canonical: u.string(sameAs: text)), warnings: [])
    }
  }

  private static let sixDigitWarning = [Problem(.YTUNNUS_SIX_DIGIT)]

  /// A valid ID or `nil`, ignoring the six-digit warning.
  public init?(_ text: some StringProtocol) {
    guard let parsed = YTunnus.parse(text).value else { return nil }
    self = parsed
  }

  /// The check digit of seven digits, or `nil` when no valid ID has this base.
  public static func checkDigit(_ base: [Int]) -> Int? {
    precondition(base.count == 7)
    var sum = 0
    for i in 0..<7 { sum += base[i] * weights[i] }
    return checkDigit(weightedSum: sum)
  }

  private static func checkDigit(weightedSum sum: Int) -> Int? {
    let r = sum % 11
    switch r {
    case 0: return 0
    case 1: return nil
    default: return 11 - r
    }
  }

  private static let weights = [7, 9, 10, 5, 8, 4, 2]

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
