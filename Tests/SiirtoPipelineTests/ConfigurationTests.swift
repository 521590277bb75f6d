import Foundation
import Logging
import SiirtoCore
import SiirtoFormats
import Testing

@testable import SiirtoPipeline

/// A fresh, empty folder of its own; each test removes its own when done.
private func temporaryFolder() throws -> String {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("siirto-configuration-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url.path
}

/// The error that parsing `text` throws.
private func failure(_ text: String) -> ConfigurationError? {
  do {
    _ = try Configuration.parse(text, file: "test.toml")
    return nil
  } catch {
    return error
  }
}

/// The project's `schemas/` folder, from this file's place in the tree.
private let schemasFolder = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("schemas")

@Suite("Configuration defaults")
struct ConfigurationDefaultTests {
  @Test("with no file, a run uses the documented defaults")
  func noFile() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let configuration = try Configuration.load(path: nil, root: root)
    #expect(configuration == Configuration())
    #expect(configuration.file == nil)
    #expect(configuration.minAge == 60)
    #expect(configuration.maxFileSize == 4_294_967_296)
    #expect(configuration.timeZone.identifier == "Europe/Helsinki")
    #expect(configuration.massRemovalPercent == 10)
    #expect(configuration.massRemovalMinimum == 5)
    #expect(configuration.expiryWarningDays == 30)
    #expect(configuration.requiredMatters[.KUNTA] == [.kelmuEtuustiedot])
    #expect(configuration.requiredMatters[.KUNTAYHTYMA] == [.kelmuEtuustiedot])
    #expect(configuration.requiredMatters[.HYVINVOINTIALUE] == [.kelmuEtuustiedot])
    #expect(configuration.requiredMatters[.MUU, default: []].isEmpty)
    #expect(configuration.rejectionPercent == 50)
    #expect(configuration.rejectionMinimum == 10)
    #expect(configuration.archiveRetentionDays == 400)
    #expect(configuration.reportRetentionDays == 400)
    #expect(configuration.logLevel == .warning)
  }

  @Test("the defaults give the domain's own default settings")
  func domainDefaults() {
    #expect(Configuration().domainSettings(allowMassRemoval: false) == DomainSettings())
    var expected = DomainSettings()
    expected.allowMassRemoval = true
    #expect(Configuration().domainSettings(allowMassRemoval: true) == expected)
  }

  @Test("an empty file is the defaults")
  func emptyFile() throws {
    var configuration = try Configuration.parse("# nothing\n", file: "empty.toml")
    #expect(configuration.file == "empty.toml")
    configuration.file = nil
    #expect(configuration == Configuration())
  }

  @Test("the sample configuration states exactly the defaults")
  func sampleIsDefaults() throws {
    let path = schemasFolder.appendingPathComponent("siirto.sample.toml").path
    var sample = try Configuration.load(path: path, root: "/nonexistent")
    #expect(sample.file == path)
    sample.file = nil
    #expect(sample == Configuration())
  }

  @Test("the sample names every setting there is")
  func sampleIsComplete() throws {
    let text = try String(
      contentsOf: schemasFolder.appendingPathComponent("siirto.sample.toml"), encoding: .utf8)
    // Each line of the canonical form is a setting; its last key part must
    // be assigned in the sample.
    for line in Configuration().canonicalText.split(separator: "\n") {
      let key = line.split(separator: " ").first!.split(separator: ".").last!
      #expect(text.contains("\n\(key) = "), "the sample lacks \(line)")
    }
  }

  @Test("the binary carries the sample as shipped")
  func sampleIsEmbedded() throws {
    let text = try String(
      contentsOf: schemasFolder.appendingPathComponent("siirto.sample.toml"), encoding: .utf8)
    let embedded = try #require(Schemas.text(named: "siirto.sample.toml"))
    #expect(embedded == text)
  }
}

