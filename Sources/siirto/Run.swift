import ArgumentParser
import Foundation
import SiirtoCore
import SiirtoPipeline

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Process everything eligible in the inbox, then publish.",
    discussion: """
      A clean run prints nothing and exits 0. A run with rejections prints a short summary \
      and exits 1. Exit codes: 64 usage, 70 internal error, 74 I/O error, 75 another run \
      holds the lock, 78 configuration error.
      """)

  @OptionGroup var rootOptions: RootOptions

  @Option(help: "The business clock, ISO 8601 (e.g. 2026-11-22T02:00:00Z); default: now.")
  var now: String?

  @Option(help: "The configuration file (default: <root>/siirto.toml if present).")
  var config: String?

  @Option(help: "Seconds a file must rest unmodified before it is picked up (default 60).")
  var minAge: Int?

  @Flag(help: "Allow a register snapshot to end more organisations than the guard allows.")
  var allowMassRemoval = false

  @OptionGroup var log: LogOptions

  func run() throws {
    let root = rootOptions.dataRoot
    // The configuration's log level applies from the first line; a bad file is
    // reported (exit 78) by the run itself below.
    let configured = try? Configuration.load(path: config, root: root.path.string)
    let logger = log.bootstrap(configured: configured?.logLevel ?? .warning)
    let options = RunOptions(
      root: root, now: try parseNow(now), configPath: config, minAge: minAge,
      allowMassRemoval: allowMassRemoval)
    do {
      let result = try Runner(options: options, logger: logger).run()
      if let summary = result.summary { print(PrivacyFilter.redact(summary)) }
      if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    } catch let error as ExitCode {
      throw error
    } catch is RunLock.Held {
      complain("siirto: another run holds the lock (\(options.root.lock)); nothing was done.")
      throw ExitCode(ExitStatus.locked)
    } catch {
      complain("siirto: \(error)")
      throw ExitCode(exitStatus(for: error))
    }
  }
}
