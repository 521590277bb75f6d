import Foundation
import Logging
import SiirtoCore
import TOMLKit

extension Configuration {
  /// The name of the configuration file looked for in the data root.
  public static let fileName = "siirto.toml"

  /// The configuration of a run: the file `path` (`--config`) if given, else
  /// `<root>/siirto.toml` if there is one, else the defaults.
  ///
  /// An explicit path must exist. Anything at `<root>/siirto.toml`, even a
  /// dangling link or a folder, is taken as meant to be the configuration and
  /// must be readable, so a broken installation is not quietly run on the
  /// defaults.
  public static func load(path: String?, root: String) throws(ConfigurationError) -> Configuration {
    if let path { return try load(file: path) }
    let candidate = URL(fileURLWithPath: root).appendingPathComponent(fileName).path
    // attributesOfItem does not follow a final symbolic link, so a dangling
    // link counts as present.
    guard (try? FileManager.default.attributesOfItem(atPath: candidate)) != nil else {
      return Configuration()
    }
    return try load(file: candidate)
  }

  /// The configuration in the file at `file`.
  public static func load(file: String) throws(ConfigurationError) -> Configuration {
    func unreadable(_ why: String) -> ConfigurationError {
      ConfigurationError(kind: .unreadable, file: file, key: nil, line: nil, message: why)
    }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else {
      throw unreadable("the configuration file does not exist")
    }
    guard !isFolder.boolValue else { throw unreadable("the configuration file is a folder") }
    guard let data = FileManager.default.contents(atPath: file) else {
      throw unreadable("the configuration file cannot be read (permissions?)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw unreadable("the configuration file is not UTF-8 text")
    }
    return try parse(text, file: file)
  }

  /// The configuration in `text`; `file` names it in errors and becomes
  /// ``file``.
  ///
  /// Every key absent from the text keeps its default. All problems are
  /// looked for; the one on the earliest line is thrown.
  public static func parse(_ text: String, file: String) throws(ConfigurationError) -> Configuration
  {
    // TOMLKit hands the text to C++ as a C string, which would end at a NUL
    // and silently drop the rest.
    if let nul = text.unicodeScalars.firstIndex(of: "\0") {
      let line = text.unicodeScalars[..<nul].filter { $0 == "\n" }.count + 1
      throw ConfigurationError(
        kind: .syntax, file: file, key: nil, line: line,
        message: "not valid TOML: the text contains a NUL character")
    }
    let document: TOMLTable
    do {
      document = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw ConfigurationError(
        kind: .syntax, file: file, key: nil, line: error.source.begin.line,
        message: "not valid TOML: \(error.description)")
    } catch {
      throw ConfigurationError(
        kind: .syntax, file: file, key: nil, line: nil, message: "not valid TOML: \(error)")
    }
    var reader = Reader(file: file, lines: KeyLines(text: text))
    reader.read(document, at: [])
    if let first = reader.problems.min(by: { ($0.line ?? .max) < ($1.line ?? .max) }) {
      throw first
    }
    reader.configuration.file = file
    return reader.configuration
  }
}

/// One key of the file and what its value does to the configuration.
private struct Setting: Sendable {
  var path: [String]
  var type: ValueType
  /// Applies a value of `type`; returns what is wrong with it, if anything.
  var apply: @Sendable (inout Configuration, TOMLValueConvertible) -> Problem?

  typealias Problem = (kind: ConfigurationError.Kind, message: String)

  /// The TOML types settings have (TOMLKit's own type is not `Sendable`).
  enum ValueType: Sendable {
    case integer, string, array

    func matches(_ type: TOMLType) -> Bool {
      switch self {
      case .integer: type == .int
      case .string: type == .string
      case .array: type == .array
      }
    }

    var name: String {
      switch self {
      case .integer: "an integer"
      case .string: "a string"
      case .array: "an array"
      }
    }
  }

  static func integer(
    _ key: String, _ range: ClosedRange<Int>,
    _ property: WritableKeyPath<Configuration, Int> & Sendable
  ) -> Setting {
    let path = key.split(separator: ".").map(String.init)
    return Setting(path: path, type: .integer) { configuration, value in
      let number = value.int!
      guard range.contains(number) else {
        let allowed =
          range.upperBound == .max
          ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
        return (.invalidValue, "\(key) must be \(allowed), not \(number)")
      }
      configuration[keyPath: property] = number
      return nil
    }
  }

  static func string(
    _ key: String, _ apply: @escaping @Sendable (inout Configuration, String) -> String?
  )
    -> Setting
  {
    Setting(path: [key], type: .string) { configuration, value in
      apply(&configuration, value.string!).map { (.invalidValue, $0) }
    }
  }

  static func requiredMatters(_ type: OrganisationType) -> Setting {
    let key = "required_matters.\(type.rawValue)"
    return Setting(path: ["required_matters", type.rawValue], type: .array) {
      configuration, value in
      var matters: [MandateMatter] = []
      for (index, element) in value.array!.enumerated() {
        guard let name = element.string else {
          return (.wrongType, "\(key)[\(index)] is \(article(element.type)), expected a string")
        }
        guard let matter = MandateMatter(rawValue: name) else {
          let known = MandateMatter.allCases.filter { $0 != .huoltajuus }.map(\.rawValue)
          return (
            .invalidValue,
            "\(key): unknown mandate matter \"\(name)\" (known: \(known.joined(separator: ", ")))"
          )
        }
        guard matter != .huoltajuus else {
          return (
            .invalidValue,
            "\(key): huoltajuus is a guardian's matter between persons; "
              + "an organisation cannot be required to have it"
          )
        }
        // A matter named twice is still one requirement.
        if !matters.contains(matter) { matters.append(matter) }
      }
      configuration.requiredMatters[type] = matters.isEmpty ? nil : matters
      return nil
    }
  }

