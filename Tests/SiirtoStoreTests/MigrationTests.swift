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
    try Store.migrator.migrate(queue)
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
}
