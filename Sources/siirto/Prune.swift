import ArgumentParser
import SiirtoPipeline

struct Prune: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Remove archived inputs and reports past retention, recorded in the audit chain.")

  @OptionGroup var rootOptions: RootOptions

  @Option(help: "Remove what is older than this many days (default: the retention setting).")
  var olderThan: Int?

  @Option(help: "The configuration file (default: <root>/siirto.toml if present).")
  var config: String?

  @Option(help: "The business clock, ISO 8601; default: now.")
  var now: String?

  func validate() throws {
    guard (olderThan ?? 0) >= 0 else {
      throw ValidationError("--older-than takes a number of days ≥ 0")
    }
  }

  func run() throws {
    do {
      let root = rootOptions.dataRoot
      let configuration = try Configuration.load(path: config, root: root.path.string)
      let result = try PruneCommand.prune(
        root: root, olderThanDays: olderThan ?? configuration.archiveRetentionDays,
        now: try parseNow(now), configuration: configuration)
      for line in result { print(line) }
    } catch let error as ValidationError {
      throw error
    } catch is RunLock.Held {
      complain("siirto: a run holds the lock; nothing was pruned.")
      throw ExitCode(ExitStatus.locked)
    } catch {
      complain("siirto: \(error)")
      throw ExitCode(exitStatus(for: error))
    }
  }
}
