import CLibCSV
import SiirtoCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The CSV reader's limits (inputs.md, "CSV dialect").
enum CSVLimits {
  /// A field longer than this is `FIELD_TOO_LONG` (the record is rejected).
  static let fieldBytes = 10_000
  /// libcsv's field buffer never grows past this: a longer field rejects the file,
  /// so that one 200 MB line cannot exhaust memory.
  static let bufferBytes = 1024 * 1024
}

/// libcsv's buffer allocator, refusing to grow past ``CSVLimits/bufferBytes``;
/// libcsv then stops with `CSV_ENOMEM`.
private let boundedRealloc:
  @convention(c) (UnsafeMutableRawPointer?, Int) -> UnsafeMutableRawPointer? = {
    pointer, size in
    size > CSVLimits.bufferBytes ? nil : realloc(pointer, size)
  }

/// One libcsv parser (`struct csv_parser`), freed with the object.
final class CSVParser {
  private let parser: UnsafeMutablePointer<csv_parser>

  init(delimiter: UInt8) {
    parser = .allocate(capacity: 1)
    // Strict RFC 4180 quoting; every line end reported, so that blank lines and
    // physical line numbers can be told.
    _ = csv_init(parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL))
    csv_set_delim(parser, delimiter)
    csv_set_realloc_func(parser, boundedRealloc)
    csv_set_blk_size(parser, 4096)
  }

  deinit {
    csv_free(parser)
    parser.deallocate()
  }

  typealias FieldCallback =
    @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?)
    -> Void
  typealias RecordCallback = @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void

  /// Parses `bytes`; `false` when libcsv stopped on an error.
  func parse(
    _ bytes: UnsafeRawBufferPointer, field: FieldCallback, record: RecordCallback,
    context: UnsafeMutableRawPointer
  ) -> Bool {
    csv_parse(parser, bytes.baseAddress, bytes.count, field, record, context) == bytes.count
  }

  /// Ends the input, reporting a last line without a line end.
  func finish(
    field: FieldCallback, record: RecordCallback, context: UnsafeMutableRawPointer
  ) -> Bool {
    csv_fini(parser, field, record, context) == 0
  }

  /// libcsv's error after `parse` or `finish` failed.
  var error: Int32 { csv_error(parser) }
}

/// Streams one CSV file of a recognised kind: header, records, problems.
final class CSVInput {
  private let kind: InputKind
  private let schema: TableSchema
  private let delimiter: UInt8
  private let encoding: TextEncoding
  private let bomLength: Int
  private let sink: EventSink

  /// The header's columns (canonical names) once it has been read.
  private var columns: [String]?
  private var fieldNames = FieldNames([])
  private var limits: [(min: Int?, max: Int?)] = []
  private var idIndex: Int?
  private var stopped = false

  // The record being read.
  private var values: [String?] = []
  private var fieldCount = 0
  private var tooLong: [Int] = []
  private var newlinesInFields = 0
  /// The physical line of the parser's position, and where the current record started.
  private var line = 1
  private var recordStart = 1
  private var lastTerminator: Int32 = -1
  private var recordNumber = 0
  /// A value in a field past the header's width (only counted, not kept).
  private var valueBeyondWidth = false

  /// A reader of `kind` whose column constraints come from `schema`, by default
  /// the kind's embedded Table Schema.
  init(
    kind: InputKind, schema: TableSchema? = nil, delimiter: UInt8, encoding: TextEncoding,
    bomLength: Int, sink: EventSink
  ) {
    self.kind = kind
    self.schema = schema ?? TableSchema.for(kind)
    self.delimiter = delimiter
    self.encoding = encoding
    self.bomLength = bomLength
    self.sink = sink
  }

