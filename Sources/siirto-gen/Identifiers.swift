import SiirtoCore

/// Valid (and deliberately invalid) identifiers for generated data. Check digits come from
/// SiirtoCore where it offers them, so the generator and the validator share one definition.
enum Ids {
  private static let hetuControl = Array("0123456789ABCDEFHJKLMNPRSTUVWXY".utf8)

  /// A henkilötunnus. `individual` must be 900–999: generated data never uses the range
  /// of real people. `newSign` uses the century signs introduced in 2023 (`Y`, `B`).
  static func hetu(birth: LocalDate, individual: Int, newSign: Bool) -> String {
    precondition((900...999).contains(individual), "generated persons use temporary numbers")
    let ddmmyy =
      Text.padded(birth.day, width: 2) + Text.padded(birth.month, width: 2)
      + Text.padded(birth.year % 100, width: 2)
    let sign: String
    switch birth.year / 100 {
    case 18: sign = "+"
    case 19: sign = newSign ? "Y" : "-"
    default: sign = newSign ? "B" : "A"
    }
    let control = Hetu.controlCharacter(ddmmyy: ddmmyy, individual: individual)
    return ddmmyy + sign + String(individual) + String(control)
  }

  /// The same code with a wrong control character.
  static func withWrongControl(_ hetu: String) -> String {
    var bytes = Array(hetu.utf8)
    let i = hetuControl.firstIndex(of: bytes[10]) ?? 0
    bytes[10] = hetuControl[(i + 7) % hetuControl.count]
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A Y-tunnus for a seven-digit base, or `nil` when no valid ID has that base.
  static func yTunnus(base: Int) -> String? {
    let digits = Text.padded(base, width: 7)
    let check = YTunnus.checkDigit(digits.utf8.map { Int($0 - 0x30) })
    return check.map { digits + "-" + String($0) }
  }

  /// The same Y-tunnus with a wrong check digit.
  static func withWrongCheck(_ yTunnus: String) -> String {
    let last = Int(yTunnus.utf8.last! - 0x30)
    return String(yTunnus.dropLast()) + String((last + 3) % 10)
  }

  /// A Finnish IBAN for a 14-digit BBAN (bank code first).
  static func iban(bban: UInt64) -> String {
    let b = Text.padded(Int(bban % 100_000_000_000_000), width: 14)
    // ISO 7064 mod 97-10 over BBAN + "FI00", letters as numbers (F = 15, I = 18).
    var r = 0
    for u in (b + "151800").utf8 { r = (r * 10 + Int(u - 0x30)) % 97 }
    return "FI" + Text.padded(98 - r, width: 2) + b
  }

  /// A viitenumero: `base` followed by its check digit.
  static func reference(base: Int) -> String {
    let digits = String(base)
    return digits + String(PaymentReference.checkDigit(digits.utf8.map { Int($0 - 0x30) }))
  }

  /// An RF creditor reference (ISO 11649) around `body` (digits).
  static func rfReference(body: String) -> String {
    var r = 0
    for u in (body + "271500").utf8 { r = (r * 10 + Int(u - 0x30)) % 97 }
    return "RF" + Text.padded(98 - r, width: 2) + body
  }
}
