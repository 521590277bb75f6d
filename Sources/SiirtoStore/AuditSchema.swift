import GRDB

/// The audit chain's table.
enum AuditSchema {
  static func register(in migrator: inout DatabaseMigrator) {
  }
}
