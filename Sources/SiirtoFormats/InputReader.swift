import SiirtoCore

/// What a reader reports while it streams a file, in file order.
public enum ReaderEvent: Sendable {
  /// The file's kind and form, before its first record.
  case header(FileHeader)
  /// One data record, with the problems the reader found in it.
  case record(RawRecord)
  /// A problem of the file as a whole or between records: `FILE_*`,
  /// `XML_MALFORMED`, `XML_DTD_FORBIDDEN`, `XML_SCHEMA` outside any record,
  /// `CSV_MALFORMED`, `CSV_HEADER`, `CSV_BLANK_ROW`, the encoding warning.
  case problem(Problem)
}

/// How reading a file went.
public struct ReadSummary: Sendable {
  /// The kind recognised from the content; `nil` when it was not recognised.
  public var kind: InputKind?
  /// The form, once the kind is known.
  public var format: InputFormat?
  /// The number of data records reported.
  public var records: Int
  /// Whether a problem rejects the file as a whole: a file-level code, a syntax
  /// error, or an `XML_SCHEMA` error outside any record.
  public var fileRejected: Bool

  public init(
    kind: InputKind? = nil, format: InputFormat? = nil, records: Int = 0,
    fileRejected: Bool = false
  ) {
    self.kind = kind
    self.format = format
    self.records = records
    self.fileRejected = fileRejected
  }
}

/// Reads input files of every kind and form.
public enum InputReader {
  /// Recognises the file's kind from its content and streams it. `problem` events are
  /// file-level or between-record problems (FILE_*, XML_MALFORMED, CSV_BLANK_ROW, encoding
  /// warning) in file order.
  ///
  /// Memory stays bounded whatever the file's size: one record and a few chunk
  /// buffers at a time. Bad content never throws; only a file that cannot be
  /// opened or read (``InputFileError``) or an error thrown by `onEvent` does,
  /// and the latter stops the reading at once.
  public static func read(
    path: String, onEvent: (ReaderEvent) throws -> Void
  ) throws -> ReadSummary {
    try withoutActuallyEscaping(onEvent) { handler in
      let sink = EventSink(handler)
      let file = try FileInput(path: path)
      try read(file, into: sink)
      if let failure = sink.failure { throw failure }
      return sink.summary
    }
  }

  private static func read(_ file: FileInput, into sink: EventSink) throws {
    switch try Recognition.of(file) {
    case .empty(let variant):
      sink.fileProblem(Problem(.FILE_EMPTY, variant: variant))
    case .xml:
      try file.rewind()
      try XMLInput.read(file, into: sink)
    case .utf16Text:
      sink.fileProblem(Problem(.FILE_ENCODING, variant: "utf16"))
    case .text(let bomLength):
      try file.rewind()
      switch try EncodingScan.run(file) {
      case .nul(let offset):
        let line = try EncodingScan.line(ofOffset: offset, in: file)
        sink.fileProblem(Problem(.FILE_ENCODING, at: Location(line: line), variant: "nul"))
      case .neither(let offset):
        let line = try EncodingScan.line(ofOffset: offset, in: file)
        sink.fileProblem(Problem(.FILE_ENCODING, at: Location(line: line), variant: "undefined"))
      case .text(let encoding):
        switch try HeaderSniff.run(file, bomLength: bomLength, encoding: encoding) {
        case .unknown(let variant):
          sink.fileProblem(Problem(.FILE_UNKNOWN_KIND, variant: variant))
        case .recognised(let kind, let delimiter):
          try file.rewind()
          let reader = CSVInput(
            kind: kind, delimiter: delimiter, encoding: encoding, bomLength: bomLength,
            sink: sink)
          try reader.read(file)
        }
      }
    }
  }
}

/// Forwards events to the caller's handler and keeps the summary. A handler
/// that throws stops the reading: the error is kept and rethrown at the end,
/// since it cannot pass through libxml2's and libcsv's C callbacks.
final class EventSink {
  private let handler: (ReaderEvent) throws -> Void
  private(set) var summary = ReadSummary()
  private(set) var failure: (any Error)?

  init(_ handler: @escaping (ReaderEvent) throws -> Void) { self.handler = handler }

  /// Whether reading must stop: the handler threw.
  var stopped: Bool { failure != nil }

  func header(_ header: FileHeader) {
    summary.kind = header.kind
    summary.format = header.format
    send(.header(header))
  }

  func record(_ record: RawRecord) {
    summary.records += 1
    send(.record(record))
  }

  /// A problem of the file or between records; an error rejects the file unless
  /// `rejectsFile` says otherwise.
  func fileProblem(_ problem: Problem, rejectsFile: Bool? = nil) {
    if rejectsFile ?? problem.isError { summary.fileRejected = true }
    send(.problem(problem))
  }

  private func send(_ event: ReaderEvent) {
    guard failure == nil else { return }
    do { try handler(event) } catch { failure = error }
  }
}
