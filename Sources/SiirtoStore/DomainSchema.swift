import GRDB

/// Tables of the register, mandates, claims, requests and notification events.
enum DomainSchema {
  static func register(in migrator: inout DatabaseMigrator) {
  }
}