@Suite("Configuration file lookup")
struct ConfigurationLookupTests {
  @Test("<root>/siirto.toml is read when there is no --config")
  func rootFile() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let path = root + "/siirto.toml"
    try "min_age = 5\n".write(toFile: path, atomically: true, encoding: .utf8)
    let configuration = try Configuration.load(path: nil, root: root)
    #expect(configuration.minAge == 5)
    #expect(configuration.file == path)
  }

  @Test("--config wins over <root>/siirto.toml")
  func explicitFile() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try "min_age = 5\n".write(toFile: root + "/siirto.toml", atomically: true, encoding: .utf8)
    let explicit = root + "/other.toml"
    try "min_age = 7\n".write(toFile: explicit, atomically: true, encoding: .utf8)
    #expect(try Configuration.load(path: explicit, root: root).minAge == 7)
  }

  @Test("a missing --config file is an error, not the defaults")
  func missingExplicitFile() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let error = #expect(throws: ConfigurationError.self) {
      try Configuration.load(path: root + "/nope.toml", root: root)
    }
    #expect(error?.kind == .unreadable)
    #expect(error?.file == root + "/nope.toml")
  }

  @Test("a dangling link at <root>/siirto.toml is an error, not the defaults")
  func danglingLink() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createSymbolicLink(
      atPath: root + "/siirto.toml", withDestinationPath: root + "/gone.toml")
    let error = #expect(throws: ConfigurationError.self) {
      try Configuration.load(path: nil, root: root)
    }
    #expect(error?.kind == .unreadable)
  }

  @Test("a folder or non-UTF-8 bytes are unreadable")
  func notAFile() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(
      atPath: root + "/siirto.toml", withIntermediateDirectories: false)
    #expect(throws: ConfigurationError.self) { try Configuration.load(path: nil, root: root) }
    let binary = root + "/latin1.toml"
    try Data([0x23, 0x20, 0xE4, 0x0A]).write(to: URL(fileURLWithPath: binary))
    let error = #expect(throws: ConfigurationError.self) {
      try Configuration.load(path: binary, root: root)
    }
    #expect(error?.kind == .unreadable)
  }
}

@Suite("Configuration errors")
struct ConfigurationErrorTests {
  @Test("an unknown key is named, with its line and the key it was likely meant to be")
  func unknownKey() throws {
    let error = try #require(failure("min_age = 60\nmin_agee = 5\n"))
    #expect(error.kind == .unknownKey)
    #expect(error.key == "min_agee")
    #expect(error.line == 2)
    #expect(error.message.contains("did you mean min_age?"))
    #expect(error.description == "test.toml:2: error: \(error.message)")
  }

  @Test("an unknown key inside a table is named with its table")
  func unknownNestedKey() throws {
    let text = "# comment\n\n[mass_removal]\npercent = 10\nprecent = 20\n"
    let error = try #require(failure(text))
    #expect(error.kind == .unknownKey)
    #expect(error.key == "mass_removal.precent")
    #expect(error.line == 5)
    #expect(error.message.contains("did you mean mass_removal.percent?"))
  }

  @Test("an unknown table is named, and far-off names list the known keys")
  func unknownTable() throws {
    let error = try #require(failure("min_age = 1\n\n[retension]\narchive_days = 3\n"))
    #expect(error.key == "retension")
    #expect(error.line == 3)
    let far = try #require(failure("[retention]\nkeep_forever = 1\n"))
    #expect(far.key == "retention.keep_forever")
    #expect(far.message.contains("archive_days, reports_days"))
  }

  @Test("an unknown organisation type is an unknown key")
  func unknownOrganisationType() throws {
    let error = try #require(failure("[required_matters]\nKUNTAA = []\n"))
    #expect(error.kind == .unknownKey)
    #expect(error.key == "required_matters.KUNTAA")
    #expect(error.line == 2)
  }

  @Test("dotted and quoted keys are found on their lines")
  func dottedKeys() throws {
    let text = """
      mass_removal.percent = 10
      "mass_removal"."minimun" = 5
      """
    let error = try #require(failure(text))
    #expect(error.key == "mass_removal.minimun")
    #expect(error.line == 2)
  }