  func read(_ file: FileInput) throws(InputFileError) {
    let parser = CSVParser(delimiter: delimiter)
    let context = Unmanaged.passUnretained(self).toOpaque()
    var skip = bomLength
    while !stopped {
      var chunk = try file.next()
      if chunk.isEmpty { break }
      if skip > 0 {
        let n = min(skip, chunk.count)
        chunk = UnsafeRawBufferPointer(rebasing: chunk[n...])
        skip -= n
      }
      if !parser.parse(chunk, field: csvField, record: csvRecord, context: context) {
        return syntaxError(parser.error, atEnd: false)
      }
    }
    guard !stopped else { return }
    guard parser.finish(field: csvField, record: csvRecord, context: context) else {
      return syntaxError(parser.error, atEnd: true)
    }
    guard !stopped else { return }
    if columns == nil { emitHeader([]) }
    if recordNumber == 0 { sink.fileProblem(Problem(.FILE_EMPTY, variant: "no_records")) }
  }

  private func syntaxError(_ error: Int32, atEnd: Bool) {
    guard !stopped else { return }
    if columns == nil { emitHeader([]) }
    let at = Location(line: recordStart)
    if error == CSV_ENOMEM || error == CSV_ETOOBIG {
      let limit = String(CSVLimits.bufferBytes)
      sink.fileProblem(
        Problem(.FIELD_TOO_LONG, at: at, variant: "file", arguments: ["limit": limit]))
    } else {
      let variant = atEnd ? "unclosed_quote" : "quote"
      sink.fileProblem(Problem(.CSV_MALFORMED, at: at, variant: variant))
    }
    stopped = true
  }

  fileprivate func field(_ pointer: UnsafeMutableRawPointer?, _ count: Int) {
    guard !stopped else { return }
    let raw = UnsafeRawBufferPointer(start: pointer, count: count)
    newlinesInFields += newlines(in: raw)
    let index = fieldCount
    fieldCount += 1
    var start = 0
    var end = count
    while start < end, isASCIIWhitespace(raw[start]) { start += 1 }
    while end > start, isASCIIWhitespace(raw[end - 1]) { end -= 1 }
    // Fields past the header's width are only counted.
    guard index < (columns?.count ?? 4096) else {
      valueBeyondWidth = valueBeyondWidth || start < end
      return
    }
    if count > CSVLimits.fieldBytes {
      tooLong.append(index)
      values.append(nil)
      return
    }
    values.append(
      start == end ? nil : decode(UnsafeRawBufferPointer(rebasing: raw[start..<end]), encoding))
  }

  fileprivate func record(_ terminator: Int32) {
    guard !stopped else { return }
    // With CSV_REPALL_NL libcsv reports the LF of a CRLF as an empty record of
    // its own; the line was counted at the CR, which may also end a line alone.
    if fieldCount == 0, terminator == 0x0A, lastTerminator == 0x0D {
      lastTerminator = terminator
      return
    }
    lastTerminator = terminator
    defer {
      line += newlinesInFields + (terminator == 0x0A || terminator == 0x0D ? 1 : 0)
      recordStart = line
      values.removeAll(keepingCapacity: true)
      tooLong.removeAll(keepingCapacity: true)
      fieldCount = 0
      newlinesInFields = 0
      valueBeyondWidth = false
    }
    // A blank line, or one of empty fields only (what spreadsheets write for a
    // cleared row), is skipped with a warning.
    if tooLong.isEmpty, !valueBeyondWidth, values.allSatisfy({ $0 == nil }) {
      sink.fileProblem(Problem(.CSV_BLANK_ROW, at: Location(line: recordStart)))
      stopped = sink.stopped
      return
    }
    if columns == nil {
      header()
    } else {
      dataRecord()
    }
    stopped = stopped || sink.stopped
  }

  private func emitHeader(_ names: [String]) {
    sink.header(
      FileHeader(kind: kind, format: .csv, columns: names, decimalComma: delimiter == 0x3B))
    if encoding == .windows1252 { sink.fileProblem(Problem(.FILE_ENCODING_WINDOWS_1252)) }
  }

