/// Kind `claims`: payment claims, accepted record by record, checked in the
/// order inputs.md gives: the claimant alone, then the sender rule alone,
/// then the re-send check, then every rule.
struct ClaimProcessor: RecordProcessor {
  let context: RunContext
  let state: (any DomainState)?
  private var header = FileHeader(kind: .claims, format: .csv)
  /// (claimant, claim ID) of the file's `ADD` records as 64-bit hashes: a
  /// file may hold a million claims, and this stays a few megabytes.
  private var seen: Set<UInt64> = []
  // Organisations and mandates do not change while a claims file is read.
  private var organisations: [YTunnus: Organisation?] = [:]
  private var senderAllowed: [YTunnus: Bool] = [:]
  private var mandated: [String: Bool] = [:]

  private enum Action: String, CaseIterable { case ADD, CANCEL }

  /// Care claims should reach Kela this many days before the period starts (rule 11).
  private static let careNoticeDays = 14
  private static let maximumAmount = Cents(9_999_999)
  private static let maximumPeriodDays = 366

  init(context: RunContext, state: (any DomainState)?) {
    self.context = context
    self.state = state
  }

  mutating func begin(_ header: FileHeader) throws -> [Problem] {
    self.header = header
    return []
  }

  mutating func process(_ record: RawRecord) throws -> RecordOutcome {
    var f = FieldReader(record, header: header, recordIDField: "claim_id")
    guard let claimant = f.yTunnus("claimant_y_tunnus", required: true) else {
      return .judged(record.problems + f.problems)
    }
    if let state, try !maySend(for: claimant, state) {
      // Alone: the sender learns nothing of another organisation's claims.
      var alone = FieldReader(record, header: header, recordIDField: "claim_id")
      alone.report(.CLAIM_SENDER_NOT_AUTHORISED, field: "claimant_y_tunnus")
      return .judged(record.problems + alone.problems)
    }
    let action = f.code("action", Action.self) ?? .ADD
    let claimID = f.text("claim_id", required: true, maxLength: 40)
    switch action {
    case .CANCEL: return try cancel(record, claimant: claimant, claimID: claimID, f)
    case .ADD: return try add(record, claimant: claimant, claimID: claimID, f)
    }
  }

  private mutating func cancel(
    _ record: RawRecord, claimant: YTunnus, claimID: String?, _ f: FieldReader
  ) throws -> RecordOutcome {
    var f = f
    guard let state, let claimID, !f.hasErrors else { return .judged(record.problems + f.problems) }
    if let stored = try state.claim(claimant: claimant, id: claimID) {
      if !stored.active { f.report(.CLAIM_ALREADY_CANCELLED, field: "claim_id") }
    } else {
      f.report(.CLAIM_CANCEL_UNKNOWN, field: "claim_id")
    }
    let outcome = RecordOutcome.judged(record.problems + f.problems)
    if outcome.disposition == .accepted, !record.hasReaderError {
      try state.cancelClaim(claimant: claimant, id: claimID, sender: context.sender)
    }
    return outcome
  }

