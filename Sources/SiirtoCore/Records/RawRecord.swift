/// One data record as a reader yields it: field values by their canonical
/// (CSV column) name, with the record's place in the file and any problems the
/// reader itself found in it. XML elements and attributes are mapped onto the
/// same names, so that both forms go through the same rules.
public struct RawRecord: Sendable {
  /// 1-based number among the file's data records.
  public var number: Int
  /// CSV: the physical line where the record starts; XML: the record element's line.
  public var line: Int
  /// Trimmed values; an empty field is absent.
  public var fields: [String: String]
  /// Problems the reader found (`XML_SCHEMA`, `CSV_FIELD_COUNT`, `FIELD_TOO_LONG`,
  /// encoding warnings belong to the file, not here).
  public var problems: [Problem]
  /// XML only: the record element's path, e.g. `/PaymentClaims/Claim[17]`.
  public var path: String?

  public init(
    number: Int, line: Int, fields: [String: String] = [:], problems: [Problem] = [],
    path: String? = nil
  ) {
    self.number = number
    self.line = line
    self.fields = fields
    self.problems = problems
    self.path = path
  }

  public subscript(field: String) -> String? { fields[field] }

  /// The location of this record, optionally narrowed to one field.
  public func location(field: String? = nil, recordID: String? = nil) -> Location {
    Location(line: line, record: number, field: field, recordID: recordID)
  }

  /// Whether the reader already rejected the record.
  public var hasReaderError: Bool { problems.contains { $0.isError } }
}

/// What a reader learns of a file before its first record.
public struct FileHeader: Sendable {
  public var kind: InputKind
  public var format: InputFormat
  /// XML: the root element's attributes (`snapshotDate`, `exportId`, `exportedAt`).
  public var attributes: [String: String]
  /// CSV: the columns of the header row, in file order.
  public var columns: [String]
  /// CSV: the delimiter was `;`, so a decimal comma is accepted in amounts.
  public var decimalComma: Bool

  public init(
    kind: InputKind, format: InputFormat, attributes: [String: String] = [:],
    columns: [String] = [], decimalComma: Bool = false
  ) {
    self.kind = kind
    self.format = format
    self.attributes = attributes
    self.columns = columns
    self.decimalComma = decimalComma
  }
}

/// Who dropped a file: ops at the top of the inbox, or a partner in its folder.
public enum Sender: Sendable, Hashable, Codable, CustomStringConvertible {
  case ops
  case partner(YTunnus)

  /// The outbox folder name: the Y-tunnus, or `_ops`.
  public var folderName: String {
    switch self {
    case .ops: return "_ops"
    case .partner(let y): return y.value
    }
  }

  public var description: String { folderName }
}
