/// A Finnish IBAN (`FI` + 16 digits), checksum valid, canonical without spaces.
public struct IBAN: Sendable, Hashable, Codable, CustomStringConvertible {
  public let value: String

  private init(canonical: String) { self.value = canonical }

  /// Parses the electronic or print form; spaces are removed, letters upper-cased.
  /// A valid IBAN of another country is `IBAN_NOT_FINNISH`.
  public static func parse(_ text: some StringProtocol) -> Parsed<IBAN> {
    text.withUTF8Bytes { given in
      // At most 34 characters count; a longer text is invalid whatever it holds.
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 35) { buffer in
        var n = 0
        var changed = false
        for b in given where b != 0x20 {
          guard n < 35 else { break }
          buffer[n] = ASCII.isLower(b) ? b - 0x20 : b
          changed = changed || buffer[n] != b
          n += 1
        }
        changed = changed || n != given.count
        let u = UnsafeBufferPointer(rebasing: buffer[..<n])
        guard u.count >= 15, u.count <= 34,
          u.allSatisfy({ ASCII.isDigit($0) || ASCII.isUpper($0) }),
          ASCII.isUpper(u[0]), ASCII.isUpper(u[1]), ASCII.isDigit(u[2]), ASCII.isDigit(u[3])
        else { return .invalid(Problem(.IBAN_INVALID, variant: "format")) }
        guard Mod97.isValid(u) else {
          return .invalid(Problem(.IBAN_INVALID, variant: "checksum"))
        }
        guard u[0] == UInt8(ascii: "F"), u[1] == UInt8(ascii: "I") else {
          return .invalid(Problem(.IBAN_NOT_FINNISH))
        }
        guard u.count == 18, u[2...].allSatisfy(ASCII.isDigit) else {
          return .invalid(Problem(.IBAN_INVALID, variant: "format"))
        }
        let canonical = changed ? String(decoding: u, as: UTF8.self) : String(text)
        return .valid(IBAN(canonical: canonical), warnings: [])
      }
    }
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
  static func isValid(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
    guard u.count > 4 else { return false }
    let check = (Int(u[2]) - 0x30) * 10 + (Int(u[3]) - 0x30)
    guard (2...98).contains(check) else { return false }
    var remainder = 0
    func add(_ b: UInt8) -> Bool {
      if ASCII.isDigit(b) {
        remainder = (remainder * 10 + Int(b - 0x30)) % 97
      } else if ASCII.isUpper(b) {
        remainder = (remainder * 100 + Int(b - 0x41 + 10)) % 97
      } else {
        return false
      }
      return true
    }
    for b in u[4...] where !add(b) { return false }
    for b in u[..<4] where !add(b) { return false }
    return remainder == 1
  }
}
