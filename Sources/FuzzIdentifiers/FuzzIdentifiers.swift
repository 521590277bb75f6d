import FuzzSupport
import SiirtoCore

@main enum FuzzIdentifiers {
  static func main() { FuzzInput.main(test) }
}

/// The input as text through every identifier parser and the privacy filter.
/// Beyond not crashing, each parser's canonical form must parse back to
/// itself, and the filter must leave no code behind.
private func test(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  check(text)
  // A substring whose indices do not start at zero takes the generic paths.
  check(("#" + text).dropFirst())
  checkPrivacyFilter(text)
  return 0
}

private func check(_ text: some StringProtocol) {
  if let id = YTunnus.parse(text).value {
    let again = YTunnus.parse(id.value)
    precondition(again.value == id && again.problems.isEmpty, "Y-tunnus \(id.value)")
  }
  if let hetu = Hetu.parse(text).value {
    precondition(Hetu.parse(hetu.value).value == hetu, "henkilötunnus does not parse back")
    precondition(
      PrivacyFilter.redact(hetu.value) == PrivacyFilter.mask, "henkilötunnus escapes the filter")
  }
  if let iban = IBAN.parse(text).value {
    precondition(IBAN.parse(iban.value).value == iban, "IBAN \(iban.value)")
  }
  if let reference = PaymentReference.parse(text).value {
    precondition(PaymentReference.parse(reference.value).value == reference, "\(reference.value)")
  }
  for decimalComma in [false, true] {
    if let cents = Cents.parse(text, decimalComma: decimalComma) {
      precondition(cents.value >= 0, "negative amount \(cents)")
      precondition(Cents.parse(cents.description) == cents, "amount \(cents)")
    }
  }
  if let date = LocalDate.parseISO(text) {
    precondition(date.iso == String(text), "date \(date.iso)")
  }
  if let date = LocalDate.parseFinnish(text) {
    precondition(LocalDate.parseISO(date.iso) == date, "date \(date.iso)")
  }
  if let timestamp = Timestamp.parse(text) {
    // An offset can move an instant of year 1 or 9999 out of the range ISO
    // dates are parsed in; inside it, the UTC form parses back.
    let year = LocalDate.parseISO(timestamp.iso.prefix(10))?.year
    if let year, (1...9999).contains(year) {
      precondition(Timestamp.parse(timestamp.iso) == timestamp, "timestamp \(timestamp.iso)")
    }
  }
}

private func checkPrivacyFilter(_ text: String) {
  let redacted = PrivacyFilter.redact(text)
  precondition(!PrivacyFilter.containsIdentityCode(redacted), "a code survives redaction")
  precondition(
    (redacted == text) == !PrivacyFilter.containsIdentityCode(text),
    "redaction changed text without a code, or kept one")
  precondition(redacted.utf8.count == text.utf8.count, "redaction changed the length")
}
