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
  /// The bytes of the texts bound now (see `bound`).
  private var texts: [UInt8] = []

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
    try bound(values) {
      while true {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: try body(Row(statement))
        case SQLITE_DONE: return
        case let code: throw Self.error(code, db, sql)
        }
      }
    }
  }

  private func clear() {
    sqlite3_reset(statement)
    sqlite3_clear_bindings(statement)
  }

  /// Binds `values`, runs `body`, then resets the statement and clears its
  /// bindings. The texts are laid end to end in `texts`, which SQLite reads in
  /// place (`SQLITE_STATIC`) until the reset: bound as copies, each cost
  /// SQLite an allocation, a copy and a free.
  private func bound<R>(_ values: [Value], _ body: () throws -> R) throws -> R {
    texts.removeAll(keepingCapacity: true)
    for case .text(let text) in values { texts.append(contentsOf: text.utf8) }
    return try texts.withUnsafeBufferPointer { bytes in
      defer { clear() }
      var offset = 0
      for (i, value) in values.enumerated() {
        let code: Int32
        switch value {
        case .int(let n): code = sqlite3_bind_int64(statement, Int32(i + 1), n)
        case .null: code = sqlite3_bind_null(statement, Int32(i + 1))
        case .text(let text):
          let count = text.utf8.count
          let start = count == 0 ? Self.empty : UnsafeRawPointer(bytes.baseAddress! + offset)
          code = sqlite3_bind_text(statement, Int32(i + 1), start, Int32(count), nil)
          offset += count
        }
        guard code == SQLITE_OK else { throw Self.error(code, db, sql) }
      }
      return try body()
    }
  }

  private func step<R>(_ values: [Value], read: (Row) -> R) throws -> R? {
    try bound(values) {
      switch sqlite3_step(statement) {
      case SQLITE_ROW: return read(Row(statement))
      case SQLITE_DONE: return nil
      case let code: throw Self.error(code, db, sql)
      }
    }
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