  static let all: [Setting] =
    [
      .integer("min_age", 0...Int.max, \.minAge),
      .integer("max_file_size", 1...Int.max, \.maxFileSize),
      .string("timezone") { configuration, name in
        guard let zone = TimeZone(identifier: name) else {
          return "timezone: unknown time zone \"\(name)\" (an IANA name such as Europe/Helsinki)"
        }
        configuration.timeZone = zone
        return nil
      },
      .string("log_level") { configuration, name in
        guard let level = Logger.Level(rawValue: name) else {
          let known = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
          return "log_level: unknown level \"\(name)\" (one of \(known))"
        }
        configuration.logLevel = level
        return nil
      },
      .integer("mass_removal.percent", 0...100, \.massRemovalPercent),
      .integer("mass_removal.minimum", 0...Int.max, \.massRemovalMinimum),
      .integer("mandate_expiry.warning_days", 0...Int.max, \.expiryWarningDays),
      .integer("record_rejection.percent", 0...100, \.rejectionPercent),
      .integer("record_rejection.minimum", 0...Int.max, \.rejectionMinimum),
      .integer("retention.archive_days", 1...Int.max, \.archiveRetentionDays),
      .integer("retention.reports_days", 1...Int.max, \.reportRetentionDays),
    ] + OrganisationType.allCases.map(requiredMatters)
}

/// Walks the parsed document against the known settings.
private struct Reader {
  let file: String
  let lines: KeyLines
  var configuration = Configuration()
  var problems: [ConfigurationError] = []

  private static let settings = Dictionary(uniqueKeysWithValues: Setting.all.map { ($0.path, $0) })
  /// The tables that hold settings, with the keys each may contain.
  private static let tables: [[String]: Set<String>] = {
    var tables: [[String]: Set<String>] = [[]: []]
    for setting in Setting.all {
      for length in 0..<setting.path.count {
        tables[Array(setting.path.prefix(length)), default: []].insert(setting.path[length])
      }
    }
    return tables
  }()

  mutating func read(_ table: TOMLTable, at path: [String]) {
    for key in table.keys {
      let keyPath = path + [key]
      let value = table[key]!
      if let setting = Self.settings[keyPath] {
        guard setting.type.matches(value.type) else {
          report(
            .wrongType, keyPath,
            "\(dotted(keyPath)) is \(article(value.type)), expected \(setting.type.name)")
          continue
        }
        if let problem = setting.apply(&configuration, value) {
          report(problem.kind, keyPath, problem.message)
        }
      } else if Self.tables[keyPath] != nil {
        guard let inner = value.table else {
          report(
            .wrongType, keyPath, "\(dotted(keyPath)) is \(article(value.type)), expected a table")
          continue
        }
        read(inner, at: keyPath)
      } else {
        report(.unknownKey, keyPath, unknownKeyMessage(keyPath))
      }
    }
  }

  private mutating func report(
    _ kind: ConfigurationError.Kind, _ path: [String], _ message: String
  ) {
    problems.append(
      ConfigurationError(
        kind: kind, file: file, key: dotted(path), line: lines.line(of: path), message: message))
  }

  /// Names the key and, since the usual cause is a typo, the known key it is
  /// closest to, or else the keys that belong there.
  private func unknownKeyMessage(_ path: [String]) -> String {
    let parent = Array(path.dropLast())
    let known = (Self.tables[parent] ?? []).sorted()
    let key = path.last!
    let place = parent.isEmpty ? "" : " in [\(dotted(parent))]"
    // Near: a few letters off, or the start or the whole of a longer key
    // (`reports` for `reports_days`).
    let near = known.filter { candidate in
      let (a, b) = (key.lowercased(), candidate.lowercased())
      return distance(a, b) <= max(2, b.count / 3)
        || (!a.isEmpty && (a.hasPrefix(b) || b.hasPrefix(a)))
    }
    if let nearest = near.min(by: { distance(key, $0) < distance(key, $1) }) {
      return "unknown key \(dotted(path)) (did you mean \(dotted(parent + [nearest]))?)"
    }
    return "unknown key \(dotted(path)) (known keys\(place): \(known.joined(separator: ", ")))"
  }
}

/// A key path as TOML writes it, quoting the parts that are not bare keys.
private func dotted(_ path: [String]) -> String {
  path.map { part in
    let bare =
      !part.isEmpty
      && part.unicodeScalars.allSatisfy {
        ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0)
          || $0 == "_" || $0 == "-"
      }
    return bare ? part : "\"" + part.replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }.joined(separator: ".")
}

/// "an integer", "a string", "a table"…
private func article(_ type: TOMLType) -> String {
  let name = type == .bool ? "boolean" : type.description
  return (name.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + name
}

/// The edit distance between two keys, case-insensitively (`KUNTA`, `kunta`).
private func distance(_ a: String, _ b: String) -> Int {
  let a = Array(a.lowercased().unicodeScalars)
  let b = Array(b.lowercased().unicodeScalars)
  var previous = Array(0...b.count)
  for (i, x) in a.enumerated() {
    var current = [i + 1]
    for (j, y) in b.enumerated() {
      current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
    }
    previous = current
  }
  return previous[b.count]
}
