/// The column names of a file's records, made once per file and shared by
/// all of them: a record keeps its values by position, so that reading a
/// million records builds no dictionary per record.
public final class FieldNames: Sendable {
  /// The names by position.
  public let names: [String]
  /// Each name's length and first eight bytes, by position: a lookup (several
  /// per record, a million records a file) compares these before any String,
  /// which was cheaper than hashing the name for a dictionary.
  private let keys: [Key]

  private struct Key: Equatable {
    var count: Int
    var prefix: UInt64

    init(_ name: String) {
      var name = name
      (count, prefix) = name.withUTF8 { bytes in
        var prefix: UInt64 = 0
        for byte in bytes.prefix(8) { prefix = prefix << 8 | UInt64(byte) }
        return (bytes.count, prefix)
      }
    }
  }

  /// Names by position; a repeated name keeps its first position.
  public init(_ names: [String]) {
    self.names = names
    self.keys = names.map(Key.init)
  }

  /// Where `name`'s value is, or `nil` when the file has no such column.
  public func position(of name: String) -> Int? {
    let key = Key(name)
    for i in keys.indices where keys[i] == key && names[i] == name { return i }
    return nil
  }
}

/// One data record as a reader yields it: field values by their canonical
/// (CSV column) name, with the record's place in the file and any problems the
/// reader itself found in it. XML elements and attributes are mapped onto the
/// same names, so that both forms go through the same rules.
public struct RawRecord: Sendable {
  /// 1-based number among the file's data records.
  public var number: Int
  /// CSV: the physical line where the record starts; XML: the record element's line.
  public var line: Int
  /// The columns the values are of.
  public let names: FieldNames
  /// Trimmed values by position in ``names``; an empty field is `nil`.
  public private(set) var values: [String?]
  /// Problems the reader found (`XML_SCHEMA`, `CSV_FIELD_COUNT`, `FIELD_TOO_LONG`,
  /// encoding warnings belong to the file, not here).
  public var problems: [Problem]
  /// XML only: where the record element is, e.g. `/PaymentClaims/Claim[17]`.
  public var elementPath: ElementPath?
  /// ``elementPath`` as text.
  public var path: String? { elementPath?.text }

  /// A record of `values` by position in `names` (missing ones are `nil`).
  public init(
    number: Int, line: Int, names: FieldNames, values: [String?], problems: [Problem] = [],
    path: ElementPath? = nil
  ) {
    self.number = number
    self.line = line
    self.names = names
    self.values = values
    if self.values.count < names.names.count {
      self.values.append(
        contentsOf: repeatElement(nil, count: names.names.count - self.values.count))
    }
    self.problems = problems
    self.elementPath = path
  }

  /// A record of the given fields.
  public init(
    number: Int, line: Int, fields: [String: String] = [:], problems: [Problem] = [],
    path: ElementPath? = nil
  ) {
    let names = fields.keys.sorted()
    self.init(
      number: number, line: line, names: FieldNames(names), values: names.map { fields[$0] },
      problems: problems, path: path)
  }

  public subscript(field: String) -> String? {
    names.position(of: field).flatMap { values[$0] }
  }

  /// Sets the value at `position` in ``names``, unless it already has one.
  public mutating func fill(_ position: Int, with value: String) {
    if values[position] == nil { values[position] = value }
  }

  /// The values by name, for tests and diagnostics.
  public var fields: [String: String] {
    var fields: [String: String] = [:]
    for (name, value) in zip(names.names, values) {
      if let value, fields[name] == nil { fields[name] = value }
    }
    return fields
  }

  /// The location of this record, optionally narrowed to one field.
  public func location(field: String? = nil, recordID: String? = nil) -> Location {
    Location(line: line, record: number, field: field, recordID: recordID)
  }

  /// Whether the reader already rejected the record.
  public var hasReaderError: Bool { problems.contains { $0.isError } }
}

/// An XML record element's place: its parent's path, its name and its
/// position among its parent's children of that name. Kept in parts, and
/// made text only for a problem's location: a string per record was a tenth
/// of reading an element.
public struct ElementPath: Sendable, Hashable {
  /// The parent's path, e.g. `/PaymentClaims`.
  public var parent: String
  public var name: String
  /// 1-based.
  public var index: Int

  public init(parent: String, name: String, index: Int) {
    self.parent = parent
    self.name = name
    self.index = index
  }

  /// E.g. `/PaymentClaims/Claim[17]`.
  public var text: String { "\(parent)/\(name)[\(index)]" }
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