  private func header() {
    let cells = (0..<fieldCount).map { i in
      i < values.count && !tooLong.contains(i) ? values[i] ?? "" : ""
    }
    let names = cells.map(normaliseColumn)
    emitHeader(names)
    let known = schema.columnNames
    let arguments = [
      "expected": known.joined(separator: ", "),
      "required": schema.requiredColumns.joined(separator: ", "),
    ]
    var problems: [Problem] = []
    var seen = Set<String>()
    for (name, cell) in zip(names, cells) {
      let variant =
        !known.contains(name) ? "unknown_column" : seen.contains(name) ? "duplicate_column" : nil
      seen.insert(name)
      guard let variant else { continue }
      // An unknown cell is quoted as written, a known one by its canonical name.
      let quoted = variant == "unknown_column" ? cell : name
      problems.append(problem(.CSV_HEADER, field: quoted, variant: variant, arguments))
    }
    for name in schema.requiredColumns where !seen.contains(name) {
      problems.append(problem(.CSV_HEADER, field: name, variant: "missing_column", arguments))
    }
    guard problems.isEmpty else {
      for problem in problems { sink.fileProblem(problem) }
      stopped = true
      return
    }
    columns = names
    fieldNames = FieldNames(names)
    limits = names.map { name in
      let constraints = schema.field(name)?.constraints
      return (constraints?.minLength, constraints?.maxLength)
    }
    idIndex = RecordID.column(of: kind).flatMap(names.firstIndex(of:))
    values.reserveCapacity(names.count)
  }

  private func problem(
    _ code: ProblemCode, field: String, variant: String, _ arguments: [String: String]
  ) -> Problem {
    // A header cell is the sender's text: quote at most 64 characters of it, and
    // no identity code even if a data row was taken for the header.
    let name = PrivacyFilter.redact(field.count > 64 ? String(field.prefix(64)) + "…" : field)
    var arguments = arguments
    arguments["column"] = name
    return Problem(
      code, at: Location(line: recordStart, field: name), variant: variant,
      arguments: arguments)
  }

  private func dataRecord() {
    guard let columns else { return }
    recordNumber += 1
    let recordID = idIndex.flatMap { $0 < values.count ? values[$0] : nil }
    let at = Location(line: recordStart, record: recordNumber, recordID: recordID)
    var problems: [Problem] = []
    if fieldCount != columns.count {
      problems.append(
        Problem(
          .CSV_FIELD_COUNT, at: at, variant: "count",
          arguments: ["expected": String(columns.count), "found": String(fieldCount)]))
    }
    for i in tooLong {
      problems.append(
        Problem(
          .FIELD_TOO_LONG, at: at.at(field: columns[i]), variant: "bytes",
          arguments: ["limit": String(CSVLimits.fieldBytes)]))
    }
    for i in values.indices {
      guard let value = values[i] else { continue }
      if let problem = lengthProblem(value, limits[i], at, columns[i]) { problems.append(problem) }
    }
    sink.record(
      RawRecord(
        number: recordNumber, line: recordStart, names: fieldNames, values: values,
        problems: problems))
  }

  private func lengthProblem(
    _ value: String, _ limit: (min: Int?, max: Int?), _ at: Location, _ column: String
  ) -> Problem? {
    let bytes = value.utf8.count
    // Characters never outnumber bytes: count them only when it can matter.
    if let max = limit.max, bytes > max {
      let length = value.unicodeScalars.count
      if length > max {
        return Problem(
          .LENGTH, at: at.at(field: column), variant: "too_long",
          arguments: ["max": String(max), "length": String(length)])
      }
    }
    if let min = limit.min, min > 1 {
      let length = bytes < min ? bytes : value.unicodeScalars.count
      if length < min {
        return Problem(
          .LENGTH, at: at.at(field: column), variant: "too_short",
          arguments: ["min": String(min), "length": String(length)])
      }
    }
    return nil
  }
}

private let csvField: CSVParser.FieldCallback = { pointer, count, context in
  Unmanaged<CSVInput>.fromOpaque(context!).takeUnretainedValue().field(pointer, count)
}

private let csvRecord: CSVParser.RecordCallback = { terminator, context in
  Unmanaged<CSVInput>.fromOpaque(context!).takeUnretainedValue().record(terminator)
}

/// The field that is a record's own ID, by kind.
enum RecordID {
  static func column(of kind: InputKind) -> String? {
    switch kind {
    case .register: return "y_tunnus"
    case .registration: return "request_id"
    case .mandates: return "mandate_id"
    case .claims: return "claim_id"
    }
  }
}
