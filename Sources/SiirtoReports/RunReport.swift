import SiirtoCore
import SiirtoFormats

/// Everything the auditor reports of one run say, as plain values: the
/// pipeline fills it from the run and the store, the writers only format it.
public struct RunReport: Sendable, Hashable {
  /// How many rows a growing table shows before pointing to the CSV/JSON.
  public static let tableLimit = 200

  public var runID: String
  public var startedAt: Timestamp
  public var finishedAt: Timestamp
  /// The program's version string.
  public var version: String
  /// SHA-256 of the effective configuration.
  public var configurationDigest: String
  public var host: String
  /// Every input file of the run, in processing order.
  public var inputs: [ReportInput]
  /// The count of every code among all the run's problems.
  public var problemsByCode: [ProblemCodeCount]
  /// The first problems of the run (the rest are in `problems.csv`).
  public var problems: [ProblemRow]
  /// How many problems the run had in all.
  public var problemTotal: Int
  /// Claims per claimant; protected claims are counted here like any other.
  public var claimants: [ClaimantRow]
  /// The first claims of the run (protected ones by claim ID only).
  public var claims: [ClaimRow]
  /// How many claims and cancellations the run accepted in all.
  public var claimTotal: Int
  public var registerChanges: [RegisterChangeRow]
  /// Coverage of every organisation and required matter at the end of the run.
  public var coverage: [CoverageRow]
  /// Every output file of the run with its hash (receipts, notifications,
  /// the batch and its sidecar; the report files hash into the audit record).
  public var outputs: [ReportOutput]
  /// The hash of the audit record of the previous run, `nil` for the first.
  public var previousAuditHash: String?

  public init(
    runID: String, startedAt: Timestamp, finishedAt: Timestamp, version: String,
    configurationDigest: String, host: String, inputs: [ReportInput] = [],
    problemsByCode: [ProblemCodeCount] = [], problems: [ProblemRow] = [], problemTotal: Int? = nil,
    claimants: [ClaimantRow] = [], claims: [ClaimRow] = [], claimTotal: Int? = nil,
    registerChanges: [RegisterChangeRow] = [], coverage: [CoverageRow] = [],
    outputs: [ReportOutput] = [], previousAuditHash: String? = nil
  ) {
    self.runID = runID
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.version = version
    self.configurationDigest = configurationDigest
    self.host = host
    self.inputs = inputs
    self.problemsByCode =
      problemsByCode.isEmpty ? ProblemCodeCount.counting(problems) : problemsByCode
    self.problems = problems
    self.problemTotal = problemTotal ?? problems.count
    self.claimants = claimants
    self.claims = claims
    self.claimTotal = claimTotal ?? claims.count
    self.registerChanges = registerChanges
    self.coverage = coverage
    self.outputs = outputs
    self.previousAuditHash = previousAuditHash
  }

  /// The claims as reports list them: protected claims last, by claim ID,
  /// so that their place in the list does not tell their claimant.
  public var claimsForDisplay: [ClaimRow] {
    claims.filter { !$0.isProtected }
      + claims.filter(\.isProtected).sorted { $0.claimID < $1.claimID }
  }

  /// The run's overall result, as the index shows it.
  public var outcome: RunOutcome {
    let rejected = inputs.contains { $0.status == .REJECTED || $0.status == .PARTIALLY_ACCEPTED }
    if rejected { return .rejections }
    return inputs.isEmpty ? .nothingToDo : .clean
  }
}

/// A run's overall result: what the exit code said.
public enum RunOutcome: String, Sendable, Codable {
  case clean, rejections
  case nothingToDo = "nothing-to-do"
}

/// One input file of the run.
public struct ReportInput: Sendable, Hashable {
  /// The run's number for the file (the `<n>` of its receipt).
  public var number: Int
  /// The name as dropped, as the file system's bytes.
  public var name: [UInt8]
  /// The partner folder (a Y-tunnus) or `_ops`.
  public var sender: String
  public var kind: InputKind?
  public var format: InputFormat?
  public var bytes: Int64
  public var sha256: String?
  public var status: ReceiptStatus
  public var counts: ReceiptCounts
  /// The receipt's path relative to the data root.
  public var receipt: String?

