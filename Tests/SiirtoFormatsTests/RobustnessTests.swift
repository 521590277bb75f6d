import Foundation
import SiirtoCore
import Testing

@testable import SiirtoFormats

@Suite("Bad input never crashes")
struct RobustnessTests {
  /// A small deterministic generator, so that a failure can be repeated.
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  @Test(
    "mutated samples are read to the end with problems, never a crash",
    arguments: ["claims-valid.xml", "mandates-utf16.xml", "claims.csv", "registration.csv"])
  func mutations(name: String) throws {
    let original = Array(try Data(contentsOf: URL(fileURLWithPath: fixture(name))))
    let directory = try TemporaryDirectory()
    var generator = Generator(state: 42)
    let replacements: [UInt8] = [0x00, 0x22, 0x26, 0x3C, 0x3E, 0x0A, 0x0D, 0x3B, 0x81, 0xFF, 0x27]
    for round in 0..<150 {
      var bytes = original
      for _ in 0...generator.next(3) {
        let at = generator.next(bytes.count)
        switch generator.next(3) {
        case 0: bytes[at] = replacements[generator.next(replacements.count)]
        case 1: bytes.remove(at: at)
        default: bytes.insert(replacements[generator.next(replacements.count)], at: at)
        }
      }
      if generator.next(4) == 0 { bytes.removeLast(generator.next(bytes.count)) }
      let path = try directory.file("mutant-\(round)", bytes)
      let result = try read(path)
      for problem in result.allProblems {
        for text in problem.arguments.values { #expect(!PrivacyFilter.containsIdentityCode(text)) }
      }
    }
  }

  @Test("files read on several threads at once do not disturb each other")
  func concurrentReads() throws {
    let names = [
      "claims-valid.xml", "claims-invalid.xml", "mandates-utf16.xml", "claims.csv",
      "billion-laughs.xml", "claims-malformed.xml", "register-valid.xml", "registration.csv",
    ]
    let expected = try names.map { try read(fixture($0)).codes }
    let paths = names.map(fixture)
    let results = Results(count: names.count * 4)
    DispatchQueue.concurrentPerform(iterations: names.count * 4) { i in
      results.set(i, (try? read(paths[i % paths.count]))?.codes)
    }
    for i in 0..<(names.count * 4) {
      #expect(results.get(i) == expected[i % names.count], "\(names[i % names.count])")
    }
  }
}

@Suite("Written XML is well-formed whatever the values hold")
struct XMLWriterEscapeTests {
  @Test(
    "characters XML cannot carry are written as \\xNN; every other character as itself",
    arguments: [
      ("plain-text 123,45", "plain-text 123,45"),
      ("tab\tline\ncr\r", "tab\tline\ncr\r"),
      ("bell\u{07}esc\u{1B}", "bell\\x07esc\\x1B"),
      ("nul\u{0}", "nul\\x00"),
      ("\u{FFFE}\u{FFFF}", "\\xEF\\xBF\\xBE\\xEF\\xBF\\xBF"),
      ("Ä\u{FEFF}\u{EFFF}ö😀", "Ä\u{FEFF}\u{EFFF}ö😀"),
    ])
  func escaped(value: String, expected: String) throws {
    #expect(XMLWriter.safe(value) == expected)
    let w = try XMLWriter()
    try w.startDocument()
    try w.startElement("e")
    try w.attribute("a", value)
    try w.text(value)
    try w.endElement()
    try w.endDocument()
    let document = String(decoding: w.bytes(), as: UTF8.self)
    let attribute = expected.replacingOccurrences(of: "\t", with: "&#9;")
      .replacingOccurrences(of: "\n", with: "&#10;").replacingOccurrences(of: "\r", with: "&#13;")
    let text = expected.replacingOccurrences(of: "\r", with: "&#13;")
    #expect(document.contains("<e a=\"\(attribute)\">\(text)</e>"), "\(document)")
  }
}

/// Results collected from several threads.
final class Results: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [[ProblemCode]?]

  init(count: Int) { values = Array(repeating: nil, count: count) }

  func set(_ i: Int, _ value: [ProblemCode]?) {
    lock.lock()
    defer { lock.unlock() }
    values[i] = value
  }

  func get(_ i: Int) -> [ProblemCode]? {
    lock.lock()
    defer { lock.unlock() }
    return values[i]
  }
}
