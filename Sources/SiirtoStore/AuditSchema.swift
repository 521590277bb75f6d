import GRDB
import SiirtoCore

/// The audit chain's tables: one row per record, one per file a record names.
enum AuditSchema {
  static func register(in migrator: inout DatabaseMigrator) {
    migrator.registerMigration("audit-v1") { db in
      try db.create(table: "audit_record") { t in
        t.primaryKey("seq", .integer)
        t.column("kind", .text).notNull()
        t.column("run_id", .text).notNull()
        t.column("started_at", .text).notNull()
        t.column("finished_at", .text).notNull()
        t.column("previous_hash", .text)
        t.column("hash", .text).notNull()
      }
      try db.create(table: "audit_file") { t in
        t.column("seq", .integer).notNull()
        t.column("role", .text).notNull()
        t.column("path", .text).notNull()
        t.column("sha256", .text).notNull()
        t.primaryKey(["seq", "role", "path"])
      }
    }
  }
}
