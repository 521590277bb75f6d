import Testing

@testable import SiirtoCore

/// SplitMix64: a tiny seeded generator, so every run tests the same values
/// and a failure can be replayed.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func digits(_ count: Int) -> [Int] {
    (0..<count).map { _ in Int.random(in: 0...9, using: &self) }
  }

  mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

/// Valid identifiers built from their definitions in identifiers.md.
enum Generate {
  static let samples = 400
  static let digitChars = Array("0123456789")
  static let letterChars = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

  static func yTunnus(_ rng: inout SplitMix64) -> String {
    while true {
      let base = rng.digits(7)
      if let check = YTunnus.checkDigit(base) {
        return base.map(String.init).joined() + "-" + String(check)
      }
    }
  }

  /// A code with a temporary individual number (900–999), any century sign.
  static func hetu(_ rng: inout SplitMix64) -> String {
    let year = Int.random(in: 1800...2099, using: &rng)
    let month = Int.random(in: 1...12, using: &rng)
    let day = Int.random(in: 1...LocalDate.daysIn(month: month, year: year), using: &rng)
    let sign: Character
    switch year {
    case ..<1900: sign = "+"
    case ..<2000: sign = rng.pick(Array("-YXWVU"))
    default: sign = rng.pick(Array("ABCDEF"))
    }
    let ddmmyy = two(day) + two(month) + two(year % 100)
    let individual = Int.random(in: 900...999, using: &rng)
    let control = Hetu.controlCharacter(ddmmyy: ddmmyy, individual: individual)
    return ddmmyy + String(sign) + String(individual) + String(control)
  }

  static func iban(_ rng: inout SplitMix64) -> String {
    let bban = rng.digits(14).map(String.init).joined()
    return "FI" + two(98 - mod97("FI00" + bban)) + bban
  }

  /// A viitenumero in canonical form: no leading zero, 4–20 digits.
  static func viitenumero(_ rng: inout SplitMix64) -> String {
    let length = Int.random(in: 3...19, using: &rng)
    let base = [Int.random(in: 1...9, using: &rng)] + rng.digits(length - 1)
    return (base + [PaymentReference.checkDigit(base)]).map(String.init).joined()
  }

  static func rf(_ rng: inout SplitMix64) -> String {
    let length = Int.random(in: 1...21, using: &rng)
    let body = String((0..<length).map { _ in rng.pick(digitChars + letterChars) })
    return "RF" + two(98 - mod97("RF00" + body)) + body
  }

  /// Moves four characters to the end, letters to 10…35, mod 97.
  static func mod97(_ text: String) -> Int {
    let s = Array(text.utf8)
    var r = 0
    for b in s[4...] + s[..<4] {
      let v = b <= 0x39 ? Int(b - 0x30) : Int(b - 0x41 + 10)
      r = (r * (v >= 10 ? 100 : 10) + v) % 97
    }
    return r
  }

  static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

  /// Every one-character substitution at `index` with a character of `alphabet`.
  static func mutations(of text: String, at index: Int, from alphabet: [Character]) -> [String] {
    var chars = Array(text)
    let original = chars[index]
    return alphabet.filter { $0 != original }.map { c in
      chars[index] = c
      return String(chars)
    }
  }
}

@Suite("Generated identifiers")
struct IdentifierPropertyTests {
  @Test("a generated Y-tunnus parses; any one changed character is caught")
  func yTunnus() {
    var rng = SplitMix64(seed: 1)
    for _ in 0..<Generate.samples {
      let id = Generate.yTunnus(&rng)
      #expect(YTunnus.parse(id).value?.value == id)
      #expect(YTunnus.parse(id).problems.isEmpty)
      let position = Int.random(in: 0..<id.count, using: &rng)
      for bad in Generate.mutations(
        of: id, at: position, from: Generate.digitChars + Generate.letterChars + ["-"])
      {
        #expect(YTunnus.parse(bad).value == nil, "\(bad) from \(id)")
      }
    }
  }

