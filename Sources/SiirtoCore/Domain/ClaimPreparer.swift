/// What the claims rules that need no state found in one record: every field
/// as typed (rule 1), rules 2–4, 8 and 11, the in-file part of rule 9 and the
/// content digest. ``ClaimProcessor`` adds the rules that ask the state, in
/// the order inputs.md gives.
enum ClaimFindings: Sendable {
  /// No valid claimant: judged on these problems alone.
  case judged([Problem])
  case cancel(Cancel)
  case add(Add)

  struct Cancel: Sendable {
    var claimant: YTunnus
    var claimID: String?
    /// The field problems so far.
    var fields: FieldReader
  }

  struct Add: Sendable {
    var claimant: YTunnus
    var claimID: String?
    /// The field problems (rule 1), then those of rules 2–4.
    var fields: FieldReader
    var registeredBy: Hetu?
    var client: Hetu?
    var benefit: Benefit?
    var decisionDate: LocalDate?
    /// The claim's period, when its dates are in order.
    var period: DatePeriod?
    /// The claim as stored, when every field is valid.
    var data: ClaimData?
    /// ``ClaimData/contentDigest`` of `data`, for a processor with a state.
    var digest: String?
    /// An earlier `ADD` of the file has the same claimant and claim ID (rule 9).
    var inFile: Bool
    var rule8: [Problem]
    var rule11: [Problem]
  }
}

/// The claims rules that need no state, record by record in file order.
struct ClaimPreparer: RecordPreparer {
  let header: FileHeader
  let runDate: LocalDate
  /// Only a state compares or stores digests: `siirto validate` skips the hashing.
  let stateful: Bool
  /// (claimant, claim ID) of the file's `ADD` records as 64-bit hashes: a
  /// file may hold a million claims, and this stays a few megabytes.
  private var seen: Set<UInt64> = []

  /// Care claims should reach Kela this many days before the period starts (rule 11).
  private static let careNoticeDays = 14
  private static let maximumAmount = Cents(9_999_999)
  private static let maximumPeriodDays = 366

  private enum Action: String, CaseIterable { case ADD, CANCEL }

  init(header: FileHeader, context: RunContext, stateful: Bool) {
    self.header = header
    self.runDate = context.runDate
    self.stateful = stateful
  }

  mutating func prepare(_ record: RawRecord) -> PreparedRecord {
    PreparedRecord(record, findings: .claim(findings(record)))
  }

  mutating func findings(_ record: RawRecord) -> ClaimFindings {
    var f = FieldReader(record, header: header, recordIDField: "claim_id")
    guard let claimant = f.yTunnus("claimant_y_tunnus", required: true) else {
      return .judged(record.problems + f.problems)
    }
    let action = f.code("action", Action.self) ?? .ADD
    let claimID = f.text("claim_id", required: true, maxLength: 40)
    switch action {
    case .CANCEL: return .cancel(.init(claimant: claimant, claimID: claimID, fields: f))
    case .ADD: return .add(add(claimant: claimant, claimID: claimID, f))
    }
  }

  private mutating func add(claimant: YTunnus, claimID: String?, _ f: consuming FieldReader)
    -> ClaimFindings.Add
  {
    // Rule 1: every field as typed.
    let registeredBy = f.hetu("registered_by", required: true)
    let client = f.hetu("client_hetu", required: true)
    let type = f.code("claim_type", ClaimType.self, required: true)
    let legalBasis = f.code("legal_basis", LegalBasis.self, required: true)
    let benefit = f.code("benefit", Benefit.self, required: true)
    let start = f.date("period_start", required: true)
    let end = f.date("period_end", required: true)
    var amount = f.amount("amount", required: true)
    if let cents = amount, cents <= .zero || cents > Self.maximumAmount {
      f.report(.RANGE, field: "amount", variant: "amount", arguments: ["max": "99999.99"])
      amount = nil
    }
    let iban = f.identifier("iban", required: true) { IBAN.parse($0) }
    let reference = f.identifier("reference") { PaymentReference.parse($0) }
    let decisionDate = f.date("decision_date", required: true)
    let nonDisclosure = f.boolean("non_disclosure")
    var data: ClaimData?
    if !f.hasErrors, let claimID, let registeredBy, let client, let type, let legalBasis,
      let benefit, let start, let end, let amount, let iban, let decisionDate
    {
      data = ClaimData(
        claimID: claimID, claimant: claimant, registeredBy: registeredBy, client: client,
        type: type, legalBasis: legalBasis, benefit: benefit,
        period: DatePeriod(start: start, end: end), amount: amount, iban: iban,
        reference: reference, decisionDate: decisionDate, nonDisclosure: nonDisclosure ?? false)
    }
    let key = claimID.map { Self.key(claimant: claimant, claimID: $0) }
    let inFile = key.map { seen.contains($0) } ?? false
    if let key { seen.insert(key) }

    // Rule 2.
    if let type, let legalBasis, ClaimProcessor.legalBasis(of: type) != legalBasis {
      f.report(
        .CLAIM_LEGAL_BASIS_MISMATCH, field: "legal_basis", variant: "expected",
        arguments: [
          "type": type.rawValue, "expected": ClaimProcessor.legalBasis(of: type).rawValue,
        ]
      )
    }
    // Rule 3.
    var period: DatePeriod?
    if let start, let end {
      if start > end {
        f.report(.PERIOD_ORDER, field: "period_end")
      } else {
        period = DatePeriod(start: start, end: end)
        if let days = period?.lengthInDays, days > Self.maximumPeriodDays {
          f.report(
            .CLAIM_PERIOD_TOO_LONG, field: "period_end", variant: "days",
            arguments: ["days": String(days), "max": String(Self.maximumPeriodDays)])
        }
      }
    }
    // Rule 4.
    if let decisionDate, decisionDate > runDate {
      f.report(.CLAIM_DECISION_IN_FUTURE, field: "decision_date")
    }
    // Rule 8.
    var rule8: [Problem] = []
    if let registeredBy, let client, registeredBy == client {
      rule8.append(f.problem(.CLAIM_SELF, field: "registered_by"))
    }
    // Rule 11.
    var rule11: [Problem] = []
    if let type, type != .TOIMEENTULOTUKI_ENNAKKO, let start,
      runDate.days(to: start) < Self.careNoticeDays
    {
      rule11.append(f.problem(.CLAIM_LATE, field: "period_start"))
    }
    return ClaimFindings.Add(
      claimant: claimant, claimID: claimID, fields: f, registeredBy: registeredBy,
      client: client, benefit: benefit, decisionDate: decisionDate, period: period, data: data,
      digest: stateful ? data?.contentDigest : nil, inFile: inFile, rule8: rule8, rule11: rule11)
  }

  /// FNV-1a over the claimant and the claim ID.
  static func key(claimant: YTunnus, claimID: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in claimant.value.utf8 + [0] + claimID.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return hash
  }
}
