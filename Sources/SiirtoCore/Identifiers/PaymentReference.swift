/// A payment reference: a Finnish viitenumero or an RF creditor reference
/// (ISO 11649), in canonical form.
public struct PaymentReference: Sendable, Hashable, Codable, CustomStringConvertible {
  public enum Form: String, Sendable, Codable { case finnish, rf }

  public let value: String
  public let form: Form

  private init(value: String, form: Form) {
    self.value = value
    self.form = form
  }

  /// Parses either form; spaces are removed, a viitenumero loses its leading zeros.
  public static func parse(_ text: some StringProtocol) -> Parsed<PaymentReference> {
    let compact = String(text.filter { $0 != " " })
    let upper = compact.uppercased()
    if upper.hasPrefix("RF") {
      let u = Array(upper.utf8)
      let isAlnum: (UInt8) -> Bool = { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }
      guard u.count >= 5, u.count <= 25, u[2] <= 0x39, u[2] >= 0x30, u[3] <= 0x39, u[3] >= 0x30,
        u.allSatisfy(isAlnum)
      else { return .invalid(Problem(.REFERENCE_INVALID, variant: "format")) }
      guard Mod97.isValid(u) else {
        return .invalid(Problem(.REFERENCE_INVALID, variant: "checksum"))
      }
      return .valid(PaymentReference(value: upper, form: .rf), warnings: [])
    }
    let u = Array(compact.utf8)
    guard u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), !u.isEmpty else {
      return .invalid(Problem(.REFERENCE_INVALID, variant: "format"))
    }
    guard (4...20).contains(u.count) else {
      return .invalid(Problem(.REFERENCE_INVALID, variant: "length"))
    }
    let digits = u.map { Int($0 - 0x30) }
    guard checkDigit(Array(digits.dropLast())) == digits.last! else {
      return .invalid(Problem(.REFERENCE_INVALID, variant: "checksum"))
    }
    // The length counts without leading zeros too, so that the canonical form
    // is itself a valid reference (`00013` would otherwise store `13`).
    let canonical = String(compact.drop(while: { $0 == "0" }))
    guard canonical.utf8.count >= 4 else {
      return .invalid(Problem(.REFERENCE_INVALID, variant: "length"))
    }
    return .valid(PaymentReference(value: canonical, form: .finnish), warnings: [])
  }

  public init?(_ text: some StringProtocol) {
    guard let parsed = PaymentReference.parse(text).value else { return nil }
    self = parsed
  }

  /// The check digit of a viitenumero's base: weights 7, 3, 1 from the right.
  public static func checkDigit(_ base: [Int]) -> Int {
    let weights = [7, 3, 1]
    var sum = 0
    for (i, d) in base.reversed().enumerated() { sum += d * weights[i % 3] }
    return (10 - sum % 10) % 10
  }

  public var description: String { value }
}