  // The century sign is left alone: changing it names another identity
  // (`100190-999P`, `100190Y999P`) or moves the birth date, so no check can catch it.
  @Test("a generated henkilötunnus parses; a changed digit or control character is caught")
  func hetu() {
    var rng = SplitMix64(seed: 2)
    for _ in 0..<Generate.samples {
      let id = Generate.hetu(&rng)
      let parsed = Hetu.parse(id)
      #expect(parsed.value?.value == id)
      #expect(parsed.value?.isTemporary == true)
      #expect(parsed.problems.map(\.code) == [.HETU_TEMPORARY])
      let position = rng.pick([0, 1, 2, 3, 4, 5, 7, 8, 9, 10])
      let alphabet =
        position == 10
        ? Array("0123456789ABCDEFHJKLMNPRSTUVWXYabcdefhjklmnprstuvwxy")
        : Generate.digitChars + ["A", "-"]
      for bad in Generate.mutations(of: id, at: position, from: alphabet) {
        #expect(Hetu.parse(bad).value == nil, "mutated at \(position)")
      }
    }
  }

  @Test("every generated century sign is accepted and kept")
  func centurySigns() {
    var rng = SplitMix64(seed: 3)
    var seen = Set<Character>()
    for _ in 0..<Generate.samples {
      let id = Generate.hetu(&rng)
      seen.insert(Array(id)[6])
      #expect(Hetu(id)?.value == id)
    }
    #expect(seen == Set("+-YXWVUABCDEF"))
  }

  @Test("a generated IBAN parses, also in print form; any one changed character is caught")
  func iban() {
    var rng = SplitMix64(seed: 4)
    for _ in 0..<Generate.samples {
      let id = Generate.iban(&rng)
      #expect(IBAN.parse(id).value?.value == id)
      let chars = Array(id)
      let print = stride(from: 0, to: chars.count, by: 4).map {
        String(chars[$0..<min($0 + 4, chars.count)])
      }.joined(separator: " ")
      #expect(IBAN.parse(print).value?.value == id)
      let position = Int.random(in: 0..<id.count, using: &rng)
      for bad in Generate.mutations(
        of: id, at: position, from: Generate.digitChars + Generate.letterChars)
      {
        #expect(IBAN.parse(bad).value == nil, "\(bad) from \(id)")
      }
    }
  }

  @Test("a generated viitenumero parses; any one changed digit is caught")
  func viitenumero() {
    var rng = SplitMix64(seed: 5)
    for _ in 0..<Generate.samples {
      let id = Generate.viitenumero(&rng)
      #expect(PaymentReference.parse(id).value?.value == id)
      // Leading zeros count towards the 20 digits of the input.
      let padded = String(repeating: "0", count: 20 - id.count) + id
      #expect(PaymentReference.parse(padded).value?.value == id)
      #expect(PaymentReference.parse("0" + padded).value == nil)
      let position = Int.random(in: 0..<id.count, using: &rng)
      for bad in Generate.mutations(of: id, at: position, from: Generate.digitChars + ["A"]) {
        #expect(PaymentReference.parse(bad).value == nil, "\(bad) from \(id)")
      }
    }
  }

  // Substitutions stay within digits or within letters: a letter stands for
  // two digits in mod 97-10, and a change of length is not guaranteed to be caught.
  @Test("a generated RF reference parses; any one changed character of its class is caught")
  func rf() {
    var rng = SplitMix64(seed: 6)
    for _ in 0..<Generate.samples {
      let id = Generate.rf(&rng)
      let parsed = PaymentReference.parse(id).value
      #expect(parsed?.value == id)
      #expect(parsed?.form == .rf)
      let position = Int.random(in: 2..<id.count, using: &rng)
      let alphabet =
        Generate.digitChars.contains(Array(id)[position])
        ? Generate.digitChars : Generate.letterChars
      for bad in Generate.mutations(of: id, at: position, from: alphabet) {
        #expect(PaymentReference.parse(bad).value == nil, "\(bad) from \(id)")
      }
    }
  }

  @Test("canonical forms parse to themselves")
  func canonicalIsStable() {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<Generate.samples {
      let texts = [
        Generate.yTunnus(&rng), Generate.iban(&rng), Generate.viitenumero(&rng),
        Generate.rf(&rng),
      ]
      #expect(YTunnus(texts[0]).flatMap { YTunnus($0.value) }?.value == texts[0])
      #expect(IBAN(texts[1]).flatMap { IBAN($0.value) }?.value == texts[1])
      for text in texts[2...] {
        #expect(PaymentReference(text).flatMap { PaymentReference($0.value) }?.value == text)
      }
    }
  }
}
