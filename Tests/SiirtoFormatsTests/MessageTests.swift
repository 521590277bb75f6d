import Foundation
import Testing

@testable import SiirtoCore
@testable import SiirtoFormats

@Suite("Reader messages")
struct MessageTests {
  @Test("every variant the reader produces has both messages, with every placeholder filled")
  func variants() throws {
    let directory = URL(fileURLWithPath: fixture("claims.csv")).deletingLastPathComponent()
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    var problems: [Problem] = []
    for name in names {
      problems += try read(directory.appendingPathComponent(name).path).allProblems
    }
    problems += try read(
      text: "claim_id;claimant_y_tunnus\nHKI-1;\(String(repeating: "a", count: 10_001))\n"
    )
    .allProblems
    let produced = Set(problems.filter { $0.variant != nil }.map(Messages.key))
    #expect(produced.count >= 20)
    for key in produced {
      for language in Language.allCases {
        #expect(MessageCatalog.reader[key]?[language] != nil, "\(key) \(language)")
      }
    }
    for problem in problems where problem.variant != nil {
      for language in Language.allCases {
        let text = Messages.render(problem, in: language)
        #expect(!text.contains("{"), "\(Messages.key(problem)): \(text)")
      }
    }
  }
}
