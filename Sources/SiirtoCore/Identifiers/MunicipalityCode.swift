/// A three-digit municipality code (kuntanumero), leading zeros kept.
public struct MunicipalityCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public let value: String

  public init?(_ text: some StringProtocol) {
    let t = text.trimmingASCIIWhitespace()
    guard t.utf8.count == 3, t.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    self.value = String(t)
  }

  public var description: String { value }

  public static func < (lhs: MunicipalityCode, rhs: MunicipalityCode) -> Bool {
    lhs.value < rhs.value
  }
}
