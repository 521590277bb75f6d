/// Reads the typed values of one record and collects the field problems
/// (REQUIRED, TYPE, ENUM, LENGTH, identifier codes), each located at its
/// field, the record and the record's ID.
struct FieldReader {
  let record: RawRecord
  /// Of the header, only what the fields' rules ask: a reader is copied a few
  /// times per record, and each reference it holds costs a retain per copy.
  let format: InputFormat
  let decimalComma: Bool
  let recordID: String?
  private(set) var problems: [Problem] = []
  /// Whether ``problems`` holds an error: asked for every record.
  private(set) var hasErrors = false

  init(_ record: RawRecord, header: FileHeader, recordIDField: String) {
    self.record = record
    self.format = header.format
    self.decimalComma = header.decimalComma
    self.recordID = record[recordIDField]
  }

  func location(_ field: String?) -> Location {
    var location = record.location(field: field, recordID: recordID)
    location.path = record.path
    return location
  }

  /// Adds a problem at `field` (or at the record when `nil`).
  mutating func report(
    _ code: ProblemCode, field: String?, variant: String? = nil, arguments: [String: String] = [:]
  ) {
    keep(problem(code, field: field, variant: variant, arguments: arguments))
  }

  /// A problem at `field` (or at the record when `nil`), for ``append(_:)`` later.
  func problem(
    _ code: ProblemCode, field: String?, variant: String? = nil, arguments: [String: String] = [:]
  ) -> Problem {
    Problem(code, at: location(field), variant: variant, arguments: arguments)
  }

  /// Adds problems made by ``problem(_:field:variant:arguments:)``, in their order.
  mutating func append(_ found: [Problem]) {
    for problem in found { keep(problem) }
  }

  /// Adds problems from elsewhere (an identifier parser, a reader), placed at `field`.
  mutating func add(_ found: [Problem], field: String?) {
    guard !found.isEmpty else { return }
    let at = location(field)
    for problem in found { keep(problem.located(at)) }
  }

  private mutating func keep(_ problem: Problem) {
    if problem.isError { hasErrors = true }
    problems.append(problem)
  }

  /// A text value; `REQUIRED` when missing and `required`, `LENGTH` past
  /// `maxLength` in CSV (the XSD checks lengths in XML). A value the reader
  /// already rejected (`XML_SCHEMA`, the Table Schema's `LENGTH`) is not
  /// checked again: one value, one problem.
  mutating func text(_ field: String, required: Bool = false, maxLength: Int? = nil) -> String? {
    if record.problems.contains(where: { $0.isError && $0.location.field == field }) { return nil }
    guard let value = record[field] else {
      if required { report(.REQUIRED, field: field) }
      return nil
    }
    if let maxLength, format == .csv, value.count > maxLength {
      report(
        .LENGTH, field: field, variant: "max", arguments: ["max": String(maxLength)])
      return nil
    }
    return value
  }

  /// One of a code list; `ENUM` lists the allowed codes.
  mutating func code<E: RawRepresentable & CaseIterable>(
    _ field: String, _ type: E.Type, required: Bool = false
  ) -> E? where E.RawValue == String {
    guard let value = text(field, required: required) else { return nil }
    if let parsed = E(rawValue: value) { return parsed }
    report(
      .ENUM, field: field, variant: "list",
      arguments: ["allowed": E.allCases.map(\.rawValue).joined(separator: ", ")])
    return nil
  }

  /// A date: ISO, and in CSV also `D.M.YYYY` with the warning `DATE_FINNISH_FORMAT`.
  mutating func date(_ field: String, required: Bool = false) -> LocalDate? {
    guard let value = text(field, required: required) else { return nil }
    if let date = LocalDate.parseISO(value) { return date }
    if format == .csv, let date = LocalDate.parseFinnish(value) {
      report(.DATE_FINNISH_FORMAT, field: field)
      return date
    }
    report(.TYPE, field: field, variant: "date")
    return nil
  }

  /// Euros as cents; a decimal comma where the CSV delimiter was `;`.
  mutating func amount(_ field: String, required: Bool = false) -> Cents? {
    guard let value = text(field, required: required) else { return nil }
    guard let cents = Cents.parse(value, decimalComma: decimalComma) else {
      report(.TYPE, field: field, variant: "amount")
      return nil
    }
    return cents
  }

  /// `true`/`false`, `1`/`0`, `K`/`E` in any letter case.
  mutating func boolean(_ field: String) -> Bool? {
    guard let value = text(field) else { return nil }
    switch value.lowercased() {
    case "true", "1", "k": return true
    case "false", "0", "e": return false
    default:
      report(.TYPE, field: field, variant: "boolean")
      return nil
    }
  }

  /// A value of an identifier parser, its problems located at `field`.
  mutating func identifier<T>(
    _ field: String, required: Bool = false, _ parse: (String) -> Parsed<T>
  ) -> T? {
    guard let value = text(field, required: required) else { return nil }
    // One match: `Parsed`'s `value` and `problems` each copied the whole
    // enum, and `problems` made an array for the one problem of a bad value.
    switch parse(value) {
    case .valid(let parsed, let warnings):
      add(warnings, field: field)
      return parsed
    case .invalid(let problem):
      keep(problem.located(location(field)))
      return nil
    }
  }

  mutating func yTunnus(_ field: String, required: Bool = false) -> YTunnus? {
    identifier(field, required: required) { YTunnus.parse($0) }
  }

  mutating func hetu(_ field: String, required: Bool = false) -> Hetu? {
    identifier(field, required: required) { Hetu.parse($0) }
  }
}

extension RecordOutcome {
  /// The outcome of a record with these problems: rejected on any error,
  /// else ignored when an info rule says so, else accepted.
  static func judged(_ problems: [Problem]) -> RecordOutcome {
    // By index: a closure over the elements copied each problem whole.
    var ignored = false
    for i in problems.indices {
      if problems[i].severity == .error {
        return RecordOutcome(disposition: .rejected, problems: problems)
      }
      if problems[i].code.ignoresRecord { ignored = true }
    }
    return RecordOutcome(disposition: ignored ? .ignored : .accepted, problems: problems)
  }
}
