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
    text.withUTF8Bytes { given in
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: given.count) { buffer in
        // Spaces removed, letters upper-cased.
        var n = 0
        for b in given where b != 0x20 {
          buffer[n] = ASCII.isLower(b) ? b - 0x20 : b
          n += 1
        }
        return parse(compact: UnsafeBufferPointer(rebasing: buffer[..<n]))
      }
    }
  }

  private static func parse(compact u: UnsafeBufferPointer<UInt8>) -> Parsed<PaymentReference> {
    if u.count >= 2, u[0] == UInt8(ascii: "R"), u[1] == UInt8(ascii: "F") {
      guard u.count >= 5, u.count <= 25, ASCII.isDigit(u[2]), ASCII.isDigit(u[3]),
        u.allSatisfy({ ASCII.isDigit($0) || ASCII.isUpper($0) })
      else { return .invalid(Problem(.REFERENCE_INVALID, variant: "format")) }
      guard Mod97.isValid(u) else {
        return .invalid(Problem(.REFERENCE_INVALID, variant: "checksum"))
      }
      return .valid(
        PaymentReference(value: String(decoding: u, as: UTF8.self), form: .rf), warnings: [])
    }
    guard !u.isEmpty, u.allSatisfy(ASCII.isDigit) else {
      return .invalid(Problem(.REFERENCE_INVALID, variant: "format"))
    }
    guard (4...20).contains(u.count) else {
      return .invalid(Problem(.REFERENCE_INVALID, variant: "length"))
    }
    guard checkDigit(u.dropLast().lazy.map { Int($0 - 0x30) }) == Int(u[u.count - 1] - 0x30) else {
      return .invalid(Problem(.REFERENCE_INVALID, variant: "checksum"))
    }
    // The length counts without leading zeros too, so that the canonical form
    // is itself a valid reference (`00013` would otherwise store `13`).
    let canonical = u.drop(while: { $0 == UInt8(ascii: "0") })
    guard canonical.count >= 4 else {
      return .invalid(Problem(.REFERENCE_INVALID, variant: "length"))
    }
    return .valid(
      PaymentReference(value: String(decoding: canonical, as: UTF8.self), form: .finnish),
      warnings: [])
  }

  private static let weights = [7, 3, 1]

  public init?(_ text: some StringProtocol) {
    guard let parsed = PaymentReference.parse(text).value else { return nil }
    self = parsed
  }

  /// The check digit of a viitenumero's base: weights 7, 3, 1 from the right.
  public static func checkDigit(_ base: some BidirectionalCollection<Int>) -> Int {
    var sum = 0
    for (i, d) in base.reversed().enumerated() { sum += d * weights[i % 3] }
    return (10 - sum % 10) % 10
  }

  public var description: String { value }
}
