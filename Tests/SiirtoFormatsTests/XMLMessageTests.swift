import SiirtoCore
import Testing

@testable import SiirtoFormats

@Suite("libxml2 messages without the document's values")
struct XMLMessageTests {
  private func sanitize(_ message: String, values: [String] = []) -> String {
    XMLMessage.sanitize(message, values: values, vocabulary: ["A", "B", "xs:date", "DateValue"])
  }

  @Test("a value with an apostrophe is dropped whole")
  func apostrophe() {
    let text = sanitize(
      "Element '{urn:siirto:claims:1}Name': [facet 'maxLength'] The value 'O'Brien 010190-900P' "
        + "has a length of '201'; this exceeds the allowed maximum length of '200'.\n")
    #expect(
      text
        == "Element 'Name': [facet 'maxLength'] The value '…' has a length of '201'; "
        + "this exceeds the allowed maximum length of '200'.")
  }

  @Test("the schema's own words stay, the document's go")
  func vocabulary() {
    #expect(
      sanitize("[facet 'enumeration'] The value 'X' is not an element of the set {'A', 'B'}.")
        == "[facet 'enumeration'] The value '…' is not an element of the set {'A', 'B'}.")
    #expect(
      sanitize(
        "Element 'Period', attribute 'start': '2026-13-01' is not a valid value of the atomic type 'DateValue'."
      )
        == "Element 'Period', attribute 'start': '…' is not a valid value of the atomic type 'DateValue'."
    )
  }

  @Test("known values go even when unquoted text around them would mislead")
  func knownValues() {
    let value = "a' is not 'b"
    let text = sanitize("Element 'Name': '\(value)' is not a valid value.", values: [value])
    #expect(text == "Element 'Name': '…' is not a valid value.")
  }

  @Test("input bytes quoted by encoding errors are dropped, and so is a bare henkilötunnus")
  func bytesAndCodes() {
    #expect(
      sanitize("input conversion failed due to input error, bytes 0x30 0x31 0x30 0x31")
        == "input conversion failed due to input error")
    #expect(!sanitize("Extra content 010190-900P here").contains("010190-900P"))
  }
}
