import Foundation
import Testing

/// What ops see of the command line: configuration errors, the summary line a
/// run with rejections prints for cron's mail, and the exit codes.
@Suite("Operations through the command line")
struct OperationsTests {
  /// Writes `text` as a configuration file beside the root, returns its path.
  static func config(_ text: String, in sandbox: Sandbox, name: String = "ops.toml") throws
    -> String
  {
    let url = sandbox.root.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  static let unknownKey = "min_age = 0\n\n[retention]\narchive_days = 30\nreport_days = 400\n"
  static let wrongType = "# nightly settings\nmin_age = \"sixty\"\n"

  @Test("an unknown key stops the run with 78, the key and its line on stderr, nothing done")
  func unknownKey() throws {
    let sandbox = try Sandbox()
    try sandbox.drop("night1")
    let path = try OperationsTests.config(OperationsTests.unknownKey, in: sandbox)
    let result = try sandbox.run(["--config", path])
    #expect(result.status == 78)
    #expect(result.stdout.isEmpty)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(result.stderr)")
    #expect(result.stderr.hasPrefix("siirto: \(path):5: error: "), "\(result.stderr)")
    #expect(result.stderr.contains("retention.report_days"))
    #expect(result.stderr.contains("did you mean retention.reports_days?"))
    #expect(try sandbox.files(under: "inbox").count == 5, "the drop waits for a fixed file")
    #expect(try sandbox.files(under: "outbox").isEmpty)
  }

  @Test("--log-level info logs every step of a run with its seconds, each file by name")
  func stepTimings() throws {
    let sandbox = try Sandbox()
    try sandbox.drop("night1")
    let result = try sandbox.run(["--log-level", "info"])
    #expect(result.status == 1, "night1 has rejections: \(result.stderr)")
    let steps = result.stderr.split(separator: "\n").filter { $0.contains("step finished") }
    func logged(_ step: String) -> [Substring] { steps.filter { $0.contains("step=\(step)") } }
    #expect(logged("file").count == 5, "\(result.stderr)")
    #expect(logged("file").allSatisfy { $0.contains("name=") && $0.contains("seq=") })
    #expect(try sandbox.files(under: "outbox/kela").isEmpty == false)
    for step in [
      "intake", "time-driven events", "write Kela batch", "check Kela batch", "reports",
      "decide and commit", "publish",
    ] {
      #expect(logged(step).count == 1, "\(step): \(result.stderr)")
    }
    #expect(
      steps.allSatisfy { $0.range(of: #"seconds=\d+\.\d{3}"#, options: .regularExpression) != nil })
  }

  @Test("a wrong type stops the run with 78, naming the key, its line and the type expected")
  func wrongType() throws {
    let sandbox = try Sandbox()
    let path = try OperationsTests.config(OperationsTests.wrongType, in: sandbox)
    let result = try sandbox.run(["--config", path])
    #expect(result.status == 78)
    #expect(
      result.stderr
        == "siirto: \(path):2: error: min_age is a string, expected an integer\n")
  }

  @Test("<root>/siirto.toml is checked the same way, by every command that reads it")
  func rootConfiguration() throws {
    let sandbox = try Sandbox()
    let path = try OperationsTests.config(
      OperationsTests.unknownKey, in: sandbox, name: "siirto.toml")
    for command in [["run", "--now", Sandbox.now], ["status"], ["prune", "--older-than", "1"]] {
      let result = try sandbox.siirto(command)
      #expect(result.status == 78, "\(command)")
      #expect(result.stderr.contains("\(path):5:"), "\(command): \(result.stderr)")
      #expect(result.stderr.contains("retention.report_days"), "\(command)")
    }
  }

  @Test("validate reports a bad --config with 78 too")
  func validateConfiguration() throws {
    let sandbox = try Sandbox()
    let path = try OperationsTests.config(OperationsTests.wrongType, in: sandbox)
    let sample = Sandbox.fixture("night1/register.xml").path
    let result = try sandbox.siirto(["validate", "--config", path, sample])
    #expect(result.status == 78)
    #expect(result.stderr.contains("\(path):2:"))
    #expect(result.stderr.contains("min_age"))
  }

  @Test("a run with rejections prints one summary line and exits 1")
  func summaryLine() throws {
    let sandbox = try Sandbox()
    try sandbox.drop("night1")
    let result = try sandbox.run()
    #expect(result.status == 1)
    #expect(result.stderr.isEmpty)
    let reports = sandbox.root.appendingPathComponent("reports/20261122-020000/report.html").path
    #expect(
      result.stdout
        == "siirto: run 20261122-020000: 5 files — 2 accepted, 2 partly accepted, 1 rejected, "
        + "0 duplicates. Reports: \(reports)\n")
  }

  @Test("a night of duplicates and one rejection counts the duplicates")
  func summaryWithDuplicates() throws {
    let sandbox = try Sandbox()
    try sandbox.drop("night1")
    try sandbox.run()
    try sandbox.drop("night1")
    let result = try sandbox.run(now: "2026-11-23T02:00:00Z")
    #expect(result.status == 1)
    #expect(
      result.stdout.contains(
        "run 20261123-020000: 5 files — 0 accepted, 0 partly accepted, 1 rejected, 4 duplicates."),
      "\(result.stdout)")
  }

  @Test("a clean night with files prints nothing and exits 0")
  func cleanNight() throws {
    let sandbox = try Sandbox()
    let register = try Data(contentsOf: Sandbox.fixture("night1/register.xml"))
    try sandbox.write("register.xml", String(decoding: register, as: UTF8.self))
    let result = try sandbox.run()
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.isEmpty)
    #expect(try sandbox.files(under: "outbox/_ops").count == 1)
  }
}
