import Foundation

/// The folder that holds everything of one installation (operations.md,
/// "The data root"), and the places inside it.
public struct DataRoot: Sendable {
  public let path: BytePath

  /// `--root`, else `$SIIRTO_ROOT`, else `./var`.
  public static func resolve(_ option: String?) -> DataRoot {
    let chosen = option ?? ProcessInfo.processInfo.environment["SIIRTO_ROOT"] ?? "var"
    let absolute =
      chosen.hasPrefix("/") ? chosen : FileManager.default.currentDirectoryPath + "/" + chosen
    return DataRoot(path: BytePath(absolute))
  }

  public init(path: BytePath) { self.path = path }

  public var inbox: BytePath { path.appending("inbox") }
  public var work: BytePath { path.appending("work") }
  /// Claimed input files, named by their work-item ID.
  public var incoming: BytePath { work.appending("incoming") }
  /// Outputs of the run in progress, before they are published.
  public var stage: BytePath { work.appending("stage") }
  public var archive: BytePath { path.appending("archive") }
  public var rejected: BytePath { path.appending("rejected") }
  public var outbox: BytePath { path.appending("outbox") }
  public var reports: BytePath { path.appending("reports") }
  public var state: BytePath { path.appending("state") }
  public var database: BytePath { state.appending("siirto.sqlite") }
  public var pseudonymKey: BytePath { state.appending("pseudonym.key") }
  public var lock: BytePath { state.appending("lock") }

  /// Creates what is missing, with `state/` at mode 0700.
  public func prepare() throws {
    for folder in [
      inbox, incoming, stage, archive, rejected, outbox.appending("_ops"), outbox.appending("kela"),
      reports,
    ] {
      try Posix.makeDirectories(folder)
    }
    try Posix.makeDirectories(state, mode: 0o700)
    try Posix.chmod(state, 0o700)
  }

  /// The installation's pseudonym key: created at random on the first run
  /// (mode 0600), reused ever after so that pseudonyms stay stable.
  public func loadOrCreateKey() throws -> [UInt8] {
    if try Posix.exists(pseudonymKey) {
      let key = try Posix.read(pseudonymKey)
      // The key never leaves state/: whoever put it there, only its owner reads it.
      try Posix.chmod(pseudonymKey, 0o600)
      if key.count == 32 { return key }
      throw IOFailure(operation: "read key", path: pseudonymKey.string, errno: EINVAL)
    }
    var key = [UInt8](repeating: 0, count: 32)
    var generator = SystemRandomNumberGenerator()
    for i in key.indices { key[i] = generator.next() }
    try Posix.replace(pseudonymKey, key, mode: 0o600)
    try Posix.chmod(pseudonymKey, 0o600)
    return key
  }

  /// A path relative to the root, as the ledger and the audit chain record it.
  public func relative(_ full: BytePath) -> String {
    let prefix = path.bytes + [UInt8(ascii: "/")]
    guard full.bytes.starts(with: prefix) else { return full.string }
    return String(decoding: full.bytes.dropFirst(prefix.count), as: UTF8.self)
  }
}
