import Testing

@testable import SiirtoCore

@Suite("Y-tunnus")
struct YTunnusTests {
  @Test(
    "valid vectors",
    arguments: [
      "0201256-6", "0101263-6", "0124610-9", "0211675-2", "0204819-8", "0187690-1",
      "0502454-6",
    ])
  func valid(_ text: String) {
    let parsed = YTunnus.parse(text)
    #expect(parsed.value?.value == text)
    #expect(parsed.problems.isEmpty)
  }
}
