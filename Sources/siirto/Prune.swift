import ArgumentParser
import SiirtoPipeline

struct Prune: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Remove archived inputs and reports past retention, recorded in the audit chain.")

  @OptionGroup var rootOptions: RootOptions

  @Option(help: "Remove what is older than this many days.")
  var olderThan: Int

  @Option(help: "The business clock, ISO 8601; default: now.")
  var now: String?

  func validate() throws {
    guard olderThan >= 0 else { throw ValidationError("--older-than takes a number of days ≥ 0") }
  }

  func run() throws {
    do {
      let result = try PruneCommand.prune(
        root: rootOptions.dataRoot, olderThanDays: olderThan, now: try parseNow(now))
      for line in result { print(line) }
    } catch let error as ValidationError {
      throw error
    } catch {
      complain("siirto: \(error)")
      throw ExitCode(exitStatus(for: error))
    }
  }
}
