import Foundation
import GRDB

/// One committed run.
public struct RunRow: Codable, Sendable, FetchableRecord, PersistableRecord, Equatable {
  public static let databaseTableName = "run"
  public var id: String
  public var seq: Int
  /// The run's clock (`--now` or the real time), ISO 8601 UTC.
  public var now: String
  public var runDate: String
  /// The real time the run started (for ops; not part of any output).
  public var startedAt: String
  public var version: String
  public var configDigest: String
  public var host: String
  public var files: Int
  public var accepted: Int
  public var partial: Int
  public var rejected: Int
  public var duplicates: Int
  public var exitCode: Int
  public var state: String

  public init(
    id: String, seq: Int, now: String, runDate: String, startedAt: String, version: String,
    configDigest: String, host: String, files: Int = 0, accepted: Int = 0, partial: Int = 0,
    rejected: Int = 0, duplicates: Int = 0, exitCode: Int = 0, state: String = RunRow.committed
  ) {
    self.id = id
    self.seq = seq
    self.now = now
    self.runDate = runDate
    self.startedAt = startedAt
    self.version = version
    self.configDigest = configDigest
    self.host = host
    self.files = files
    self.accepted = accepted
    self.partial = partial
    self.rejected = rejected
    self.duplicates = duplicates
    self.exitCode = exitCode
    self.state = state
  }

  public static let committed = "committed"
  public static let published = "published"
}

/// One input file as the ledger knows it.
public struct InputFileRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord, Equatable
{
  public static let databaseTableName = "inputFile"
  public var id: Int64?
  public var runID: String
  public var seq: Int
  /// The outbox folder of the sender: a Y-tunnus or `_ops`.
  public var sender: String
  /// The name as dropped, raw bytes.
  public var name: Data
  /// The name as receipts print it (masked, control bytes escaped).
  public var displayName: String
  public var bytes: Int64
  public var sha256: String?
  public var receivedAt: String
  public var kind: String?
  public var format: String?
  public var status: String
  public var records: Int
  public var accepted: Int
  public var rejected: Int
  public var ignored: Int
  public var warnings: Int
  public var problems: Int
  public var duplicateOf: Int64?
  /// The receipt's path relative to the root.
  public var receipt: String
  public var storedPath: String
  public var workPath: String

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

  public init(
    runID: String, seq: Int, sender: String, name: Data, displayName: String, bytes: Int64,
    sha256: String?, receivedAt: String, kind: String?, format: String?, status: String,
    records: Int, accepted: Int, rejected: Int, ignored: Int, warnings: Int, problems: Int,
    duplicateOf: Int64?, receipt: String, storedPath: String, workPath: String
  ) {
    self.runID = runID
    self.seq = seq
    self.sender = sender
    self.name = name
    self.displayName = displayName
    self.bytes = bytes
    self.sha256 = sha256
    self.receivedAt = receivedAt
    self.kind = kind
    self.format = format
    self.status = status
    self.records = records
    self.accepted = accepted
    self.rejected = rejected
    self.ignored = ignored
    self.warnings = warnings
    self.problems = problems
    self.duplicateOf = duplicateOf
    self.receipt = receipt
    self.storedPath = storedPath
    self.workPath = workPath
  }
}

/// One output file of a run: staged before the commit, published after it.
public struct OutputFileRow: Codable, Sendable, FetchableRecord, PersistableRecord, Equatable {
  public static let databaseTableName = "outputFile"
  public var runID: String
  /// Final place, relative to the root.
  public var path: String
  public var role: String
  public var sha256: String
  public var bytes: Int64
  public var stagedPath: String

  public init(
    runID: String, path: String, role: String, sha256: String, bytes: Int64, stagedPath: String
  ) {
    self.runID = runID
    self.path = path
    self.role = role
    self.sha256 = sha256
    self.bytes = bytes
    self.stagedPath = stagedPath
  }
}

/// A file claimed from the inbox into `work/incoming/<id>`.
public struct WorkItemRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord, Equatable {
  public static let databaseTableName = "workItem"
  public var id: Int64?
  /// The inbox sub-folder's name (empty for the top of the inbox).
  public var senderFolder: Data
  public var name: Data
  public var mtimeNanos: Int64
  public var bytes: Int64
  /// `regular`, `symlink`, `other`.
  public var entryKind: String

  public init(
    id: Int64? = nil, senderFolder: Data, name: Data, mtimeNanos: Int64, bytes: Int64,
    entryKind: String
  ) {
    self.id = id
    self.senderFolder = senderFolder
    self.name = name
    self.mtimeNanos = mtimeNanos
    self.bytes = bytes
    self.entryKind = entryKind
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Store {
  /// Run IDs come from the clock; a taken one gets `-2`, `-3`…
  public static func allocateRunID(_ base: String, in db: Database) throws -> String {
    var candidate = base
    var n = 1
    while try RunRow.fetchOne(db, key: candidate) != nil {
      n += 1
      candidate = "\(base)-\(n)"
    }
    return candidate
  }

  /// The earliest applied file (`ACCEPTED` or `PARTIALLY_ACCEPTED`) with this content.
  public static func appliedFile(sha256: String, in db: Database) throws -> InputFileRow? {
    try InputFileRow.filter(
      Column("sha256") == sha256 && ["ACCEPTED", "PARTIALLY_ACCEPTED"].contains(Column("status"))
    )
    .order(Column("id"))
    .fetchOne(db)
  }
}