  public init(
    number: Int, name: [UInt8], sender: String, kind: InputKind?, format: InputFormat?,
    bytes: Int64, sha256: String?, status: ReceiptStatus, counts: ReceiptCounts,
    receipt: String? = nil
  ) {
    self.number = number
    self.name = name
    self.sender = sender
    self.kind = kind
    self.format = format
    self.bytes = bytes
    self.sha256 = sha256
    self.status = status
    self.counts = counts
    self.receipt = receipt
  }

  /// The name as every report writes it (masked, then escaped).
  public var displayName: String { FileNameEscaping.escape(name) }
}

/// One problem with the file it was found in.
public struct ProblemRow: Sendable, Hashable {
  /// The ``ReportInput/number`` of the file.
  public var file: Int
  public var fileName: [UInt8]
  public var problem: Problem

  public init(file: Int, fileName: [UInt8], problem: Problem) {
    self.file = file
    self.fileName = fileName
    self.problem = problem
  }
}

/// How often one code occurred in the run.
public struct ProblemCodeCount: Sendable, Hashable {
  public var code: ProblemCode
  public var severity: Severity
  public var count: Int

  public init(code: ProblemCode, severity: Severity, count: Int) {
    self.code = code
    self.severity = severity
    self.count = count
  }

  /// Counts of `rows`, most frequent first, then by code.
  public static func counting(_ rows: [ProblemRow]) -> [ProblemCodeCount] {
    var counts: [ProblemCode: (Severity, Int)] = [:]
    for row in rows {
      counts[row.problem.code, default: (row.problem.severity, 0)].1 += 1
    }
    return sorted(
      counts.map { ProblemCodeCount(code: $0.key, severity: $0.value.0, count: $0.value.1) })
  }

  /// Most frequent first, then by code: the order the report shows.
  public static func sorted(_ counts: [ProblemCodeCount]) -> [ProblemCodeCount] {
    counts.sorted { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
  }
}

/// Claims of one claimant in the run.
public struct ClaimantRow: Sendable, Hashable {
  public var totals: ClaimantTotals
  /// The claimant's name in the register, if known.
  public var name: String?

  public init(totals: ClaimantTotals, name: String? = nil) {
    self.totals = totals
    self.name = name
  }
}

/// One claim or cancellation of the run as reports may show it: the client
/// by pseudonym, and a protected (turvakielto) claim by its claim ID alone.
public struct ClaimRow: Sendable, Hashable {
  public enum Action: String, Sendable, Hashable { case add = "ADD", cancel = "CANCEL" }

  public var claimID: String
  public var action: Action
  /// `nil` for a protected claim: the claimant is municipality-level detail.
  public var claimant: YTunnus?
  /// The client's pseudonym; `nil` for a protected claim and a cancellation.
  public var client: String?
  public var benefit: Benefit?
  public var amount: Cents?
  /// A claim with `non_disclosure`.
  public var isProtected: Bool

  /// The row for `record`, with every detail of a protected claim left out.
  /// A cancellation carries no flag of its own: pass `protected` when the
  /// cancelled claim had `non_disclosure`; for a claim, when its client has
  /// another claim with it.
  public init(_ record: BatchRecord, pseudonymizer: Pseudonymizer, protected: Bool = false) {
    claimID = record.claimID
    switch record {
    case .add(let data):
      action = .add
      isProtected = data.nonDisclosure || protected
      if !isProtected {
        claimant = data.claimant
        client = pseudonymizer.pseudonym(for: data.client)
        benefit = data.benefit
        amount = data.amount
      }
    case .cancel(_, let claimant):
      action = .cancel
      isProtected = protected
      if !isProtected { self.claimant = claimant }
    }
  }
}

/// One change of the partner register in the run.
public struct RegisterChangeRow: Sendable, Hashable {
  public enum Change: String, Sendable, Hashable, CaseIterable {
    case added, changed, removed
  }

  public var change: Change
  public var organisation: YTunnus
  public var name: String
  public var type: OrganisationType?
  /// What changed, e.g. `name, municipality_code`; the fields, not the values.
  public var detail: String?

  public init(
    change: Change, organisation: YTunnus, name: String, type: OrganisationType?,
    detail: String? = nil
  ) {
    self.change = change
    self.organisation = organisation
    self.name = name
    self.type = type
    self.detail = detail
  }
}

/// One output file of the run.
public struct ReportOutput: Sendable, Hashable {
  /// Relative to the data root.
  public var path: String
  public var sha256: String
  public var bytes: Int64

  public init(path: String, sha256: String, bytes: Int64) {
    self.path = path
    self.sha256 = sha256
    self.bytes = bytes
  }
}
