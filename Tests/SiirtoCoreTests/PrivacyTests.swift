import Foundation
import Testing

@testable import SiirtoCore

@Suite("Privacy filter")
struct PrivacyFilterTests {
  @Test(
    "masks a valid code standing alone",
    arguments: [
      ("131052-308T", "******-****"),
      ("Asiakas 131052-308T soitti.", "Asiakas ******-**** soitti."),
      ("(131052-308T)", "(******-****)"), ("hetu=010594Y9032;", "hetu=******-****;"),
      ("maksut_020504A902E.csv", "maksut_******-****.csv"),
      ("100190-999P ja 100190Y999P", "******-**** ja ******-****"),
      ("ä131052-308Tö", "ä******-****ö"), ("290200A917W\n", "******-****\n"),
      ("131052-308t", "******-****"),
    ])
  func masks(_ text: String, expected: String) {
    #expect(PrivacyFilter.redact(text) == expected)
    #expect(PrivacyFilter.containsIdentityCode(text))
  }

  @Test(
    "leaves a code glued to a letter or digit, and anything invalid",
    arguments: [
      "X131052-308T", "131052-308TX", "1131052-308T", "131052-308T1", "131052-308U",
      "290201A9175", "010190-001P", "0201256-6", "FI2112345600000785", "",
      "131052-308",
    ])
  func leaves(_ text: String) {
    #expect(PrivacyFilter.redact(text) == text)
    #expect(!PrivacyFilter.containsIdentityCode(text))
  }

  @Test("every generated code is masked, alone and in a sentence")
  func generated() {
    var rng = SplitMix64(seed: 11)
    for _ in 0..<Generate.samples {
      let id = Generate.hetu(&rng)
      #expect(PrivacyFilter.redact(id) == PrivacyFilter.mask)
      #expect(PrivacyFilter.redact("Rivi 3: \(id), tarkista.") == "Rivi 3: ******-****, tarkista.")
    }
  }
}

@Suite("Pseudonymizer")
struct PseudonymizerTests {
  let key: [UInt8] = Array("siirto-test-key-0123456789abcdef".utf8)

  @Test("H- and 12 lower-case hex digits, the same every time")
  func stable() throws {
    let hetu = try #require(Hetu("010594Y9032"))
    let a = Pseudonymizer(key: key).pseudonym(for: hetu)
    #expect(a == Pseudonymizer(key: key).pseudonym(for: hetu))
    #expect(a.count == 14)
    #expect(a.hasPrefix("H-"))
    #expect(a.dropFirst(2).allSatisfy { "0123456789abcdef".contains($0) })
  }

  @Test("another person, another century sign or another key gives another pseudonym")
  func distinct() throws {
    let p = Pseudonymizer(key: key)
    let dash = try #require(Hetu("100190-999P"))
    let y = try #require(Hetu("100190Y999P"))
    let other = try #require(Hetu("020504A902E"))
    #expect(p.pseudonym(for: dash) != p.pseudonym(for: y))
    #expect(p.pseudonym(for: dash) != p.pseudonym(for: other))
    #expect(p.pseudonym(for: dash) != Pseudonymizer(key: [1, 2, 3]).pseudonym(for: dash))
  }

  @Test("a known value: HMAC-SHA-256 truncated to six bytes")
  func known() throws {
    // printf 131052-308T | openssl dgst -sha256 -hmac key
    let hetu = try #require(Hetu("131052-308T"))
    #expect(Pseudonymizer(key: Array("key".utf8)).pseudonym(for: hetu) == "H-190fcb563159")
  }
}

@Suite("Sample data")
struct SampleDataPrivacyTests {
  /// `samples/` of this checkout, found from this source file.
  static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")

  @Test("every valid henkilötunnus in samples/ is a temporary number (900–999)")
  func onlyTemporaryNumbers() throws {
    let files = try #require(FileManager.default.enumerator(atPath: Self.samples.path))
    var scanned = 0
    for case let name as String in files {
      let url = Self.samples.appendingPathComponent(name)
      guard let data = FileManager.default.contents(atPath: url.path) else { continue }
      // Bytes, not text: the Windows-1252 and UTF-16 samples are scanned alike.
      let bytes = [UInt8](data).filter { $0 != 0 }
      scanned += 1
      guard bytes.count >= 11 else { continue }
      for start in 0...(bytes.count - 11) {
        let window = Array(bytes[start..<(start + 11)])
        if Hetu.isValid(bytes: window) {
          let hetu = try #require(Hetu(String(decoding: window, as: UTF8.self)))
          #expect(hetu.isTemporary, "\(name) at byte \(start)")
        }
      }
    }
    #expect(scanned > 20)
  }
}
