import SiirtoCore
import SiirtoFormats

/// The reader harness: bad content must come back as problems, never as a
/// crash, a hang or a thrown error, and no message may carry an identity code.
public enum FuzzReader {
  public static func test(_ data: UnsafePointer<UInt8>?, _ size: Int) {
    FuzzInput.withFile(data, size) { path in
      var records = 0
      let summary: ReadSummary
      do {
        summary = try InputReader.read(path: path) { event in
          switch event {
          case .header: break
          case .record(let record):
            records += 1
            record.problems.forEach(check)
          case .problem(let problem):
            check(problem)
          }
        }
      } catch {
        // The file exists and is readable: only bad content is possible here.
        fatalError("the reader threw on content: \(error)")
      }
      precondition(summary.records == records, "summary counts \(summary.records) of \(records)")
    }
  }

  /// Renders `problem` as reports do and checks that nothing in it names a person.
  private static func check(_ problem: Problem) {
    for (name, value) in problem.arguments {
      precondition(
        !PrivacyFilter.containsIdentityCode(value), "argument \(name) holds an identity code")
    }
    for language in Language.allCases {
      let message = Messages.render(problem, in: language)
      precondition(!PrivacyFilter.containsIdentityCode(message), "message holds an identity code")
    }
  }
}
