/// Kind `claims`: payment claims, accepted record by record, checked in the
/// order inputs.md gives: the claimant alone, then the sender rule alone,
/// then the re-send check, then every rule.
struct ClaimProcessor: RecordProcessor {
  let context: RunContext
  let state: (any DomainState)?
  private var header = FileHeader(kind: .claims, format: .csv)
  /// Prepares the records that come unprepared (see ``RecordProcessor/process(_:)``).
  private var preparer: ClaimPreparer
  // Organisations and mandates do not change while a claims file is read.
  private var organisations: [YTunnus: Organisation?] = [:]
  private var senderAllowed: [YTunnus: Bool] = [:]
  private var mandated: [String: Bool] = [:]

  init(context: RunContext, state: (any DomainState)?) {
    self.context = context
    self.state = state
    self.preparer = ClaimPreparer(header: header, context: context, stateful: state != nil)
  }

  mutating func begin(_ header: FileHeader) throws -> [Problem] {
    self.header = header
    preparer = ClaimPreparer(header: header, context: context, stateful: state != nil)
    return []
  }

  mutating func process(_ prepared: PreparedRecord) throws -> RecordOutcome {
    let record = prepared.record
    let findings: ClaimFindings
    if case .claim(let made) = prepared.findings {
      findings = made
    } else {
      findings = preparer.findings(record)
    }
    let claimant: YTunnus
    switch findings {
    case .judged(let problems): return .judged(problems)
    case .cancel(let cancel): claimant = cancel.claimant
    case .add(let add): claimant = add.claimant
    }
    if let state, try !maySend(for: claimant, state) {
      // Alone: the sender learns nothing of another organisation's claims.
      var alone = FieldReader(record, header: header, recordIDField: "claim_id")
      alone.report(.CLAIM_SENDER_NOT_AUTHORISED, field: "claimant_y_tunnus")
      return .judged(record.problems + alone.problems)
    }
    switch findings {
    case .judged(let problems): return .judged(problems)
    case .cancel(let cancel): return try self.cancel(record, cancel)
    case .add(let add): return try self.add(record, add)
    }
  }

  private mutating func cancel(_ record: RawRecord, _ found: ClaimFindings.Cancel) throws
    -> RecordOutcome
  {
    var f = found.fields
    let claimant = found.claimant
    guard let state, let claimID = found.claimID, !f.hasErrors else {
      return .judged(record.problems + f.problems)
    }
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

  /// The rules that ask the state, between those the preparer applied, in
  /// the order inputs.md gives.
  private mutating func add(_ record: RawRecord, _ found: ClaimFindings.Add) throws
    -> RecordOutcome
  {
    var f = found.fields
    let claimant = found.claimant
    let claimID = found.claimID
    let digest = found.digest

    // The re-send check: the same claim again, identical, changes nothing.
    let stored = try claimID.flatMap { try state?.claim(claimant: claimant, id: $0) }
    if let stored, !found.inFile, !record.hasReaderError, stored.digest == digest {
      var again = FieldReader(record, header: header, recordIDField: "claim_id")
      again.report(.CLAIM_ALREADY_ACCEPTED, field: "claim_id")
      return .judged(again.problems)
    }

    // Rules 1–4 are in `f` already. Rule 5.
    if let state, let decisionDate = found.decisionDate {
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
    if let state, let registeredBy = found.registeredBy,
      try !mayAct(registeredBy, for: claimant, state)
    {
      noMandate = true
      f.report(.CLAIM_NO_MANDATE, field: "registered_by")
    }
    f.append(found.rule8)
    // Rule 9.
    if found.inFile {
      f.report(.DUPLICATE_IN_FILE, field: "claim_id")
    } else if let stored, stored.digest != digest {
      f.report(.CLAIM_ID_CONFLICT, field: "claim_id")
    }
    // Rule 10. An earlier version of this very claim is rule 9's, not an overlap.
    if let state, let client = found.client, let benefit = found.benefit,
      let period = found.period,
      try state.hasOverlappingActiveClaim(
        client: client, benefit: benefit, period: period, other: claimant, claimID: claimID ?? "")
    {
      f.report(.CLAIM_PERIOD_OVERLAP, field: "period_start")
    }
    f.append(found.rule11)

    let outcome = RecordOutcome.judged(record.problems + f.problems)
    guard let state else { return outcome }
    if outcome.disposition == .accepted, let data = found.data, let digest {
      try state.insert(data, digest: digest, sender: context.sender)
    } else if noMandate, let registeredBy = found.registeredBy, let claimID {
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
