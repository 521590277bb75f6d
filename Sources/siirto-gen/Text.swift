import SiirtoCore

/// Fast formatting of the few value shapes the files hold. String interpolation would do,
/// but it allocates several times per call, and a claim row has a dozen such values.
enum Text {
  private static let digits: [UInt8] = Array("0123456789".utf8)

  /// `YYYY-MM-DD`.
  static func iso(_ d: LocalDate) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { b in
      put(d.year, width: 4, into: b, at: 0)
      b[4] = UInt8(ascii: "-")
      put(d.month, width: 2, into: b, at: 5)
      b[7] = UInt8(ascii: "-")
      put(d.day, width: 2, into: b, at: 8)
      return String(decoding: b, as: UTF8.self)
    }
  }

  /// The Finnish spreadsheet form `D.M.YYYY`.
  static func finnish(_ d: LocalDate) -> String {
    "\(d.day).\(d.month).\(d.year)"
  }

  /// Euros with a decimal point (or comma) and two decimals: `450.00`.
  static func amount(cents: Int, decimalComma: Bool = false) -> String {
    let cents = max(0, cents)
    let euros = String(cents / 100)
    let rest = cents % 100
    return euros + (decimalComma ? "," : ".") + (rest < 10 ? "0" : "") + String(rest)
  }

  /// `value` in decimal, left-padded with zeros to `width` digits.
  static func padded(_ value: Int, width: Int) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: width) { b in
      put(value, width: width, into: b, at: 0)
      return String(decoding: b, as: UTF8.self)
    }
  }

  private static func put(
    _ value: Int, width: Int, into b: UnsafeMutableBufferPointer<UInt8>, at start: Int
  ) {
    var v = value
    for i in stride(from: start + width - 1, through: start, by: -1) {
      b[i] = digits[v % 10]
      v /= 10
    }
  }

  /// The text with XML's five special characters escaped (attribute-safe).
  static func xmlEscaped(_ s: String) -> String {
    guard
      s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
    else { return s }
    var out = ""
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(c)
      }
    }
    return out
  }
}
