import GRDB
import Testing

@testable import SiirtoStore

/// The statements driven through SQLite's C API: values bound as given,
/// errors as GRDB's with SQLite's code and without the values.
@Suite("Raw statements")
struct RawStatementTests {
  @Test("text, empty text, integers and NULL bind as themselves and read back")
  func bindsAndReads() throws {
    let queue = try DatabaseQueue()
    try queue.write { db in
      try db.execute(sql: "CREATE TABLE t (a TEXT, b INTEGER, c TEXT)")
      let insert = try RawStatement(db, sql: "INSERT INTO t (a, b, c) VALUES (?, ?, ?)")
      try insert.execute(.text("Mäkelä"), .int(-7), .null)
      try insert.execute(.text(""), .int(1 << 40), .text("x"))
      let rows = try Row.fetchAll(
        db, sql: "SELECT a, a IS NULL, b, c IS NULL FROM t ORDER BY rowid")
      #expect(rows.map { $0[0] as String } == ["Mäkelä", ""])
      #expect(rows.map { $0[1] as Bool } == [false, false])
      #expect(rows.map { $0[2] as Int64 } == [-7, 1 << 40])
      #expect(rows.map { $0[3] as Bool } == [true, false])

      let select = try RawStatement(db, sql: "SELECT a, b FROM t WHERE b = ?")
      let found = try select.run(.int(-7)) { "\($0.text(0)) \($0.int(1))" }
      #expect(found == "Mäkelä -7")
      // Reset after each run: the statement is reusable, and no row is nil.
      #expect(try select.run(.int(3)) { $0.text(0) } == nil)
      #expect(try select.run(.int(1 << 40)) { $0.text(0) } == "")
    }
  }

  @Test("texts bound side by side keep their own bytes, in a step and in a cursor")
  func textsSideBySide() throws {
    let queue = try DatabaseQueue()
    try queue.write { db in
      try db.execute(sql: "CREATE TABLE t (a TEXT, b TEXT, c TEXT)")
      let insert = try RawStatement(db, sql: "INSERT INTO t (a, b, c) VALUES (?, ?, ?)")
      let long = String(repeating: "pitkä arvo ", count: 40)
      try insert.execute(.text("a"), .text(""), .text(long))
      try insert.execute(.text(long), .text("ää"), .text("c"))
      let select = try RawStatement(db, sql: "SELECT a, b, c FROM t WHERE a = ? OR c = ?")
      var rows: [[String]] = []
      try select.forEach(.text("a"), .text("c")) { row in
        rows.append([row.text(0), row.text(1), row.text(2)])
      }
      #expect(rows == [["a", "", long], [long, "ää", "c"]])
      #expect(try select.run(.text(long), .text("")) { $0.text(1) } == "ää")
    }
  }

  @Test("a constraint violation is a DatabaseError with its code, naming no value")
  func errorsCarryTheCodeNotTheValues() throws {
    let queue = try DatabaseQueue()
    try queue.write { db in
      try db.execute(sql: "CREATE TABLE t (id TEXT PRIMARY KEY)")
      let insert = try RawStatement(db, sql: "INSERT INTO t (id) VALUES (?)")
      try insert.execute(.text("010190-900P"))
      let error = try #require(throws: DatabaseError.self) {
        try insert.execute(.text("010190-900P"))
      }
      #expect(error.resultCode == .SQLITE_CONSTRAINT)
      #expect(!"\(error)".contains("010190-900P"))
      // The failed statement was reset: it runs again with another value.
      try insert.execute(.text("020290-904E"))
      #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") == 2)
    }
  }

  @Test("SQL that does not prepare is a DatabaseError")
  func badSQL() throws {
    let queue = try DatabaseQueue()
    try queue.write { db in
      let error = try #require(throws: DatabaseError.self) {
        try RawStatement(db, sql: "SELECT * FROM missing")
      }
      #expect(error.resultCode == .SQLITE_ERROR)
      #expect(error.message?.contains("missing") == true)
    }
  }
}
