import Foundation

/// The organisation types of the partner register.
public enum OrganisationType: String, Sendable, CaseIterable, Codable {
  case KUNTA, KUNTAYHTYMA, HYVINVOINTIALUE, MUU

  /// The three public types that the national snapshot lists.
  public static let snapshotTypes: Set<OrganisationType> = [.KUNTA, .KUNTAYHTYMA, .HYVINVOINTIALUE]
}

/// Settings the domain rules read (from the configuration file).
public struct DomainSettings: Sendable, Hashable {
  /// A snapshot may end at most this share (percent) of the active public organisations…
  public var massRemovalPercent: Int = 10
  /// …or at most this many, whichever allows more.
  public var massRemovalMinimum: Int = 5
  /// `--allow-mass-removal` for this run.
  public var allowMassRemoval: Bool = false
  /// `MANDATE_EXPIRING` window in days (the run's date + N, both included).
  public var expiryWarningDays: Int = 30
  /// Mandate matters an organisation of each type must have someone for.
  public var requiredMatters: [OrganisationType: [String]] = [
    .KUNTA: ["kelmu-etuustiedot-maksuvaatimukset"],
    .KUNTAYHTYMA: ["kelmu-etuustiedot-maksuvaatimukset"],
    .HYVINVOINTIALUE: ["kelmu-etuustiedot-maksuvaatimukset"],
  ]
  /// A file is rejected whole when more than this share (percent) of its records…
  public var rejectionPercent: Int = 50
  /// …and at least this many are rejected (`FILE_TOO_MANY_ERRORS`).
  public var rejectionMinimum: Int = 10

  public init() {}
}

/// What one file's processing knows of the run and the file.
public struct RunContext: Sendable {
  public var runID: String
  /// The run's clock (`--now`, else the real time).
  public var now: Timestamp
  /// The calendar date of `now` in `timeZone`.
  public var runDate: LocalDate
  public var timeZone: TimeZone
  /// Who dropped the file.
  public var sender: Sender
  /// The ledger ID of the file (nil in `siirto validate`).
  public var fileID: Int64?
  public var settings: DomainSettings
  /// The SHA-256 (hex) of the file's content: `EXPORT_ID_REUSED` compares it.
  public var fileSHA256: String?
  /// Names an employee whom no mandate export named (nil in `siirto validate`).
  public var pseudonymizer: Pseudonymizer?

  public init(
    runID: String, now: Timestamp, timeZone: TimeZone, sender: Sender, fileID: Int64?,
    settings: DomainSettings, fileSHA256: String? = nil, pseudonymizer: Pseudonymizer? = nil
  ) {
    self.runID = runID
    self.now = now
    self.runDate = now.localDate(in: timeZone)
    self.timeZone = timeZone
    self.sender = sender
    self.fileID = fileID
    self.settings = settings
    self.fileSHA256 = fileSHA256
    self.pseudonymizer = pseudonymizer
  }
}

/// Each data record ends as exactly one of these (inputs.md, "Counts in a receipt").
public enum Disposition: String, Sendable, Codable {
  /// Applied, possibly with warnings.
  case accepted
  /// At least one error.
  case rejected
  /// Changed nothing because of an info rule.
  case ignored
}

/// The verdict on one record and the problems behind it, in rule order.
public struct RecordOutcome: Sendable {
  public var disposition: Disposition
  public var problems: [Problem]

  public init(disposition: Disposition, problems: [Problem]) {
    self.disposition = disposition
    self.problems = problems
  }
}

/// One kind's rules for one file: the pipeline feeds it the header, then each
/// record in file order, then asks it to finish. With a state it applies what
/// it accepts (inside the run's transaction; the pipeline rolls the file back
/// if the file is rejected as a whole); without one (`siirto validate`) it only
/// checks what needs no state.
public protocol RecordProcessor {
  /// File-level checks on the header (`EXPORT_ID_REUSED`, a bad `snapshotDate`).
  /// An error rejects the file.
  mutating func begin(_ header: FileHeader) throws -> [Problem]
  /// Checks one record (and applies it when accepted). A record that no
  /// ``RecordPreparer`` prepared is prepared here first.
  mutating func process(_ record: PreparedRecord) throws -> RecordOutcome
  /// Whole-file rules after the last record (the register snapshot's diff and
  /// mass-removal guard). An error rejects the file.
  mutating func finish() throws -> [Problem]
}

extension RecordProcessor {
  /// Prepares and checks one record on the caller's thread.
  public mutating func process(_ record: RawRecord) throws -> RecordOutcome {
    try process(PreparedRecord(record))
  }
}

/// The checks of one kind that need no state, made record by record in file
/// order. A preparer touches nothing but its own values, so the pipeline runs
/// it ahead of the processor, on the thread that reads the file: a million
/// claims are parsed and checked on one core while the other applies them.
public protocol RecordPreparer: Sendable {
  mutating func prepare(_ record: RawRecord) -> PreparedRecord
}

/// A record with what its kind's ``RecordPreparer`` found in it, for the
/// same kind's processor.
public struct PreparedRecord: Sendable {
  public var record: RawRecord
  let findings: Findings

  /// A record not yet prepared: its processor prepares it.
  public init(_ record: RawRecord) {
    self.record = record
    self.findings = .none
  }

  init(_ record: RawRecord, findings: Findings) {
    self.record = record
    self.findings = findings
  }

  enum Findings: Sendable {
    case none
    case claim(ClaimFindings)
  }
}

/// The preparer of kinds whose checks all run in their processor.
public struct UnpreparedRecords: RecordPreparer {
  public init() {}
  public func prepare(_ record: RawRecord) -> PreparedRecord { PreparedRecord(record) }
}
