import Testing

@testable import SiirtoCore

// Every test vector of spec/identifiers.md, one parameterised test per table.

@Suite("Y-tunnus vectors")
struct YTunnusVectorTests {
  @Test(
    "valid",
    arguments: [
      "0201256-6", "0101263-6", "0124610-9", "0211675-2", "0204819-8", "0187690-1",
      "0502454-6",
    ])
  func valid(_ text: String) {
    let parsed = YTunnus.parse(text)
    #expect(parsed.value?.value == text)
    #expect(parsed.problems.isEmpty)
  }

  @Test("surrounding white space is trimmed")
  func trimmed() {
    #expect(YTunnus.parse(" \t0201256-6\r\n").value?.value == "0201256-6")
  }

  @Test(
    "invalid",
    arguments: [
      ("0201256-5", "checksum"), ("1000008-0", "checksum"), ("1000008-1", "checksum"),
      ("02012566", "format"), ("FI02012566", "format"), ("0201256–6", "format"),
      ("020125A-6", "format"), ("", "format"), ("0201256-", "format"),
    ])
  func invalid(_ text: String, variant: String) {
    guard case .invalid(let problem) = YTunnus.parse(text) else {
      Issue.record("accepted \(text)")
      return
    }
    #expect(problem.code == .YTUNNUS_INVALID)
    #expect(problem.variant == variant)
  }

  @Test("six digits are read with a leading zero and a warning")
  func sixDigit() {
    let parsed = YTunnus.parse("201256-6")
    #expect(parsed.value?.value == "0201256-6")
    #expect(parsed.problems.map(\.code) == [.YTUNNUS_SIX_DIGIT])
    #expect(parsed.problems.first?.severity == .warning)
  }

  @Test("a base with remainder 1 has no check digit")
  func remainderOne() {
    #expect(YTunnus.checkDigit([1, 0, 0, 0, 0, 0, 8]) == nil)
    #expect(YTunnus.checkDigit([0, 2, 0, 1, 2, 5, 6]) == 6)
  }
}

@Suite("Henkilötunnus vectors")
struct HetuVectorTests {
  @Test(
    "valid",
    arguments: [
      "131052-308T", "010594Y9032", "020504A902E", "290200A917W", "100190-999P", "100190Y999P",
    ])
  func valid(_ text: String) {
    let parsed = Hetu.parse(text)
    #expect(parsed.value?.value == text)
  }

  @Test(
    "invalid",
    arguments: [
      ("290201A9175", "date"), ("010190-001P", "individual_number"),
      ("010190-000P", "individual_number"), ("131052-308t", "lowercase"),
      ("131052-308U", "checksum"), ("010594y9032", "lowercase"), ("131052308T", "format"),
      ("131052*308T", "format"), ("131052-308G", "format"), ("1310X2-308T", "format"),
      ("310452-308T", "date"), ("131052-308TT", "format"),
    ])
  func invalid(_ text: String, variant: String) {
    guard case .invalid(let problem) = Hetu.parse(text) else {
      Issue.record("accepted \(variant) case")
      return
    }
    #expect(problem.code == .HETU_INVALID)
    #expect(problem.variant == variant)
  }

  @Test("the century sign is part of the identity")
  func centurySign() throws {
    let dash = try #require(Hetu("100190-999P"))
    let y = try #require(Hetu("100190Y999P"))
    #expect(dash != y)
    #expect(dash.birthDate == y.birthDate)
    #expect(y.value == "100190Y999P")
  }

  @Test(
    "century signs give the century",
    arguments: [
      ("131052-308T", 1952), ("010594Y9032", 1994), ("020504A902E", 2004),
      ("290200A917W", 2000),
    ])
  func century(_ text: String, year: Int) {
    #expect(Hetu(text)?.birthDate.year == year)
  }

  @Test("a temporary number warns, a regular one does not")
  func temporary() {
    #expect(Hetu.parse("100190-999P").problems.map(\.code) == [.HETU_TEMPORARY])
    #expect(Hetu.parse("131052-308T").problems.isEmpty)
    #expect(Hetu("020504A902E")?.isTemporary == true)
    #expect(Hetu("131052-308T")?.isTemporary == false)
  }

  @Test("age on a date counts completed years")
  func age() throws {
    let hetu = try #require(Hetu("290200A917W"))
    #expect(hetu.age(on: LocalDate(year: 2018, month: 2, day: 28)!) == 17)
    #expect(hetu.age(on: LocalDate(year: 2018, month: 3, day: 1)!) == 18)
    #expect(hetu.eighteenthBirthday == LocalDate(year: 2018, month: 3, day: 1))
  }
}

@Suite("IBAN vectors")
struct IBANVectorTests {
  @Test(
    "valid",
    arguments: [
      ("FI2112345600000785", "FI2112345600000785"),
      ("FI21 1234 5600 0007 85", "FI2112345600000785"),
      ("FI3550000120253504", "FI3550000120253504"),
      ("fi21 1234 5600 0007 85", "FI2112345600000785"),
    ])
  func valid(_ text: String, canonical: String) {
    #expect(IBAN.parse(text).value?.value == canonical)
  }

