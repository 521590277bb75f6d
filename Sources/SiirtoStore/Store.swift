import Foundation
import GRDB
import SiirtoCore

/// The SQLite state of one installation (`state/siirto.sqlite`).
///
/// One run is one write transaction: everything a run decides is committed
/// at once, which is the point of decision for crash safety.
public final class Store {
  public let queue: DatabaseQueue

  /// Opens (creating if needed) and migrates the database at `path`.
  public init(path: String) throws {
    var config = Configuration()
    config.prepareDatabase { db in
      try db.execute(sql: "PRAGMA journal_mode = WAL")
      try db.execute(sql: "PRAGMA synchronous = FULL")
      // A run is one transaction over up to millions of rows: SQLite's 2 MiB
      // default cache spills to the WAL and reads its pages back (measured: a
      // tenth of a run in pread). 32 MiB keeps the indexes' hot pages in memory.
      try db.execute(sql: "PRAGMA cache_size = -32768")
    }
    queue = try DatabaseQueue(path: path, configuration: config)
    try Store.migrator.migrate(queue)
  }

  /// An in-memory store, for tests.
  public init() throws {
    queue = try DatabaseQueue()
    try Store.migrator.migrate(queue)
  }

  /// All migrations, named and in order: the ledger first, then the domain.
  public static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    LedgerSchema.register(in: &migrator)
    DomainSchema.register(in: &migrator)
    AuditSchema.register(in: &migrator)
    return migrator
  }
}
