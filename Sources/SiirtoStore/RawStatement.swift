import GRDB
import GRDBSQLite

/// One prepared statement driven through SQLite's C API, for the statements
/// that run once per claim (a million in a night): GRDB boxes every argument
/// into a `DatabaseValue` and nests a closure per binding, which showed as a
/// fifth of a run. GRDB still owns the connection and the transaction; this
/// owns only its statement, finalized with the object.
///
/// Errors are GRDB's `DatabaseError` with SQLite's result code, so that a full
/// disk is told from a bug as everywhere else. Like GRDB's, they carry the
/// SQL but never the bound values.
final class RawStatement {
  private let db: Database
  private let statement: OpaquePointer
  private let sql: String

  init(_ db: Database, sql: String) throws {
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v3(
      db.sqliteConnection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard code == SQLITE_OK, let statement else {
      throw RawStatement.error(code, db, sql)
    }
    self.db = db
    self.statement = statement
    self.sql = sql
  }

  deinit { sqlite3_finalize(statement) }

  /// A value to bind: text, an integer, or SQL `NULL`.
  enum Value {
    case text(String)
    case int(Int64)
    case null

    /// Text, or `NULL` for `nil`.
    static func optionalText(_ text: String?) -> Value { text.map(Value.text) ?? .null }
  }

  /// Binds `values` to the parameters in order, steps once and gives the row,
  /// if one came, to `read`; then resets the statement and clears its bindings.
  func run<R>(_ values: Value..., read: (Row) -> R) throws -> R? {
    try step(values, read: read)
  }

  /// Runs a statement that yields no row.
  func execute(_ values: Value...) throws {
    _ = try step(values) { _ in () }
  }

  /// Binds `values`, then gives every row the statement yields to `body`, in
  /// order: a cursor that holds one row at a time.
  func forEach(_ values: Value..., body: (Row) throws -> Void) throws {
    defer { clear() }
    try bind(values)
    while true {
      switch sqlite3_step(statement) {
      case SQLITE_ROW: try body(Row(statement))
      case SQLITE_DONE: return
      case let code: throw Self.error(code, db, sql)
      }
    }
  }

  private func clear() {
    sqlite3_reset(statement)
    sqlite3_clear_bindings(statement)
  }

  private func bind(_ values: [Value]) throws {
    for (i, value) in values.enumerated() {
      let code = bind(value, at: Int32(i + 1))
      guard code == SQLITE_OK else { throw Self.error(code, db, sql) }
    }
  }

  private func step<R>(_ values: [Value], read: (Row) -> R) throws -> R? {
    defer { clear() }
    try bind(values)
    switch sqlite3_step(statement) {
    case SQLITE_ROW: return read(Row(statement))
    case SQLITE_DONE: return nil
    case let code: throw Self.error(code, db, sql)
    }
  }

  private func bind(_ value: Value, at index: Int32) -> Int32 {
    switch value {
    case .int(let n): return sqlite3_bind_int64(statement, index, n)
    case .null: return sqlite3_bind_null(statement, index)
    case .text(var text):
      // SQLITE_TRANSIENT: SQLite copies the bytes before this returns.
      return text.withUTF8 { bytes in
        sqlite3_bind_text(
          statement, index, bytes.baseAddress.map { UnsafeRawPointer($0) } ?? Self.empty,
          Int32(bytes.count), Self.transient)
      }
    }
  }

  private static var transient: sqlite3_destructor_type {
    unsafeBitCast(-1, to: sqlite3_destructor_type.self)
  }
  /// An empty text needs an address: a `nil` one would bind `NULL`.
  private static var empty: UnsafeRawPointer { UnsafeRawPointer(StaticString("").utf8Start) }

  private static func error(_ code: Int32, _ db: Database, _ sql: String) -> DatabaseError {
    DatabaseError(
      resultCode: ResultCode(rawValue: code),
      message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
  }

  /// The current row's columns, read by position.
  struct Row {
    fileprivate let statement: OpaquePointer

    fileprivate init(_ statement: OpaquePointer) { self.statement = statement }

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    /// The text, or `nil` for `NULL`.
    func optionalText(_ column: Int32) -> String? {
      sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : text(column)
    }

    func text(_ column: Int32) -> String {
      guard let bytes = sqlite3_column_text(statement, column) else { return "" }
      let count = Int(sqlite3_column_bytes(statement, column))
      return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
  }
}
