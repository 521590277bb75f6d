import ArgumentParser
import Foundation
import SiirtoCore
import SiirtoPipeline

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check files against the schemas and every rule that needs no state.",
    discussion: """
      Prints FILE:LINE: severity CODE field: message for each problem (or JSON with \
      --format json). Changes nothing. Exits 0 when every file is valid, 1 when not.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @Option(help: "The kind the files must be: register, registration, mandates or claims.")
  var kind: InputKind?

  @Option(help: "Output format: text or json.")
  var format: Format = .text

  @Option(help: "The clock for date rules, ISO 8601; default: now.")
  var now: String?

  @Option(help: "The configuration file (for the time zone and thresholds).")
  var config: String?

  @Argument(help: "The files to check.")
  var files: [String]

  func run() throws {
    let configuration: Configuration
    do {
      configuration = try Configuration.load(path: config, root: DataRoot.resolve(nil).path.string)
    } catch {
      complain("siirto: \(error)")
      throw ExitCode(ExitStatus.configuration)
    }
    let validator = Validator(
      now: try parseNow(now) ?? Timestamp(Date()), timeZone: configuration.timeZone,
      expectedKind: kind, settings: configuration.domainSettings(allowMassRemoval: false))
    var allValid = true
    var reports: [Validator.Report] = []
    var output = LineBuffer()
    var lines = Validator.TextLines()
    defer { output.flush() }
    for file in files {
      do {
        if format == .text {
          // Streamed: a file with millions of problems prints every line.
          let report = try validator.validate(path: file, keep: 0) { problem in
            output.appendLine { lines.append(file: file, problem: problem, to: &$0) }
          }
          allValid = allValid && report.isValid
        } else {
          let report = try validator.validate(path: file)
          allValid = allValid && report.isValid
          reports.append(report)
        }
      } catch {
        output.flush()
        complain("siirto: \(error)")
        throw ExitCode(exitStatus(for: error))
      }
    }
    if format == .json { print(try ValidateJSON.render(reports)) }
    if !allValid { throw ExitCode(ExitStatus.rejections) }
  }
}

extension InputKind: ExpressibleByArgument {}

/// Standard output written 64 KiB at a time: a file can have a million
/// problems, and a write per line cost more than the line.
struct LineBuffer {
  private var bytes: [UInt8] = []

  /// Appends what `write` writes, and a line end.
  mutating func appendLine(_ write: (inout [UInt8]) -> Void) {
    write(&bytes)
    bytes.append(0x0A)
    if bytes.count >= 1 << 16 { flush() }
  }

  mutating func flush() {
    guard !bytes.isEmpty else { return }
    FileHandle.standardOutput.write(Data(bytes))
    bytes.removeAll(keepingCapacity: true)
  }
}

/// The JSON form of `siirto validate`: one object per file with its problems
/// and their messages in Finnish and English.
enum ValidateJSON {
  static func render(_ reports: [Validator.Report]) throws -> String {
    var messages = Messages.Cache()
    let files: [[String: Any]] = reports.map { report in
      [
        "file": PrivacyFilter.redact(report.file),
        "kind": report.kind?.rawValue ?? NSNull(),
        "format": report.format?.rawValue ?? NSNull(),
        "status": report.status.rawValue,
        "valid": report.isValid,
        "counts": [
          "records": report.counts.records, "accepted": report.counts.accepted,
          "rejected": report.counts.rejected, "ignored": report.counts.ignored,
          "warnings": report.counts.warnings,
        ],
        "problems": report.problems.map { problem -> [String: Any] in
          var entry: [String: Any] = [
            "severity": problem.severity.rawValue, "code": problem.code.rawValue,
            "message": [
              "fi": messages.render(problem, in: .fi), "en": messages.render(problem, in: .en),
            ],
          ]
          let l = problem.location
          if let v = l.line { entry["line"] = v }
          if let v = l.column { entry["column"] = v }
          if let v = l.record { entry["record"] = v }
          if let v = l.field { entry["field"] = v }
          if let v = l.recordID { entry["recordId"] = PrivacyFilter.redact(v) }
          if let v = l.path { entry["path"] = v }
          return entry
        },
      ]
    }
    let data = try JSONSerialization.data(
      withJSONObject: ["files": files], options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }
}
