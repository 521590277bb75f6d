import GRDB

/// Tables of runs, input files, output files and the audit chain.
enum LedgerSchema {
  static func register(in migrator: inout DatabaseMigrator) {
  }
}
