import Crypto
import Foundation
import Logging
import SiirtoCore

/// The settings of an installation (operations.md, "Configuration").
///
/// Every setting has a default, so an installation needs no file to start:
/// `Configuration()` is what a run uses when there is no `siirto.toml`.
/// Command-line options that override a setting (`--min-age`, `--log-level`)
/// are applied by assigning the property after loading, so that ``digest``
/// describes what the run actually used.
public struct Configuration: Sendable, Equatable {
  /// `min_age`: a file is picked up only once it was last modified at least
  /// this many seconds ago by the real clock.
  public var minAge: Int = 60
  /// `max_file_size`: larger files are rejected with `FILE_TOO_LARGE` unread.
  public var maxFileSize: Int = 4 * 1024 * 1024 * 1024
  /// `timezone`: the zone of the run's business date (archive folders,
  /// mandate ends, expiry warnings).
  public var timeZone: TimeZone = Configuration.defaultTimeZone
  /// `mass_removal.percent`: a register snapshot may end at most this share
  /// of the active public organisations…
  public var massRemovalPercent: Int = 10
  /// `mass_removal.minimum`: …or at most this many, whichever allows more.
  public var massRemovalMinimum: Int = 5
  /// `mandate_expiry.warning_days`: `MANDATE_EXPIRING` is sent for mandates
  /// ending within the run's date + this many days.
  public var expiryWarningDays: Int = 30
  /// `required_matters.<TYPE>`: the mandate matters an organisation of each
  /// type must have someone authorised for. A type that requires nothing is
  /// absent (loading drops `TYPE = []`), so equal settings compare equal.
  public var requiredMatters: [OrganisationType: [MandateMatter]] = [
    .KUNTA: [.kelmuEtuustiedot],
    .KUNTAYHTYMA: [.kelmuEtuustiedot],
    .HYVINVOINTIALUE: [.kelmuEtuustiedot],
  ]
  /// `record_rejection.percent`: a file is rejected whole
  /// (`FILE_TOO_MANY_ERRORS`) when more than this share of its records…
  public var rejectionPercent: Int = 50
  /// `record_rejection.minimum`: …and at least this many are rejected.
  public var rejectionMinimum: Int = 10
  /// `retention.archive_days`: archived and rejected input files older than
  /// this many days may be pruned.
  public var archiveRetentionDays: Int = 400
  /// `retention.reports_days`: per-run reports older than this many days may
  /// be pruned.
  public var reportRetentionDays: Int = 400
  /// `log_level`: the lowest level written to stderr.
  public var logLevel: Logger.Level = .warning
  /// The file the settings were read from; `nil` when they are the defaults.
  public var file: String?

  /// The defaults.
  public init() {}

  /// `Europe/Helsinki`, the zone of Kela's business days.
  public static let defaultTimeZone = TimeZone(identifier: "Europe/Helsinki")!

  /// The settings the domain rules read, with `--allow-mass-removal` for
  /// this run.
  public func domainSettings(allowMassRemoval: Bool) -> DomainSettings {
    var settings = DomainSettings()
    settings.massRemovalPercent = massRemovalPercent
    settings.massRemovalMinimum = massRemovalMinimum
    settings.allowMassRemoval = allowMassRemoval
    settings.expiryWarningDays = expiryWarningDays
    // A type with nothing required is left out, as the domain's own default does.
    settings.requiredMatters =
      requiredMatters.filter { !$0.value.isEmpty }
      .mapValues { $0.map(\.rawValue) }
    settings.rejectionPercent = rejectionPercent
    settings.rejectionMinimum = rejectionMinimum
    return settings
  }

  /// The effective settings as TOML with dotted keys, one per line, sorted by
  /// key: the text ``digest`` is taken of, and a valid configuration file of
  /// its own.
  ///
  /// `log_level` is left out because it changes no output: two runs that
  /// differ only in verbosity did the same thing and have the same digest.
  /// Every organisation type is listed, an empty one as `[]`, so that leaving
  /// a type out and writing it empty digest the same.
  public var canonicalText: String {
    var lines = [
      "mandate_expiry.warning_days = \(expiryWarningDays)",
      "mass_removal.minimum = \(massRemovalMinimum)",
      "mass_removal.percent = \(massRemovalPercent)",
      "max_file_size = \(maxFileSize)",
      "min_age = \(minAge)",
      "record_rejection.minimum = \(rejectionMinimum)",
      "record_rejection.percent = \(rejectionPercent)",
      "retention.archive_days = \(archiveRetentionDays)",
      "retention.reports_days = \(reportRetentionDays)",
      "timezone = \(tomlString(timeZone.identifier))",
    ]
    for type in OrganisationType.allCases {
      let matters = (requiredMatters[type] ?? []).map { tomlString($0.rawValue) }
      lines.append("required_matters.\(type.rawValue) = [\(matters.joined(separator: ", "))]")
    }
    return lines.sorted().joined(separator: "\n") + "\n"
  }

  /// The SHA-256 of ``canonicalText``, in lowercase hex: reports name it so
  /// an auditor can tell whether two runs used the same settings.
  public var digest: String {
    SHA256.hash(data: Data(canonicalText.utf8)).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }
}

/// A TOML basic string. The values written are zone identifiers and matter
/// names, but escaping keeps the canonical text valid TOML whatever they hold.
private func tomlString(_ value: String) -> String {
  var out = "\""
  for scalar in value.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case _ where scalar.value < 0x20 || scalar.value == 0x7F:
      let hex = String(scalar.value, radix: 16, uppercase: true)
      out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}
