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
