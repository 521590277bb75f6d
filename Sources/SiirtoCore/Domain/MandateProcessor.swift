/// Kind `mandates`: a Suomi.fi mandate export, upserted by mandate ID record
/// by record.
struct MandateProcessor: RecordProcessor {
  let context: RunContext
  let state: (any DomainState)?
  private var header = FileHeader(kind: .mandates, format: .csv)
  /// The export's date: `exportedAt` in the configured zone, for CSV the run's date.
  private var exportDate: LocalDate
  /// Whether each principal is registered on the export date: the register
  /// does not change while a mandate export is read.
  private var registered: [YTunnus: Bool] = [:]

  init(context: RunContext, state: (any DomainState)?) {
    self.context = context
    self.state = state
    self.exportDate = context.runDate
  }

  mutating func begin(_ header: FileHeader) throws -> [Problem] {
    self.header = header
    guard header.format == .xml else { return [] }
    if let text = header.attributes["exportedAt"] {
      guard let instant = Timestamp.parse(text) else {
        return [Problem(.TYPE, at: Location(field: "exportedAt"), variant: "timestamp")]
      }
      exportDate = instant.localDate(in: context.timeZone)
    }
    if let state, let exportID = header.attributes["exportId"], let digest = context.fileSHA256 {
      if let known = try state.exportDigest(exportID: exportID) {
        if known != digest {
          return [Problem(.EXPORT_ID_REUSED, at: Location(field: "exportId"))]
        }
      } else {
        try state.recordExport(exportID: exportID, digest: digest)
      }
    }
    return []
  }

  /// The type and the party that a type field and an identifier field name,
  /// their problems reported; a person's code also as a `Hetu`.
  private func party(
    _ typeField: String, _ idField: String, _ f: inout FieldReader
  ) -> (PartyType?, Party?, Hetu?) {
    let type = f.code(typeField, PartyType.self, required: true)
    switch type {
    case .ORG:
      return (type, f.yTunnus(idField, required: true).map(Party.organisation), nil)
    case .PERSON:
      let hetu = f.hetu(idField, required: true)
      return (type, hetu.map(Party.person), hetu)
    case nil:
      _ = f.text(idField, required: true)
      return (nil, nil, nil)
    }
  }