  @Test(
    "invalid",
    arguments: [
      ("FI2112345600000786", ProblemCode.IBAN_INVALID),
      ("SE4550000000058398257466", .IBAN_NOT_FINNISH),
      ("FI211234560000078", .IBAN_INVALID), ("FI21123456000007850", .IBAN_INVALID),
      ("2112345600000785FI", .IBAN_INVALID), ("FI21-1234-5600-0007-85", .IBAN_INVALID),
      ("", .IBAN_INVALID),
    ])
  func invalid(_ text: String, code: ProblemCode) {
    guard case .invalid(let problem) = IBAN.parse(text) else {
      Issue.record("accepted \(text)")
      return
    }
    #expect(problem.code == code)
  }

  @Test("check digits 00, 01 and 99 are never issued, even where the arithmetic passes")
  func aliasCheckDigits() {
    // FI97 and FI00 are congruent mod 97; only 02…98 are real check digits.
    #expect(IBAN("FI9700000000000011") != nil)
    #expect(IBAN("FI0000000000000011") == nil)
  }
}

@Suite("Payment reference vectors")
struct PaymentReferenceVectorTests {
  @Test(
    "valid",
    arguments: [
      ("12345672", "12345672", PaymentReference.Form.finnish),
      ("1234561", "1234561", .finnish), ("12345 672", "12345672", .finnish),
      ("0012345672", "12345672", .finnish), ("RF8512345672", "RF8512345672", .rf),
      ("RF18 5390 0754 7034", "RF18539007547034", .rf),
      ("rf18539007547034", "RF18539007547034", .rf),
    ])
  func valid(_ text: String, canonical: String, form: PaymentReference.Form) {
    let parsed = PaymentReference.parse(text).value
    #expect(parsed?.value == canonical)
    #expect(parsed?.form == form)
  }

  @Test(
    "invalid",
    arguments: [
      ("12345673", "checksum"), ("123", "length"), ("RF19539007547034", "checksum"),
      ("123456789012345678901", "length"), ("1234567A", "format"), ("", "format"),
      ("RF1", "format"), ("RFAB12345", "format"), ("00013", "length"),
      ("RF18-5390", "format"),
    ])
  func invalid(_ text: String, variant: String) {
    guard case .invalid(let problem) = PaymentReference.parse(text) else {
      Issue.record("accepted \(text)")
      return
    }
    #expect(problem.code == .REFERENCE_INVALID)
    #expect(problem.variant == variant)
  }
}

@Suite("RF check digits")
struct RFCheckDigitTests {
  // RF00 ≡ RF97 and RF99 ≡ RF02 mod 97; only 02…98 are issued.
  @Test("aliases of valid check digits are rejected")
  func aliases() {
    #expect(PaymentReference("RF9772") != nil)
    #expect(PaymentReference("RF0072") == nil)
    #expect(PaymentReference("RF0236") != nil)
    #expect(PaymentReference("RF9936") == nil)
  }
}

@Suite("Trimming")
struct TrimmingTests {
  @Test("a trailing CR LF is trimmed like any ASCII white space")
  func crlf() {
    #expect("0201256-6\r\n".trimmingASCIIWhitespace() == "0201256-6")
    #expect(Hetu("\t131052-308T\r\n")?.value == "131052-308T")
    #expect(" \r\n\t ".trimmingASCIIWhitespace().isEmpty)
    #expect("a b".trimmingASCIIWhitespace() == "a b")
  }
}

@Suite("Municipality code")
struct MunicipalityCodeTests {
  @Test("three digits, leading zeros kept", arguments: ["091", "049", "092", "837", "853", "564"])
  func valid(_ text: String) {
    #expect(MunicipalityCode(text)?.value == text)
  }

  @Test("anything else is not a code", arguments: ["91", "0910", "09A", "", "-91"])
  func invalid(_ text: String) {
    #expect(MunicipalityCode(text) == nil)
  }
}

@Suite("Cents")
struct CentsTests {
  @Test(
    "accepted amounts",
    arguments: [
      ("450.00", false, Int64(45000)), ("450", false, 45000), ("450.5", false, 45050),
      ("0.01", false, 1), (" 99999.99 ", false, 9_999_999), ("450,00", true, 45000),
      ("1,5", true, 150), ("450.00", true, 45000),
    ])
  func accepted(_ text: String, comma: Bool, cents: Int64) {
    #expect(Cents.parse(text, decimalComma: comma) == Cents(cents))
  }

  @Test(
    "rejected amounts",
    arguments: [
      ("450,00", false), ("450.001", false), ("-450.00", false), ("+450.00", false),
      ("1 000.00", false), ("1.000,00", true), ("1,000.00", true), ("€450", false),
      ("450.", false), (".50", false), (",50", true), ("", false), ("1e3", false),
      ("4,5,0", true), ("999999999999999999", false),
    ])
  func rejected(_ text: String, comma: Bool) {
    #expect(Cents.parse(text, decimalComma: comma) == nil)
  }

  @Test("printed with a decimal point and two decimals")
  func description() {
    #expect(Cents(45000).description == "450.00")
    #expect(Cents(5).description == "0.05")
    #expect(Cents(123_456).description == "1234.56")
    #expect((Cents(150) + Cents(50)).description == "2.00")
  }
}
