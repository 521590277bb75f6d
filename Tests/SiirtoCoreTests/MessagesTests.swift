import Testing

@testable import SiirtoCore

@Suite("Messages")
struct MessagesTests {
  static let parserVariants = [
    "YTUNNUS_INVALID.format", "YTUNNUS_INVALID.checksum", "HETU_INVALID.format",
    "HETU_INVALID.lowercase", "HETU_INVALID.date", "HETU_INVALID.individual_number",
    "HETU_INVALID.checksum", "IBAN_INVALID.format", "IBAN_INVALID.checksum",
    "REFERENCE_INVALID.format", "REFERENCE_INVALID.length", "REFERENCE_INVALID.checksum",
  ]
  static let placeholders: Set<String> = [
    "field", "expected", "allowed", "detail", "count", "limit", "value", "missing",
  ]

  @Test("every code has a Finnish and an English message", arguments: ProblemCode.allCases)
  func everyCode(_ code: ProblemCode) {
    for language in Language.allCases {
      let text = MessageCatalog.general[code.rawValue]?[language] ?? ""
      #expect(!text.trimmingASCIIWhitespace().isEmpty, "\(code.rawValue) \(language)")
    }
  }

  @Test("every variant the identifier parsers use has both languages", arguments: parserVariants)
  func parserVariant(_ key: String) {
    for language in Language.allCases {
      let text = MessageCatalog.general[key]?[language] ?? ""
      #expect(!text.isEmpty, "\(key) \(language)")
    }
  }

  @Test("the variants the parsers produce are all in the catalog")
  func producedVariants() {
    let produced =
      [
        YTunnus.parse("02012566"), YTunnus.parse("0201256-5"),
      ].flatMap(\.problems)
      + [
        Hetu.parse("131052308T"), Hetu.parse("131052-308t"), Hetu.parse("290201A9175"),
        Hetu.parse("010190-001P"), Hetu.parse("131052-308U"),
      ].flatMap(\.problems)
      + [
        IBAN.parse("FI21-1234"), IBAN.parse("FI2112345600000786"),
      ].flatMap(\.problems)
      + [
        PaymentReference.parse("12A"), PaymentReference.parse("123"),
        PaymentReference.parse("12345673"),
      ].flatMap(\.problems)
    #expect(Set(produced.map(Messages.key)) == Set(Self.parserVariants))
  }

  @Test("every key is a code or a code's variant, and every message is clean")
  func wellFormed() {
    let codes = Set(ProblemCode.allCases.map(\.rawValue))
    for (key, messages) in MessageCatalog.general {
      #expect(codes.contains(String(key.split(separator: ".")[0])), "\(key)")
      #expect(Set(messages.keys) == Set(Language.allCases), "\(key)")
      for (language, text) in messages {
        #expect(!text.isEmpty, "\(key) \(language)")
        #expect(text == text.trimmingASCIIWhitespace(), "\(key) \(language)")
        #expect(!PrivacyFilter.containsIdentityCode(text), "\(key) \(language)")
        for name in Self.names(in: text) {
          #expect(Self.placeholders.contains(name), "\(key) \(language): {\(name)}")
        }
      }
    }
  }

  @Test("Finnish and English quote the same arguments")
  func samePlaceholders() {
    for (key, messages) in MessageCatalog.general {
      #expect(Self.names(in: messages[.fi] ?? "") == Self.names(in: messages[.en] ?? ""), "\(key)")
    }
  }

  @Test("rendering picks the variant, falls back to the code, and fills arguments")
  func render() {
    let checksum = Problem(.HETU_INVALID, variant: "checksum")
    #expect(Messages.render(checksum, in: .fi) == "Henkilötunnuksen tarkistusmerkki on väärä.")
    #expect(
      Messages.render(checksum, in: .en)
        == "The control character of the personal identity code is wrong.")
    let unknownVariant = Problem(.HETU_INVALID, variant: "no-such-variant")
    #expect(Messages.render(unknownVariant, in: .fi) == "Henkilötunnus on virheellinen.")
    let enumProblem = Problem(.ENUM, arguments: ["allowed": "ADD, CANCEL"])
    #expect(
      Messages.render(enumProblem, in: .en)
        == "The value is not one of the allowed codes: ADD, CANCEL.")
  }

  @Test("a personal identity code in an argument is masked when rendered")
  func maskedArgument() {
    let problem = Problem(.XML_SCHEMA, arguments: ["detail": "element Client: 131052-308T"])
    for language in Language.allCases {
      let text = Messages.render(problem, in: language)
      #expect(!PrivacyFilter.containsIdentityCode(text))
      #expect(text.contains(PrivacyFilter.mask))
    }
  }

  /// The `{name}` placeholders of a template, in order.
  static func names(in text: String) -> [String] {
    var names: [String] = []
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      names.append(String(rest[rest.index(after: open)..<close]))
      rest = rest[rest.index(after: close)...]
    }
    return names.sorted()
  }
}

@Suite("Message placeholders")
struct MessagePlaceholderTests {
  @Test("a problem without the arguments its message names never shows a raw placeholder")
  func missingArgument() {
    for code in ProblemCode.allCases {
      for language in Language.allCases {
        let text = Messages.render(Problem(code), in: language)
        #expect(!text.contains("{"), "\(code) \(language): \(text)")
        #expect(!text.isEmpty)
      }
    }
  }

  @Test("arguments fill their placeholders")
  func filled() {
    let problem = Problem(.ENUM, arguments: ["allowed": "ADD, CANCEL"])
    #expect(Messages.render(problem, in: .en).contains("ADD, CANCEL"))
  }
}
