/// A Finnish IBAN (`FI` + 16 digits), checksum valid, canonical without spaces.
public struct IBAN: Sendable, Hashable, Codable, CustomStringConvertible {
  public let value: String

  private init(canonical: String) { self.value = canonical }

  /// Parses the electronic or print form; spaces are removed, letters upper-cased.
  /// A valid IBAN of another country is `IBAN_NOT_FINNISH`.
  public static func parse(_ text: some StringProtocol) -> Parsed<IBAN> {
    let compact = String(text.filter { $0 != " " }).uppercased()
    let u = Array(compact.utf8)
    let isAlnum: (UInt8) -> Bool = { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }
    guard u.count >= 15, u.count <= 34, u.allSatisfy(isAlnum),
      u[0] >= 0x41, u[1] >= 0x41, u[2] <= 0x39, u[3] <= 0x39
    else { return .invalid(Problem(.IBAN_INVALID, variant: "format")) }
    guard Mod97.isValid(u) else { return .invalid(Problem(.IBAN_INVALID, variant: "checksum")) }
    guard u[0] == UInt8(ascii: "F"), u[1] == UInt8(ascii: "I") else {
      return .invalid(Problem(.IBAN_NOT_FINNISH))
    }
    guard u.count == 18, u[2...].allSatisfy({ $0 <= 0x39 }) else {
      return .invalid(Problem(.IBAN_INVALID, variant: "format"))
    }
    return .valid(IBAN(canonical: compact), warnings: [])
  }

  public init?(_ text: some StringProtocol) {
    guard let parsed = IBAN.parse(text).value else { return nil }
    self = parsed
  }

  public var description: String { value }
}

/// ISO 7064 mod 97-10 as IBAN and RF references use it.
enum Mod97 {
  /// Moves the first four characters to the end, letters become 10…35, and
  /// the number mod 97 must be 1. The check digits are 02…98: 00, 01 and 99
  /// pass the arithmetic as aliases of 97, 98 and 02 but are never issued.
  static func isValid(_ u: [UInt8]) -> Bool {
    guard u.count > 4 else { return false }
    let check = (Int(u[2]) - 0x30) * 10 + (Int(u[3]) - 0x30)
    guard (2...98).contains(check) else { return false }
    var remainder = 0
    for b in u[4...] + u[0..<4] {
      if b >= 0x30 && b <= 0x39 {
        remainder = (remainder * 10 + Int(b - 0x30)) % 97
      } else if b >= 0x41 && b <= 0x5A {
        remainder = (remainder * 100 + Int(b - 0x41 + 10)) % 97
      } else {
        return false
      }
    }
    return remainder == 1
  }
}
