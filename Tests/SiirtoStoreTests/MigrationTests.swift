import GRDB
import Testing

@testable import SiirtoStore

/// Migrations that rebuild a table keep every row of a database in use.
@Suite("Migrations")
struct MigrationTests {
  @Test("claim_actions loses AUTOINCREMENT, keeps its rows and numbers on from the largest")
  func leanClaimActions() throws {
    let queue = try DatabaseQueue()
    try Store.migrator.migrate(queue, upTo: "domain-2-protected-clients")
    try queue.write { db in
      for (run, id) in [("R1", "C-1"), ("R1", "C-2"), ("R2", "C-3")] {
        try db.execute(
          sql: """
            INSERT INTO claim_actions (run_id, action, claimant, claim_id, sender)
            VALUES (?, 'ADD', '0201256-6', ?, '0201256-6')
            """, arguments: [run, id])
      }
      try db.execute(sql: "DELETE FROM claim_actions WHERE claim_id = 'C-3'")
    }
    try Store.migrator.migrate(queue, upTo: "domain-3-lean-claim-actions")
    try queue.write { db in
      let sql = try String.fetchOne(
        db, sql: "SELECT sql FROM sqlite_master WHERE name = 'claim_actions'")
      #expect(sql?.contains("AUTOINCREMENT") == false)
      let kept = try Row.fetchAll(
        db, sql: "SELECT seq, run_id, claim_id FROM claim_actions ORDER BY seq")
      #expect(
        kept.map { "\($0[0] as Int) \($0[1] as String) \($0[2] as String)" } == [
          "1 R1 C-1", "2 R1 C-2",
        ])
      let indexes = try String.fetchAll(
        db,
        sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claim_actions'")
      #expect(indexes == ["claim_actions_by_run"])
      try db.execute(
        sql: """
          INSERT INTO claim_actions (run_id, action, claimant, claim_id, sender)
          VALUES ('R3', 'CANCEL', '0201256-6', 'C-1', '_ops')
          """)
      #expect(try Int.fetchOne(db, sql: "SELECT MAX(seq) FROM claim_actions") == 3)
      #expect(
        try Int.fetchOne(
          db, sql: "SELECT COUNT(*) FROM sqlite_sequence WHERE name = 'claim_actions'")
          == 0)
    }
  }

  @Test("claim_actions becomes one tree keyed by run and keeps each run's order of acceptance")
  func claimActionsByRun() throws {
    let queue = try DatabaseQueue()
    try Store.migrator.migrate(queue, upTo: "domain-3-lean-claim-actions")
    try queue.write { db in
      for (run, action, id) in [
        ("R1", "ADD", "C-2"), ("R1", "ADD", "C-1"), ("R2", "ADD", "C-3"), ("R1", "CANCEL", "C-2"),
      ] {
        try db.execute(
          sql: """
            INSERT INTO claim_actions (run_id, action, claimant, claim_id, sender)
            VALUES (?, ?, '0201256-6', ?, '_ops')
            """, arguments: [run, action, id])
      }
    }
    try Store.migrator.migrate(queue)
    try queue.read { db in
      let kept = try Row.fetchAll(
        db,
        sql: """
          SELECT run_id, seq, action, claim_id, sender FROM claim_actions ORDER BY run_id, seq
          """)
      #expect(
        kept.map { row in (0..<5).map { "\(row[$0] as DatabaseValue)" }.joined(separator: " ") }
          == [
            "\"R1\" 1 \"ADD\" \"C-2\" \"_ops\"", "\"R1\" 2 \"ADD\" \"C-1\" \"_ops\"",
            "\"R1\" 3 \"CANCEL\" \"C-2\" \"_ops\"", "\"R2\" 1 \"ADD\" \"C-3\" \"_ops\"",
          ])
      let sql = try String.fetchOne(
        db, sql: "SELECT sql FROM sqlite_master WHERE name = 'claim_actions'")
      #expect(sql?.contains("WITHOUT ROWID") == true)
      let indexes = try String.fetchAll(
        db,
        sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claim_actions'")
      #expect(indexes.isEmpty)
    }
  }
}
