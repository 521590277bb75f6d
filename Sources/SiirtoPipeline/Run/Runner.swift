import Foundation
import GRDB
import Logging
import SiirtoCore
import SiirtoFormats
import SiirtoStore

/// What `siirto run` was asked to do.
public struct RunOptions: Sendable {
  public var root: DataRoot
  /// The business clock (`--now`); the real time when `nil`.
  public var now: Timestamp?
  public var configPath: String?
  /// `--min-age`, overriding the configuration.
  public var minAge: Int?
  public var allowMassRemoval: Bool

  public init(
    root: DataRoot, now: Timestamp? = nil, configPath: String? = nil, minAge: Int? = nil,
    allowMassRemoval: Bool = false
  ) {
    self.root = root
    self.now = now
    self.configPath = configPath
    self.minAge = minAge
    self.allowMassRemoval = allowMassRemoval
  }
}

/// How a run ended, for the command line.
public struct RunResult: Sendable {
  public var runID: String
  public var exitCode: Int32
  /// The short summary printed when something was rejected.
  public var summary: String?
}

/// The exit codes of operations.md.
public enum ExitStatus {
  public static let ok: Int32 = 0
  public static let rejections: Int32 = 1
  public static let usage: Int32 = 64
  public static let internalError: Int32 = 70
  public static let ioError: Int32 = 74
  public static let locked: Int32 = 75
  public static let configuration: Int32 = 78

  /// The exit code for an error that ended a command: the disk and the
  /// database saying no (full, read-only, permissions, I/O) is 74; the lock
  /// 75; the configuration 78; anything else is a bug, 70.
  public static func of(_ error: Error) -> Int32 {
    switch error {
    case is RunLock.Held: return locked
    case _ where IOFailure.isIO(error): return ioError
    case is ConfigurationError: return configuration
    default: return internalError
    }
  }
}

/// The nightly run: recover, take in, check and apply, derive, stage, commit,
/// publish. The database commit is the point of decision; everything before
/// it can be thrown away and redone, everything after it is idempotent.
public final class Runner {
  let options: RunOptions
  let logger: Logger
  var root: DataRoot { options.root }

  public init(options: RunOptions, logger: Logger) {
    self.options = options
    self.logger = logger
  }

  /// Runs once. Throws ``RunLock/Held``, ``IOFailure``, ``ConfigurationError``
  /// or another error (a bug), which the command line maps to exit codes.
  public func run() throws -> RunResult {
    try root.prepare()
    let lock = try RunLock(path: root.lock)
    defer { withExtendedLifetime(lock) {} }
    var configuration = try Configuration.load(path: options.configPath, root: root.path.string)
    // The override goes into the configuration, so its digest says what the run used.
    if let minAge = options.minAge { configuration.minAge = minAge }
    let key = try root.loadOrCreateKey()
    let store = try Store(path: root.database.string)
    let publisher = Publisher(root: root, store: store)

    let recovered = try logger.timed("recover") { try publisher.recover() }
    for run in recovered {
      logger.notice("finished publishing an interrupted run", metadata: ["run": "\(run.id)"])
    }
    try clearStage()
    let work = WorkArea(root: root, store: store)
    try logger.timed("intake") {
      try work.reconcile(logger: logger)
      let inbox = Inbox(
        root: root, minAgeSeconds: configuration.minAge,
        maxFileSize: Int64(configuration.maxFileSize))
      let realNow = Int64(Date().timeIntervalSince1970 * 1_000_000_000)
      try work.claim(try inbox.scan(realNowNanos: realNow))
    }
    CrashPoints.hit("after-claim")

    let now = options.now ?? Timestamp(Date())
    let items = try work.ordered(maxFileSize: Int64(configuration.maxFileSize))
    let night = Night(
      root: root, configuration: configuration,
      settings: configuration.domainSettings(allowMassRemoval: options.allowMassRemoval),
      pseudonymizer: Pseudonymizer(key: key), now: now, logger: logger, outputs: try Outputs())
    let result = try logger.timed("decide and commit") {
      try store.queue.write { db in try night.apply(items, in: db) }
    }
    CrashPoints.hit("after-commit")
    try logger.timed("publish") { try publisher.publish(runID: result.runID) }
    try logger.timed("index") { try night.writeIndex(store: store) }
    return Runner.including(recovered, in: result)
  }

  /// A run that died after its commit never told anyone of its rejections:
  /// the run that finished its publishing does, in its summary and exit code.
  static func including(_ recovered: [RunRow], in result: RunResult) -> RunResult {
    var result = result
    let pending = recovered.filter { $0.exitCode != 0 }
    guard !pending.isEmpty else { return result }
    let lines = pending.map { Night.summary($0, reports: nil) }
    result.summary = (lines + [result.summary].compactMap { $0 }).joined(separator: "\n")
    result.exitCode = max(result.exitCode, ExitStatus.rejections)
    return result
  }

  /// Outputs staged by a run that never committed are thrown away: the redo
  /// stages them again.
  private func clearStage() throws {
    for name in try Posix.list(root.stage) { try Posix.removeTree(root.stage.appending(name)) }
  }
}
