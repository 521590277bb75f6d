import Crypto

/// Stands in for a person where one must be recognisable across reports:
/// `H-` + the first 12 hex digits of HMAC-SHA-256(key, canonical hetu).
public struct Pseudonymizer: Sendable {
  private let key: [UInt8]

  /// `key` is the installation's secret from `state/pseudonym.key`.
  public init(key: [UInt8]) { self.key = key }

  public func pseudonym(for hetu: Hetu) -> String {
    let mac = HMAC<SHA256>.authenticationCode(
      for: Array(hetu.value.utf8), using: SymmetricKey(data: key))
    let hex = mac.prefix(6).map { byte -> String in
      let h = String(byte, radix: 16)
      return h.count == 1 ? "0" + h : h
    }
    return "H-" + hex.joined()
  }
}
