/// Where in a file a problem was found. Every part is optional: a file-level
/// problem has none, a CSV field problem has line, record and field.
public struct Location: Sendable, Hashable, Codable {
  /// The physical line (CSV: where the record starts; XML: the element's line).
  public var line: Int?
  /// XML only: the column of a well-formedness error.
  public var column: Int?
  /// The 1-based number of the data record.
  public var record: Int?
  /// The field (CSV column name, which XML fields map onto).
  public var field: String?
  /// The record's own ID (claim ID, mandate ID, request ID, Y-tunnus of a register row).
  public var recordID: String?
  /// XML only: the element path, e.g. `/PaymentClaims/Claim[17]/Amount`.
  public var path: String?

  public init(
    line: Int? = nil, column: Int? = nil, record: Int? = nil, field: String? = nil,
    recordID: String? = nil, path: String? = nil
  ) {
    self.line = line
    self.column = column
    self.record = record
    self.field = field
    self.recordID = recordID
    self.path = path
  }

  public static let file = Location()

  /// The same place, at `field` of it.
  public func at(field: String) -> Location {
    var location = self
    location.field = field
    return location
  }
}

/// One problem, from the first byte read to the receipt and the report.
///
/// A problem carries no free text from the input: its message is rendered from
/// `code`, an optional message `variant` and `arguments` whose values are codes,
/// numbers, dates or column names — never a field's value. The one exception is
/// the argument `detail`, libxml2's message, which the XML reader has already
/// stripped of quoted values. Rendering goes through ``Messages`` and the
/// privacy filter.
public struct Problem: Sendable, Hashable, Codable {
  public var severity: Severity
  public var code: ProblemCode
  public var location: Location
  /// Chooses among the messages of one code (e.g. `format` or `checksum` for
  /// `HETU_INVALID`); `nil` is the code's general message.
  public var variant: String?
  /// Safe values that the message quotes, by name.
  public var arguments: [String: String]

  public init(
    _ code: ProblemCode, at location: Location = .file, variant: String? = nil,
    arguments: [String: String] = [:], severity: Severity? = nil
  ) {
    self.code = code
    self.severity = severity ?? code.severity
    self.location = location
    self.variant = variant
    self.arguments = arguments
  }

  /// The same problem, placed at `location` where it had none of its own.
  public func located(_ fill: Location) -> Problem {
    var copy = self
    copy.location.line = copy.location.line ?? fill.line
    copy.location.column = copy.location.column ?? fill.column
    copy.location.record = copy.location.record ?? fill.record
    copy.location.field = copy.location.field ?? fill.field
    copy.location.recordID = copy.location.recordID ?? fill.recordID
    copy.location.path = copy.location.path ?? fill.path
    return copy
  }

  public var isError: Bool { severity == .error }
}

/// The outcome of parsing a value: the value (possibly with warnings), or the
/// problems that stopped it.
public enum Parsed<Value: Sendable>: Sendable {
  case valid(Value, warnings: [Problem])
  case invalid(Problem)

  public var value: Value? {
    if case .valid(let value, _) = self { return value }
    return nil
  }

  public var problems: [Problem] {
    switch self {
    case .valid(_, let warnings): return warnings
    case .invalid(let problem): return [problem]
    }
  }
}
