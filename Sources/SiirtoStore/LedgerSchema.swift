import GRDB

/// Tables of runs, input files, output files and claimed work items.
enum LedgerSchema {
  static func register(in migrator: inout DatabaseMigrator) {
    migrator.registerMigration("ledger-v1") { db in
      // A run exists only once committed: a run that died before its commit
      // leaves no row, so its redo gets the same run ID and the same outputs.
      try db.create(table: "run") { t in
        t.primaryKey("id", .text)
        t.column("seq", .integer).notNull().unique()
        t.column("now", .text).notNull()
        t.column("runDate", .text).notNull()
        t.column("startedAt", .text).notNull()
        t.column("version", .text).notNull()
        t.column("configDigest", .text).notNull()
        t.column("host", .text).notNull()
        t.column("files", .integer).notNull()
        t.column("accepted", .integer).notNull()
        t.column("partial", .integer).notNull()
        t.column("rejected", .integer).notNull()
        t.column("duplicates", .integer).notNull()
        t.column("exitCode", .integer).notNull()
        // committed → published once every rename after the commit is done.
        t.column("state", .text).notNull()
      }
      try db.create(table: "inputFile") { t in
        t.primaryKey("id", .integer)
        t.column("runID", .text).notNull().indexed().references("run")
        t.column("seq", .integer).notNull()
        t.column("sender", .text).notNull()
        t.column("name", .blob).notNull()
        t.column("displayName", .text).notNull()
        t.column("bytes", .integer).notNull()
        t.column("sha256", .text)
        t.column("receivedAt", .text).notNull()
        t.column("kind", .text)
        t.column("format", .text)
        t.column("status", .text).notNull()
        t.column("records", .integer).notNull()
        t.column("accepted", .integer).notNull()
        t.column("rejected", .integer).notNull()
        t.column("ignored", .integer).notNull()
        t.column("warnings", .integer).notNull()
        t.column("problems", .integer).notNull()
        t.column("duplicateOf", .integer)
        t.column("receipt", .text).notNull()
        // Where the input was moved after the commit, relative to the root.
        t.column("storedPath", .text).notNull()
        t.column("workPath", .text).notNull()
        t.uniqueKey(["runID", "seq"])
      }
      try db.create(index: "inputFileBySHA", on: "inputFile", columns: ["sha256", "status"])
      try db.create(table: "outputFile") { t in
        t.column("runID", .text).notNull().indexed().references("run")
        t.column("path", .text).notNull().unique()
        t.column("role", .text).notNull()
        t.column("sha256", .text).notNull()
        t.column("bytes", .integer).notNull()
        // Where it waits, relative to the root, until published.
        t.column("stagedPath", .text).notNull()
      }
      // Files moved from the inbox into work/incoming, committed before the
      // move so that a crash can never lose a file's name or sender.
      try db.create(table: "workItem") { t in
        t.primaryKey("id", .integer)
        t.column("senderFolder", .blob).notNull()
        t.column("name", .blob).notNull()
        t.column("mtimeNanos", .integer).notNull()
        t.column("bytes", .integer).notNull()
        t.column("entryKind", .text).notNull()
      }
    }
  }
}