  private mutating func add(
    _ record: RawRecord, claimant: YTunnus, claimID: String?, _ f: FieldReader
  ) throws -> RecordOutcome {
    var f = f
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

    // The re-send check: the same claim again, identical, changes nothing.
    let stored = try claimID.flatMap { try state?.claim(claimant: claimant, id: $0) }
    // Only the state compares or stores digests: `siirto validate` skips the hashing.
    let digest = state == nil ? nil : data?.contentDigest
    if let stored, !inFile, !record.hasReaderError, stored.digest == digest {
      var again = FieldReader(record, header: header, recordIDField: "claim_id")
      again.report(.CLAIM_ALREADY_ACCEPTED, field: "claim_id")
      return .judged(again.problems)
    }

    // Rule 2.
    if let type, let legalBasis, Self.legalBasis(of: type) != legalBasis {
      f.report(
        .CLAIM_LEGAL_BASIS_MISMATCH, field: "legal_basis", variant: "expected",
        arguments: ["type": type.rawValue, "expected": Self.legalBasis(of: type).rawValue])
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
    if let decisionDate, decisionDate > context.runDate {
      f.report(.CLAIM_DECISION_IN_FUTURE, field: "decision_date")
    }
    // Rule 5.
    if let state, let decisionDate {
      let organisation = try self.organisation(claimant, state)
      if organisation?.isActive(on: decisionDate) != true {
        f.report(.CLAIM_CLAIMANT_UNKNOWN, field: "claimant_y_tunnus")
      } else if let claimantType = organisation?.type(on: decisionDate),
        !OrganisationType.snapshotTypes.contains(claimantType)
      {
        f.report(
          .CLAIM_CLAIMANT_TYPE, field: "claimant_y_tunnus", variant: "type",
          arguments: ["type": claimantType.rawValue])
      }
    }
    // Rule 7: the mandate must hold when the registration is made, the run's date.
    var noMandate = false
    if let state, let registeredBy, try !mayAct(registeredBy, for: claimant, state) {
      noMandate = true
      f.report(.CLAIM_NO_MANDATE, field: "registered_by")
    }
    // Rule 8.
    if let registeredBy, let client, registeredBy == client {
      f.report(.CLAIM_SELF, field: "registered_by")
    }
    // Rule 9.
    if inFile {
      f.report(.DUPLICATE_IN_FILE, field: "claim_id")
    } else if let stored, stored.digest != digest {
      f.report(.CLAIM_ID_CONFLICT, field: "claim_id")
    }
    // Rule 10. An earlier version of this very claim is rule 9's, not an overlap.
    if let state, let client, let benefit, let period,
      try state.hasOverlappingActiveClaim(
        client: client, benefit: benefit, period: period, other: claimant, claimID: claimID ?? "")
    {
      f.report(.CLAIM_PERIOD_OVERLAP, field: "period_start")
    }
    // Rule 11.
    if let type, type != .TOIMEENTULOTUKI_ENNAKKO, let start,
      context.runDate.days(to: start) < Self.careNoticeDays
    {
      f.report(.CLAIM_LATE, field: "period_start")
    }

    let outcome = RecordOutcome.judged(record.problems + f.problems)
    guard let state else { return outcome }
    if outcome.disposition == .accepted, let data, let digest {
      try state.insert(data, digest: digest, sender: context.sender)
    } else if noMandate, let registeredBy, let claimID {
      let employee = try AgentNaming.name(
        of: .person(registeredBy), knownName: nil, state: state, context: context)
      var recipients = [claimant]
      if case .partner(let sender) = context.sender, sender != claimant {
        recipients.append(sender)
      }
      for recipient in recipients {
        try state.record(
          Events.claimUnauthorised(
            recipient: recipient, claimant: claimant, claimID: claimID, employee: employee))
      }
    }
    return outcome
  }

  mutating func finish() throws -> [Problem] { [] }

  /// Rule 2: the legal basis each claim type rests on.
  static func legalBasis(of type: ClaimType) -> LegalBasis {
    switch type {
    case .TOIMEENTULOTUKI_ENNAKKO: return .TOIMEENTULOTUKILAKI_23
    case .LAITOSHOITO, .PERHEHOITO: return .ASIAKASMAKSULAKI_14
    }
  }

  /// FNV-1a over the claimant and the claim ID.
  static func key(claimant: YTunnus, claimID: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in claimant.value.utf8 + [0] + claimID.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return hash
  }

  private mutating func organisation(_ y: YTunnus, _ state: any DomainState) throws
    -> Organisation?
  {
    if let cached = organisations[y] { return cached }
    let found = try state.organisation(y)
    organisations[y] = .some(found)
    return found
  }

  private mutating func maySend(for claimant: YTunnus, _ state: any DomainState) throws -> Bool {
    if let cached = senderAllowed[claimant] { return cached }
    let allowed = try Authorisation.maySend(
      context.sender, for: claimant, on: context.runDate, in: state)
    senderAllowed[claimant] = allowed
    return allowed
  }

  private mutating func mayAct(_ person: Hetu, for claimant: YTunnus, _ state: any DomainState)
    throws -> Bool
  {
    let key = person.value + "|" + claimant.value
    if let cached = mandated[key] { return cached }
    let allowed = try Authorisation.mayAct(
      person: person, for: claimant, matter: MandateMatter.kelmuEtuustiedot.rawValue,
      on: context.runDate, in: state)
    mandated[key] = allowed
    return allowed
  }
}
