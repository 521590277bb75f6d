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

  /// Builds the lines as bytes, each field through the privacy filter.
  ///
  /// Filtering field by field finds what filtering the line would: a code
  /// never holds a comma or a quote, and the separators are not letters or
  /// digits, so a code at a field's edge stands alone either way. That lets
  /// what repeats (the run, the file, each distinct message, a record's ID)
  /// be filtered and quoted once: a run can have millions of problems.
  public struct Lines {
    private let runID: [UInt8]
    private var file: (number: Int, name: [UInt8])?
    private var fileFields: [UInt8] = []
    private var recordID: String?
    private var recordIDField: [UInt8] = []
    private var messageFields: [MessageKey: [UInt8]] = [:]
    private var messages = Messages.Cache()

    private struct MessageKey: Hashable {
      var code: ProblemCode
      var variant: String?
      var arguments: [String: String]
    }

    /// Bounds the memory when messages differ (libxml2's details).
    private static let messageCapacity = 4096

    public init(runID: String) {
      self.runID = Array(ProblemsCSV.safeField(runID).utf8)
    }

    /// Appends one problem's line, with its CRLF, to `bytes`.
    public mutating func append(_ row: ProblemRow, to bytes: inout [UInt8]) {
      let p = row.problem
      if file?.number != row.file || file?.name != row.fileName {
        file = (row.file, row.fileName)
        fileFields = Array(
          ("," + String(row.file) + ","
            + ProblemsCSV.safeField(FileNameEscaping.escape(row.fileName))).utf8)
      }
      bytes.append(contentsOf: runID)
      bytes.append(contentsOf: fileFields)
      for value in [p.severity.rawValue, p.code.rawValue] {
        bytes.append(UInt8(ascii: ","))
        bytes.append(contentsOf: value.utf8)
      }
      for number in [p.location.line, p.location.column, p.location.record] {
        bytes.append(UInt8(ascii: ","))
        if let number { bytes.append(contentsOf: String(number).utf8) }
      }
      bytes.append(UInt8(ascii: ","))
      if let field = p.location.field {
        bytes.append(contentsOf: ProblemsCSV.safeField(field).utf8)
      }
      bytes.append(UInt8(ascii: ","))
      if let id = p.location.recordID {
        if id != recordID {
          recordID = id
          recordIDField = Array(ProblemsCSV.safeField(id).utf8)
        }
        bytes.append(contentsOf: recordIDField)
      }
      bytes.append(UInt8(ascii: ","))
      if let path = p.location.path { bytes.append(contentsOf: ProblemsCSV.safeField(path).utf8) }
      bytes.append(contentsOf: messageFields(p))
      bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// `,message_fi,message_en` of a problem, made once per distinct message.
    private mutating func messageFields(_ p: Problem) -> [UInt8] {
      let key = MessageKey(code: p.code, variant: p.variant, arguments: p.arguments)
      if let known = messageFields[key] { return known }
      let fields = Array(
        ("," + ProblemsCSV.safeField(messages.render(p, in: .fi)) + ","
          + ProblemsCSV.safeField(messages.render(p, in: .en))).utf8)
      if messageFields.count < Self.messageCapacity { messageFields[key] = fields }
      return fields
    }
  }

  /// The whole file in memory.
  public static func render(_ rows: some Sequence<ProblemRow>, runID: String) -> String {
    var out = Array(header.utf8)
    var lines = Lines(runID: runID)
    for row in rows { lines.append(row, to: &out) }
    return String(decoding: out, as: UTF8.self)
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
    var chunk = Array(header.utf8)
    var lines = Lines(runID: runID)
    for row in rows {
      lines.append(row, to: &chunk)
      if chunk.count >= 1 << 16 {
        try handle.write(contentsOf: chunk)
        chunk.removeAll(keepingCapacity: true)
      }
    }
    try handle.write(contentsOf: chunk)
  }

  /// A field through the privacy filter, then neutralised and quoted.
  static func safeField(_ value: String) -> String { field(PrivacyFilter.redact(value)) }

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
