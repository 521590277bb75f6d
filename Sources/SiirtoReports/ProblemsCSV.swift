import Foundation
import SiirtoCore
import SiirtoFormats

/// `reports/<runId>/problems.csv`: every problem of the run, one per line.
///
/// RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a
/// comma, quote or line break; UTF-8 without a byte-order mark. A value a
/// spreadsheet would run as a formula gets a leading `'`.
public enum ProblemsCSV {
  public static let columns = [
    "run_id", "file", "file_name", "severity", "code", "line", "column", "record", "field",
    "record_id", "path", "message_fi", "message_en",
  ]

  /// The header line.
  public static var header: String { columns.map(field).joined(separator: ",") + "\r\n" }

  /// One problem's line, through the privacy filter.
  public static func line(_ row: ProblemRow, runID: String) -> String {
    var messages = Messages.Cache()
    return line(row, runID: runID, messages: &messages)
  }

  /// One problem's line, its messages from `messages` when an earlier line rendered them.
  public static func line(_ row: ProblemRow, runID: String, messages: inout Messages.Cache)
    -> String
  {
    let p = row.problem
    let fi = messages.render(p, in: .fi)
    let en = messages.render(p, in: .en)
    let values: [String] = [
      runID, String(row.file), FileNameEscaping.escape(row.fileName), p.severity.rawValue,
      p.code.rawValue, p.location.line.map(String.init) ?? "",
      p.location.column.map(String.init) ?? "", p.location.record.map(String.init) ?? "",
      p.location.field ?? "", p.location.recordID ?? "", p.location.path ?? "",
      fi, en,
    ]
    return PrivacyFilter.redact(values.map(field).joined(separator: ",") + "\r\n")
  }

  /// The whole file in memory.
  public static func render(_ rows: some Sequence<ProblemRow>, runID: String) -> String {
    var out = header
    var messages = Messages.Cache()
    for row in rows { out += line(row, runID: runID, messages: &messages) }
    return out
  }

  /// Streams the file to `path`, so a run with millions of problems takes
  /// bounded memory.
  public static func write(_ rows: some Sequence<ProblemRow>, runID: String, to path: String)
    throws
  {
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    defer { try? handle.close() }
    var chunk = header
    var messages = Messages.Cache()
    for row in rows {
      chunk += line(row, runID: runID, messages: &messages)
      if chunk.utf8.count >= 1 << 16 {
        try handle.write(contentsOf: Data(chunk.utf8))
        chunk = ""
      }
    }
    try handle.write(contentsOf: Data(chunk.utf8))
  }

  /// One CSV field: neutralised, then quoted when needed.
  public static func field(_ value: String) -> String {
    let safe = neutralised(value)
    // Bytes, not Characters: every field of every problem passes here.
    let needsQuotes = safe.utf8.contains { (byte: UInt8) -> Bool in
      byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D  // , " LF CR
    }
    guard needsQuotes else { return safe }
    return "\""
      + safe.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"")
      + "\""
  }

  /// `value` with a leading `'` when a spreadsheet would run it as a formula:
  /// it starts with `=`, `+`, `-`, `@`, tab or carriage return and is not a
  /// plain number.
  public static func neutralised(_ value: String) -> String {
    guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first),
      !isPlainNumber(value)
    else { return value }
    return "'" + value
  }

  /// An optional sign, digits, and optionally a decimal point or comma and digits.
  static func isPlainNumber(_ value: String) -> Bool {
    var u = Substring(value).utf8[...]
    if let first = u.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
      u = u.dropFirst()
    }
    let parts = u.split(
      omittingEmptySubsequences: false,
      whereSeparator: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") })
    guard (1...2).contains(parts.count) else { return false }
    return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
  }
}
