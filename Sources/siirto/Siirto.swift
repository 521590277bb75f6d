import ArgumentParser
import Foundation
import Logging
import SiirtoCore
import SiirtoPipeline

/// The command line: argument parsing and exit codes; the work is in SiirtoPipeline.
@main
struct SiirtoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "siirto",
    abstract: "The nightly file exchange between Kela and its public-sector partners.",
    discussion: """
      Picks up the files dropped into the inbox, validates them against the schemas and \
      business rules, keeps the state in SQLite, and writes receipts, notifications, the \
      Kela claims batch and auditor reports.
      """,
    version: Siirto.version,
    subcommands: [Run.self, Validate.self, Status.self, Audit.self, Prune.self]
  )
}

/// Options every command that works on a data root shares.
struct RootOptions: ParsableArguments {
  @Option(name: .long, help: "The data root (default: $SIIRTO_ROOT, else ./var).")
  var root: String?

  var dataRoot: DataRoot { DataRoot.resolve(root) }
}

/// Logging options: swift-log to stderr, `warning` and above by default.
struct LogOptions: ParsableArguments {
  @Option(
    help:
      "Lowest level logged: trace, debug, info, notice, warning, error, critical (default: the configuration's log_level, warning)."
  )
  var logLevel: Logger.Level?

  @Option(help: "Log line format: text or json.")
  var logFormat: LogFormat = .text

  /// Sets up logging once; `configured` is the configuration's level, which
  /// `--log-level` overrides.
  func bootstrap(configured: Logger.Level = .warning) -> Logger {
    let level = logLevel ?? configured
    let format = logFormat
    LoggingSystem.bootstrap { label in
      var handler = PrivacyLogHandler(label: label, format: format)
      handler.logLevel = level
      return handler
    }
    return Logger(label: "siirto")
  }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Maps the pipeline's errors onto the exit codes of operations.md.
func exitStatus(for error: Error) -> Int32 {
  switch error {
  case is RunLock.Held: return ExitStatus.locked
  case _ where IOFailure.isIO(error): return ExitStatus.ioError
  case is ConfigurationError: return ExitStatus.configuration
  default: return ExitStatus.internalError
  }
}

/// One line on stderr, through the privacy filter.
func complain(_ text: String) {
  FileHandle.standardError.write(Data((PrivacyFilter.redact(text) + "\n").utf8))
}

/// Parses `--now`.
func parseNow(_ text: String?) throws -> Timestamp? {
  guard let text else { return nil }
  guard let stamp = Timestamp.parse(text) else {
    throw ValidationError("--now takes an ISO 8601 time with an offset, e.g. 2026-11-22T02:00:00Z")
  }
  return stamp
}