  @Test("a quoted key with a dot is one key, and is quoted in the message")
  func quotedDot() throws {
    let error = try #require(failure("\u{FEFF}\"min.age\" = 1\n"))
    #expect(error.kind == .unknownKey)
    #expect(error.key == "\"min.age\"")
    #expect(error.line == 1)
  }

  @Test("Windows line ends and spaced headers keep their lines")
  func crlf() throws {
    let error = try #require(failure("min_age = 1\r\n[ retention ] # kept\r\n reports  = 2\r\n"))
    #expect(error.key == "retention.reports")
    #expect(error.line == 3)
    #expect(error.message.contains("did you mean retention.reports_days?"))
  }

  @Test("lines are counted through multi-line arrays and strings")
  func multiLineValues() throws {
    let text = """
      [required_matters]
      KUNTA = [
        "kelmu-etuustiedot-maksuvaatimukset", # the one Kela requires
        "kelmu-tmt-aineistot",
      ]
      [retention]
      archive_days = 400
      # reports_days = [ is only a comment
      note = '''
      a "string" with [brackets] = and
      key = value lines'''
      """
    let error = try #require(failure(text))
    #expect(error.key == "retention.note")
    #expect(error.line == 9)
  }

  @Test("the line scanner follows strings, arrays and comments that look like keys")
  func scanner() {
    let text = #"""
      # [commented] = 1
      top = "a # not a comment" # a comment
      [t]
      multi = """
      fake = 1
      [fake]
      """
      list = [
        { inner = 1 },  # ]
        "]",
      ]
      'quoted key' = 1
      [[arr]]
      after = 2
      """#
    let lines = KeyLines(text: text)
    #expect(lines.line(of: ["top"]) == 2)
    #expect(lines.line(of: ["t"]) == 3)
    #expect(lines.line(of: ["t", "multi"]) == 4)
    #expect(lines.line(of: ["t", "fake"]) == 3)
    #expect(lines.line(of: ["fake"]) == nil)
    #expect(lines.line(of: ["commented"]) == nil)
    #expect(lines.line(of: ["t", "list", "inner"]) == 8)
    #expect(lines.line(of: ["t", "quoted key"]) == 12)
    #expect(lines.line(of: ["arr", "after"]) == 14)
  }

  @Test("a key inside an inline table resolves to the line of the table")
  func inlineTable() throws {
    let error = try #require(failure("min_age = 1\nmass_removal = { percent = 10, extra = 1 }\n"))
    #expect(error.key == "mass_removal.extra")
    #expect(error.line == 2)
  }

  @Test("a wrong type is named with what was expected")
  func wrongType() throws {
    let error = try #require(failure("min_age = \"60\"\n"))
    #expect(error.kind == .wrongType)
    #expect(error.key == "min_age")
    #expect(error.line == 1)
    #expect(error.message == "min_age is a string, expected an integer")
    let float = try #require(failure("\n[retention]\nreports_days = 400.0\n"))
    #expect(float.kind == .wrongType)
    #expect(float.key == "retention.reports_days")
    #expect(float.line == 3)
  }

  @Test("a value where a table belongs, and a table where a value belongs, are wrong types")
  func tableMismatch() throws {
    let value = try #require(failure("mass_removal = 5\n"))
    #expect(value.kind == .wrongType)
    #expect(value.key == "mass_removal")
    #expect(value.message.contains("expected a table"))
    let table = try #require(failure("[timezone]\nname = \"UTC\"\n"))
    #expect(table.kind == .wrongType)
    #expect(table.key == "timezone")
  }

  @Test("a matter that is not a string is a wrong type")
  func matterType() throws {
    let error = try #require(failure("[required_matters]\nKUNTA = [1]\n"))
    #expect(error.kind == .wrongType)
    #expect(error.key == "required_matters.KUNTA")
    #expect(error.message.contains("KUNTA[0] is an integer"))
  }

  @Test("an unknown mandate matter, or the guardian's, is an invalid value")
  func unknownMatter() throws {
    let error = try #require(failure("[required_matters]\nKUNTA = [\"kelmu\"]\n"))
    #expect(error.kind == .invalidValue)
    #expect(error.key == "required_matters.KUNTA")
    let guardian = try #require(failure("[required_matters]\nMUU = [\"huoltajuus\"]\n"))
    #expect(guardian.kind == .invalidValue)
  }

  @Test("an unknown time zone is an invalid value")
  func badTimeZone() throws {
    let error = try #require(failure("timezone = \"Europe/Helsingfors\"\n"))
    #expect(error.kind == .invalidValue)
    #expect(error.key == "timezone")
    #expect(error.line == 1)
    #expect(error.message.contains("Europe/Helsingfors"))
    #expect(failure("timezone = \"\"\n")?.key == "timezone")
    // Zone names are case-sensitive, as in the tz database.
    #expect(failure("timezone = \"europe/helsinki\"\n")?.key == "timezone")
  }

  @Test("UTC is a known zone")
  func utc() throws {
    let configuration = try Configuration.parse("timezone = \"UTC\"\n", file: "utc.toml")
    #expect(configuration.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 0)) == 0)
    #expect(
      configuration.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 15_000_000)) == 0)
  }

  @Test("an unknown log level is an invalid value")
  func badLogLevel() throws {
    let error = try #require(failure("log_level = \"verbose\"\n"))
    #expect(error.kind == .invalidValue)
    #expect(error.key == "log_level")
  }

  @Test(
    "out-of-range numbers are invalid values",
    arguments: [
      "min_age = -1", "max_file_size = 0", "[mass_removal]\npercent = 101",
      "[mass_removal]\nminimum = -1", "[mandate_expiry]\nwarning_days = -1",
      "[record_rejection]\npercent = -5", "[record_rejection]\nminimum = -1",
      "[retention]\narchive_days = 0", "[retention]\nreports_days = 0",
    ])
  func outOfRange(text: String) throws {
    let error = try #require(failure(text + "\n"))
    #expect(error.kind == .invalidValue)
    #expect(error.line == text.split(separator: "\n").count)
  }

  @Test("a syntax error carries its line")
  func syntax() throws {
    let error = try #require(failure("min_age = 60\nmax_file_size = = 3\n"))
    #expect(error.kind == .syntax)
    #expect(error.key == nil)
    #expect(error.line == 2)
    let nul = try #require(failure("min_age = 60\n# \0 after\nmin_agee = 1\n"))
    #expect(nul.kind == .syntax)
    #expect(nul.line == 2)
  }

  @Test("of several problems, the one on the earliest line is reported")
  func earliestFirst() throws {
    let text = "timezone = \"Nowhere\"\n[retention]\nzzz = 1\n[mass_removal]\naaa = 2\n"
    let error = try #require(failure(text))
    #expect(error.key == "timezone")
    let later = try #require(failure("[retention]\nzzz = 1\n[mass_removal]\naaa = 2\n"))
    #expect(later.key == "retention.zzz")
  }
}

@Suite("Configuration settings")
struct ConfigurationSettingTests {
  static let everything = """
    min_age = 0
    max_file_size = 1048576
    timezone = "Europe/Stockholm"
    log_level = "debug"

    [mass_removal]
    percent = 20
    minimum = 3

    [mandate_expiry]
    warning_days = 14

    [required_matters]
    KUNTA = ["kelmu-etuustiedot-maksuvaatimukset", "kelmu-tmt-aineistot"]
    KUNTAYHTYMA = []
    HYVINVOINTIALUE = ["kela-ajanvaraus", "kela-ajanvaraus"]
    MUU = ["kelmu-tmt-aineistot"]

    [record_rejection]
    percent = 25
    minimum = 2

    [retention]
    archive_days = 30
    reports_days = 3650
    """

  @Test("every setting is read")
  func everySetting() throws {
    let configuration = try Configuration.parse(Self.everything, file: "all.toml")
    #expect(configuration.minAge == 0)
    #expect(configuration.maxFileSize == 1_048_576)
    #expect(configuration.timeZone.identifier == "Europe/Stockholm")
    #expect(configuration.logLevel == .debug)
    #expect(configuration.massRemovalPercent == 20)
    #expect(configuration.massRemovalMinimum == 3)
    #expect(configuration.expiryWarningDays == 14)
    #expect(configuration.requiredMatters[.KUNTA] == [.kelmuEtuustiedot, .kelmuTMT])
    #expect(configuration.requiredMatters[.KUNTAYHTYMA] == nil)
    #expect(configuration.requiredMatters[.HYVINVOINTIALUE] == [.ajanvaraus])
    #expect(configuration.requiredMatters[.MUU] == [.kelmuTMT])
    #expect(configuration.rejectionPercent == 25)
    #expect(configuration.rejectionMinimum == 2)
    #expect(configuration.archiveRetentionDays == 30)
    #expect(configuration.reportRetentionDays == 3650)
  }

  @Test("the domain settings carry what was read")
  func domainSettings() throws {
    let settings = try Configuration.parse(Self.everything, file: "all.toml")
      .domainSettings(allowMassRemoval: true)
    #expect(settings.massRemovalPercent == 20)
    #expect(settings.massRemovalMinimum == 3)
    #expect(settings.allowMassRemoval)
    #expect(settings.expiryWarningDays == 14)
    #expect(
      settings.requiredMatters == [
        .KUNTA: ["kelmu-etuustiedot-maksuvaatimukset", "kelmu-tmt-aineistot"],
        .HYVINVOINTIALUE: ["kela-ajanvaraus"],
        .MUU: ["kelmu-tmt-aineistot"],
      ])
    #expect(settings.rejectionPercent == 25)
    #expect(settings.rejectionMinimum == 2)
  }

  @Test("a key left out keeps its default, also inside a table")
  func partialTable() throws {
    let configuration = try Configuration.parse(
      "[mass_removal]\nminimum = 8\n[required_matters]\nKUNTA = []\n", file: "part.toml")
    #expect(configuration.massRemovalMinimum == 8)
    #expect(configuration.massRemovalPercent == 10)
    #expect(configuration.requiredMatters[.KUNTA] == nil)
    #expect(configuration.requiredMatters[.KUNTAYHTYMA] == [.kelmuEtuustiedot])
  }
}

@Suite("Configuration digest")
struct ConfigurationDigestTests {
  @Test("the digest is the SHA-256 of the canonical text, stable for the defaults")
  func defaults() {
    let digest = Configuration().digest
    #expect(digest.count == 64)
    #expect(digest.allSatisfy { "0123456789abcdef".contains($0) })
    #expect(digest == Configuration().digest)
    #expect(
      Configuration().canonicalText == """
        mandate_expiry.warning_days = 30
        mass_removal.minimum = 5
        mass_removal.percent = 10
        max_file_size = 4294967296
        min_age = 60
        record_rejection.minimum = 10
        record_rejection.percent = 50
        required_matters.HYVINVOINTIALUE = ["kelmu-etuustiedot-maksuvaatimukset"]
        required_matters.KUNTA = ["kelmu-etuustiedot-maksuvaatimukset"]
        required_matters.KUNTAYHTYMA = ["kelmu-etuustiedot-maksuvaatimukset"]
        required_matters.MUU = []
        retention.archive_days = 400
        retention.reports_days = 400
        timezone = "Europe/Helsinki"

        """)
  }

  @Test("a setting that changes outputs changes the digest; the log level does not")
  func sensitivity() {
    var changed = Configuration()
    changed.minAge = 0
    #expect(changed.digest != Configuration().digest)
    var louder = Configuration()
    louder.logLevel = .debug
    louder.file = "/etc/siirto.toml"
    #expect(louder.digest == Configuration().digest)
    var empty = Configuration()
    empty.requiredMatters[.MUU] = []
    #expect(empty.digest == Configuration().digest)
  }

  @Test("the canonical text is itself a configuration with the same settings")
  func roundTrip() throws {
    let original = try Configuration.parse(ConfigurationSettingTests.everything, file: "a.toml")
    let again = try Configuration.parse(original.canonicalText, file: "b.toml")
    #expect(again.digest == original.digest)
    #expect(again.canonicalText == original.canonicalText)
  }
}