  mutating func process(_ prepared: PreparedRecord) throws -> RecordOutcome {
    let record = prepared.record
    var f = FieldReader(record, header: header, recordIDField: "mandate_id")
    if let issue = record["issue"], MandateMatter(rawValue: issue) == nil {
      // Exports carry matters that are not Kela's: not checked further.
      f.report(.MANDATE_ISSUE_IGNORED, field: "issue")
      return .judged(record.problems + f.problems)
    }
    let id = f.text("mandate_id", required: true, maxLength: 64)
    let status = f.code("status", MandateStatus.self, required: true)
    let (principalType, principal, child) = party("principal_type", "principal_id", &f)
    let (agentType, agent, agentHetu) = party("agent_type", "agent_id", &f)
    let agentName = f.text("agent_name", maxLength: 200)
    let matter = f.code("issue", MandateMatter.self, required: true)
    let validFrom = f.date("valid_from", required: true)
    let validTo = f.date("valid_to")

    if let matter {
      let guardianship = matter == .huoltajuus
      if let principalType, principalType != (guardianship ? .PERSON : .ORG) {
        f.report(
          .MANDATE_PARTY_TYPE, field: "principal_type", variant: guardianship ? "person" : "org",
          arguments: ["matter": matter.rawValue])
      }
      if guardianship, let agentType, agentType != .PERSON {
        f.report(
          .MANDATE_PARTY_TYPE, field: "agent_type", variant: "person",
          arguments: ["matter": matter.rawValue])
      }
    }
    if let validFrom, let validTo, validFrom > validTo {
      f.report(.PERIOD_ORDER, field: "valid_to")
    }
    var effectiveEnd = validTo
    if matter == .huoltajuus, let child, let validFrom {
      if validFrom < child.birthDate {
        f.report(.RANGE, field: "valid_from", variant: "before_birth")
      } else if child.age(on: validFrom) >= 18 {
        f.report(.MANDATE_GUARDIAN_NOT_MINOR, field: "principal_id")
      }
      let lastMinorDay = child.eighteenthBirthday.adding(days: -1)
      effectiveEnd = min(validTo ?? lastMinorDay, lastMinorDay)
    }

    guard let state else { return .judged(record.problems + f.problems) }
    var existing: Mandate?
    if let id, let principal, let agent, let matter {
      existing = try state.mandate(id: id)
      if let existing,
        existing.principal != principal || existing.agent != agent
          || existing.matter != matter.rawValue
      {
        f.report(.MANDATE_ID_CONFLICT, field: "mandate_id")
      }
      if let y = principal.yTunnus, try !isRegistered(y, state) {
        f.report(.MANDATE_PRINCIPAL_UNREGISTERED, field: "principal_id")
      }
    }

    let outcome = RecordOutcome.judged(record.problems + f.problems)
    guard outcome.disposition == .accepted, let id, let status, let principal, let agent,
      let matter, let validFrom
    else { return outcome }

    if status == .REVOKED {
      let lastDay = exportDate.adding(days: -1)
      var end = min(effectiveEnd ?? lastDay, lastDay)
      // Exports go on listing a revoked mandate: the revocation is the first
      // export's, and a later date must neither revive the mandate for the
      // days between nor tell its end again.
      if existing?.status == .REVOKED, let earlier = existing?.effectiveEnd {
        end = min(end, earlier)
      }
      effectiveEnd = end
    }
    var mandate = Mandate(
      id: id, status: status, principal: principal, agent: agent, agentName: agentName,
      matter: matter.rawValue, validFrom: validFrom, effectiveEnd: effectiveEnd)
    var revokedNow = false
    if let existing {
      revokedNow = status == .REVOKED && (existing.effectiveEnd.map { $0 >= exportDate } ?? true)
      if revokedNow {
        mandate.endNoticePending = false
      } else if existing.effectiveEnd != mandate.effectiveEnd {
        // Moving the end of a mandate that was over before this export to another day
        // before it is no news, as a mandate first heard of when it was over is none.
        let dayBefore = exportDate.adding(days: -1)
        let over = { (end: LocalDate?) in end.map { $0 < dayBefore } ?? false }
        mandate.endNoticePending =
          over(existing.effectiveEnd) && over(mandate.effectiveEnd)
          ? existing.endNoticePending : mandate.effectiveEnd != nil
      } else {
        mandate.endNoticePending = existing.endNoticePending
      }
      mandate.expiryWarnedFor = existing.expiryWarnedFor
    } else {
      // A mandate that was over before Siirto heard of it is no news.
      mandate.endNoticePending =
        status == .ACTIVE && (effectiveEnd.map { $0 >= exportDate.adding(days: -1) } ?? false)
    }
    if principal.type == .PERSON { mandate.endNoticePending = false }
    // Each export repeats most of the last one: a mandate it leaves as it
    // was is not written again (replacing a row rewrites every index).
    if mandate != existing { try state.save(mandate) }
    if let agentHetu, let agentName { try state.setPersonName(agentName, for: agentHetu) }
    if revokedNow, principal.type == .ORG {
      let name = try AgentNaming.name(
        of: agent, knownName: agentName, state: state, context: context)
      try state.record(Events.mandateEnded(mandate, reason: "revoked", agent: name))
    }
    return outcome
  }

  mutating func finish() throws -> [Problem] { [] }

  private mutating func isRegistered(_ y: YTunnus, _ state: any DomainState) throws -> Bool {
    if let known = registered[y] { return known }
    let active = try state.organisation(y)?.isActive(on: exportDate) == true
    registered[y] = active
    return active
  }
}
