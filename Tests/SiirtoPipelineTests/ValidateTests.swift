import Crypto
import Foundation
import SiirtoCore
import Testing

/// `siirto validate` through the real binary: the output forms, the exit
/// status, `--kind`, privacy, and that it changes nothing.
@Suite("siirto validate")
struct ValidateTests {
  static func bad(_ name: String) -> String { Samples.bad.appendingPathComponent(name).path }
  static func inbox(_ name: String) -> String { Samples.inbox.appendingPathComponent(name).path }

  func validate(_ arguments: [String]) throws -> Sandbox.Result {
    try Sandbox().siirto(["validate", "--now", Sandbox.now] + arguments)
  }

  @Test("text lines are FILE:LINE: severity CODE field: message [record ID]")
  func textLines() throws {
    let fields = Self.bad("kentat-virheelliset.csv")
    let empty = Self.bad("tyhja.csv")
    let warnings = Self.bad("varoitukset.csv")
    let result = try validate([fields, empty, warnings])
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines.contains(
        "\(fields):2: error TYPE amount: The value is not an amount of euros (at most two "
          + "decimals, no separators). [HKI-2026-000220]"))
    #expect(
      lines.contains(
        "\(fields):6: error REQUIRED decision_date: A required value is missing. [HKI-2026-000224]")
    )
    #expect(lines.contains("\(empty): error FILE_EMPTY: The file is empty (0 bytes)."))
    #expect(
      lines.contains(
        "\(warnings):2: warning DATE_FINNISH_FORMAT period_start: The date was read in the form "
          + "D.M.YYYY. The recommended form is YYYY-MM-DD. [HKI-2026-000240]"))
    let form = try Regex(#"^/.+?:([0-9]+:)? (error|warning|info) [A-Z0-9_]+( [a-z_]+)?: .+$"#)
    // Nine errors and 18 HETU_TEMPORARY; one; four warnings and four HETU_TEMPORARY.
    #expect(lines.count == 27 + 1 + 8, "\(lines.count) lines")
    for line in lines { #expect(line.wholeMatch(of: form) != nil, "\(line)") }
    #expect(result.stderr.isEmpty)
    #expect(result.status == 1)
  }

  @Test("--format json has every file with its problems and their Finnish and English messages")
  func json() throws {
    let result = try validate([
      "--format", "json", Self.bad("tunnisteet-virheelliset.csv"),
      Self.inbox("rekisteri-2026-11-21.xml"),
    ])
    #expect(result.status == 1)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let files = try #require(json["files"] as? [[String: Any]])
    #expect(files.count == 2)
    #expect(files[0]["valid"] as? Bool == false)
    #expect(files[0]["kind"] as? String == "claims")
    #expect(files[0]["format"] as? String == "csv")
    #expect(files[1]["valid"] as? Bool == true)
    #expect(files[1]["status"] as? String == "ACCEPTED")
    #expect((files[1]["problems"] as? [Any])?.isEmpty == true)
    let problems = try #require(files[0]["problems"] as? [[String: Any]])
    let first = try #require(problems.first { $0["code"] as? String == "HETU_INVALID" })
    #expect(first["line"] as? Int == 2)
    #expect(first["record"] as? Int == 1)
    #expect(first["field"] as? String == "client_hetu")
    #expect(first["recordId"] as? String == "HKI-2026-000212")
    let message = try #require(first["message"] as? [String: String])
    #expect(message["en"] == "The control character of the personal identity code is wrong.")
    #expect(message["fi"]?.isEmpty == false && message["fi"] != message["en"])
    for problem in problems {
      let message = problem["message"] as? [String: String] ?? [:]
      #expect(message["fi"]?.isEmpty == false && message["en"]?.isEmpty == false)
    }
  }

  @Test("exit 0 when every file is valid, also with warnings; 1 when one is not")
  func exitStatus() throws {
    let valid = Samples.files(under: Samples.inbox).map(Self.inbox)
    let ok = try validate(valid)
    #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
    #expect(ok.stdout.split(separator: "\n").allSatisfy { !$0.contains(" error ") })
    #expect(try validate([Self.bad("varoitukset.csv")]).status == 0)
    #expect(try validate(valid + [Self.bad("tyhja.csv")]).status == 1)
  }

  @Test("--kind reports a file of another kind")
  func kindMismatch() throws {
    let file = Self.inbox("valtuudet-VAL-20261121-01.xml")
    let result = try validate(["--kind", "claims", "--format", "json", file])
    #expect(result.status == 1)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let problem = try #require(
      ((json["files"] as? [[String: Any]])?.first?["problems"] as? [[String: Any]])?.first)
    #expect(problem["code"] as? String == "FILE_UNKNOWN_KIND")
    let en = (problem["message"] as? [String: String])?["en"] ?? ""
    #expect(en.contains("claims") && en.contains("mandates"), "\(en)")
    #expect(try validate(["--kind", "mandates", file]).status == 0)
  }

  @Test("no henkilötunnus in any output, text or JSON, for any sample")
  func privacy() throws {
    let files =
      Samples.files(under: Samples.inbox).map(Self.inbox)
      + Samples.files(under: Samples.bad).filter { $0 != "EXPECTED.md" }.map(Self.bad)
    for format in ["text", "json"] {
      let result = try validate(["--format", format] + files)
      #expect(result.status == 1)
      #expect(!result.stdout.isEmpty)
      #expect(!PrivacyFilter.containsIdentityCode(result.stdout), "\(format)")
      #expect(!PrivacyFilter.containsIdentityCode(result.stderr), "\(format)")
    }
    // A henkilötunnus in the file name itself is masked too.
    let sandbox = try Sandbox()
    let named = sandbox.root.appendingPathComponent("asiakas-150375-912V.csv")
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: Self.bad("kentat-virheelliset.csv")), to: named)
    let result = try sandbox.siirto(["validate", "--now", Sandbox.now, named.path])
    #expect(result.stdout.contains("asiakas-******-****.csv:2: error TYPE amount"))
    #expect(!PrivacyFilter.containsIdentityCode(result.stdout + result.stderr))
  }

  @Test("validate changes nothing on disk: not the files, not the data root")
  func readOnly() throws {
    let sandbox = try Sandbox()
    let copy = sandbox.root.appendingPathComponent("copy")
    try FileManager.default.copyItem(at: Samples.root, to: copy)
    func snapshot() throws -> [String: String] {
      var out: [String: String] = [:]
      for relative in Samples.files(under: sandbox.root) {
        let url = sandbox.root.appendingPathComponent(relative)
        let modified =
          try FileManager.default.attributesOfItem(atPath: url.path)[
            .modificationDate] as? Date
        let digest = SHA256.hash(data: try Data(contentsOf: url)).description
        out[relative] = "\(digest) \(modified?.timeIntervalSince1970 ?? 0)"
      }
      return out
    }
    let before = try snapshot()
    let files = Samples.files(under: copy).filter { $0.contains("/") && !$0.hasSuffix(".md") }
      .map { copy.appendingPathComponent($0).path }
    for format in ["text", "json"] {
      try sandbox.siirto(["validate", "--now", Sandbox.now, "--format", format] + files)
    }
    #expect(try snapshot() == before)
  }
}
