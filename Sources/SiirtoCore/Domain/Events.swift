/// The notification events the rules record, built in one place so that
/// every event of a code carries the same arguments. Arguments hold safe
/// values only: codes, dates, counts, names the exports gave, problem codes.
enum Events {
  static func added(_ organisation: Organisation) -> NotificationEvent {
    var arguments = ["name": organisation.name, "type": organisation.type.rawValue]
    if let period = organisation.periods.last {
      arguments["validFrom"] = period.start.iso
      if let end = period.end { arguments["validTo"] = end.iso }
    }
    return NotificationEvent(
      recipient: organisation.yTunnus.value, code: .REGISTER_ADDED, refType: "organisation",
      refID: organisation.yTunnus.value, arguments: arguments)
  }

  static func changed(_ organisation: Organisation, fields: [String]) -> NotificationEvent {
    NotificationEvent(
      recipient: organisation.yTunnus.value, code: .REGISTER_CHANGED, refType: "organisation",
      refID: organisation.yTunnus.value,
      arguments: [
        "name": organisation.name, "type": organisation.type.rawValue,
        "fields": fields.joined(separator: ","),
      ])
  }

  static func removed(_ organisation: Organisation, lastDay: LocalDate) -> NotificationEvent {
    NotificationEvent(
      recipient: organisation.yTunnus.value, code: .REGISTER_REMOVED, refType: "organisation",
      refID: organisation.yTunnus.value,
      arguments: ["name": organisation.name, "lastValidDay": lastDay.iso])
  }

  /// `recipient` is the organisation's Y-tunnus, or `_ops` when it was invalid.
  static func registrationRejected(
    recipient: String, requestID: String?, action: String?, problems: [Problem]
  ) -> NotificationEvent {
    var codes: [String] = []
    for problem in problems where problem.isError && !codes.contains(problem.code.rawValue) {
      codes.append(problem.code.rawValue)
    }
    var arguments = ["reasons": codes.joined(separator: ",")]
    if let action { arguments["action"] = action }
    return NotificationEvent(
      recipient: recipient, code: .REGISTRATION_REJECTED, refType: "request", refID: requestID,
      arguments: arguments)
  }

  /// `reason` is `revoked` or `expired`; `agent` names the agent safely.
  static func mandateEnded(_ mandate: Mandate, reason: String, agent: String) -> NotificationEvent {
    NotificationEvent(
      recipient: mandate.principal.id, code: .MANDATE_ENDED, refType: "mandate",
      refID: mandate.id,
      arguments: [
        "matter": mandate.matter, "reason": reason, "agent": agent,
        "lastValidDay": mandate.effectiveEnd?.iso ?? "",
      ])
  }

  static func mandateExpiring(_ mandate: Mandate, agent: String) -> NotificationEvent {
    NotificationEvent(
      recipient: mandate.principal.id, code: .MANDATE_EXPIRING, refType: "mandate",
      refID: mandate.id,
      arguments: [
        "matter": mandate.matter, "agent": agent, "lastValidDay": mandate.effectiveEnd?.iso ?? "",
      ])
  }

  static func mandateMissing(_ pair: CoveragePair, name: String) -> NotificationEvent {
    NotificationEvent(
      recipient: pair.organisation.value, code: .MANDATE_MISSING, refType: "organisation",
      refID: pair.organisation.value, arguments: ["matter": pair.matter, "name": name])
  }

  /// One rejected claim: `employee` is the name the mandate export gave, else a pseudonym.
  static func claimUnauthorised(
    recipient: YTunnus, claimant: YTunnus, claimID: String, employee: String
  ) -> NotificationEvent {
    NotificationEvent(
      recipient: recipient.value, code: .CLAIMS_UNAUTHORISED, refType: "claim", refID: claimID,
      arguments: ["claimant": claimant.value, "employee": employee])
  }
}

/// How an employee or other agent is named in notifications: never by henkilötunnus.
enum AgentNaming {
  /// The organisation's Y-tunnus; a person's name from the latest export
  /// naming them, else `knownName`, else their pseudonym, else nothing.
  static func name(
    of party: Party, knownName: String?, state: any DomainState, context: RunContext
  ) throws -> String {
    switch party.type {
    case .ORG: return party.id
    case .PERSON:
      guard let hetu = Hetu(party.id) else { return "" }
      if let name = try state.personName(hetu) ?? knownName { return name }
      return context.pseudonymizer?.pseudonym(for: hetu) ?? ""
    }
  }
}
