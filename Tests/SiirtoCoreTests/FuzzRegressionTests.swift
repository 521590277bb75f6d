import SiirtoCore
import Testing

/// Inputs FuzzIdentifiers found (scripts/fuzz.sh); each is also a seed of
/// Fuzz/corpus/FuzzIdentifiers, so the fuzzer starts from it again.
@Suite("Fuzz regressions: identifiers")
struct FuzzRegressionTests {
  @Test(
    "an amount parses back from its description, however many digits it has",
    arguments: ["19112090120123", "9999999999999999", "9999999999999999.9", "1911209012012,3"])
  func amountRoundTrip(_ text: String) throws {
    let cents = try #require(Cents.parse(text, decimalComma: true))
    #expect(Cents.parse(cents.description) == cents)
  }

  @Test(
    "seventeen digits of euros are too many",
    arguments: ["99999999999999999", "1" + String(repeating: "0", count: 16) + ".00"])
  func tooManyDigits(_ text: String) {
    #expect(Cents.parse(text) == nil)
  }
}
