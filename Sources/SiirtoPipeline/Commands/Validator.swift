import Foundation
import SiirtoCore
import SiirtoFormats

/// `siirto validate`: every check that needs no database state, on files
/// anywhere on disk. Changes nothing.
public struct Validator: Sendable {
  public struct Report: Sendable, Codable {
    public var file: String
    public var kind: InputKind?
    public var format: InputFormat?
    public var status: ReceiptStatus
    public var counts: ReceiptCounts
    public var problems: [Problem]
    /// An error was found, whether or not it is among the problems kept.
    public var hasErrors: Bool

    public var isValid: Bool { !hasErrors }
  }

  public var now: Timestamp
  public var timeZone: TimeZone
  public var expectedKind: InputKind?
  public var settings: DomainSettings

  public init(
    now: Timestamp, timeZone: TimeZone, expectedKind: InputKind?, settings: DomainSettings
  ) {
    self.now = now
    self.timeZone = timeZone
    self.expectedKind = expectedKind
    self.settings = settings
  }

  /// Checks one file. Each problem goes to `stream` as it is found (the text
  /// output prints every one of them); the report keeps the first `keep`.
  public func validate(
    path: String, keep: Int = 100_000, stream: ((Problem) -> Void)? = nil
  ) throws -> Report {
    let context = RunContext(
      runID: "validate", now: now, timeZone: timeZone, sender: .ops, fileID: nil,
      settings: settings)
    var problems: [Problem] = []
    var hasErrors = false
    // A path given on the command line is the user's own choice: follow it.
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw IOFailure(operation: "open", path: path, errno: ENOENT)
    }
    let verdict = try FileCheck(context: context, state: nil).run(path: path) { problem in
      if problem.isError { hasErrors = true }
      stream?(problem)
      if problems.count < keep { problems.append(problem) }
    }
    if let expectedKind, let kind = verdict.kind, kind != expectedKind {
      let mismatch = Problem(
        .FILE_UNKNOWN_KIND, variant: "expected_kind",
        arguments: ["expected": expectedKind.rawValue, "value": kind.rawValue])
      problems.insert(mismatch, at: 0)
      stream?(mismatch)
      hasErrors = true
    }
    return Report(
      file: path, kind: verdict.kind, format: verdict.format,
      status: hasErrors && verdict.status == .ACCEPTED ? .REJECTED : verdict.status,
      counts: verdict.counts, problems: problems, hasErrors: hasErrors)
  }

  /// `FILE:LINE: severity CODE field: message`, the form compilers use.
  public static func line(file: String, problem: Problem, language: Language = .en) -> String {
    var lines = TextLines(language: language)
    var bytes: [UInt8] = []
    lines.append(file: file, problem: problem, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Writes the text output's lines as bytes. A file can have millions of
  /// problems: the file name, a record's ID and each distinct message are
  /// redacted and rendered once, not once per line.
  public struct TextLines {
    private let language: Language
    private var messages = Messages.Cache()
    private var file: String?
    private var filePrefix: [UInt8] = []
    private var recordID: String?
    private var recordSuffix: [UInt8] = []

    public init(language: Language = .en) { self.language = language }

    /// Appends one problem's line, without its line end, to `bytes`.
    public mutating func append(file: String, problem: Problem, to bytes: inout [UInt8]) {
      if file != self.file {
        self.file = file
        filePrefix = Array((PrivacyFilter.redact(file) + ":").utf8)
      }
      bytes.append(contentsOf: filePrefix)
      if let line = problem.location.line {
        bytes.append(contentsOf: String(line).utf8)
        bytes.append(UInt8(ascii: ":"))
      }
      bytes.append(UInt8(ascii: " "))
      bytes.append(contentsOf: problem.severity.rawValue.utf8)
      bytes.append(UInt8(ascii: " "))
      bytes.append(contentsOf: problem.code.rawValue.utf8)
      if let field = problem.location.field {
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: field.utf8)
      }
      bytes.append(contentsOf: ": ".utf8)
      bytes.append(contentsOf: messages.render(problem, in: language).utf8)
      if let id = problem.location.recordID {
        if id != recordID {
          recordID = id
          recordSuffix = Array(" [\(PrivacyFilter.redact(id))]".utf8)
        }
        bytes.append(contentsOf: recordSuffix)
      }
    }
  }
}
