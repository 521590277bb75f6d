/// What the calendar brought since the last run (operations.md, "Time-driven
/// events"): evaluated once per run, after the night's files, against the
/// state at the end of the run and the run's date. Each event is remembered in
/// the state, so a re-run never repeats it.
public enum TimeDriven {
  public static func evaluate(context: RunContext, state: any DomainState) throws {
    let today = context.runDate

    // MANDATE_ENDED: the first run after the last valid day.
    for var mandate in try state.mandatesAwaitingEndNotice(endedBefore: today) {
      let agent = try AgentNaming.name(
        of: mandate.agent, knownName: mandate.agentName, state: state, context: context)
      try state.record(Events.mandateEnded(mandate, reason: "expired", agent: agent))
      mandate.endNoticePending = false
      try state.save(mandate)
    }

    // MANDATE_EXPIRING: once per mandate (and last valid day).
    let horizon = today.adding(days: context.settings.expiryWarningDays)
    for var mandate in try state.mandatesEnding(from: today, through: horizon)
    where mandate.expiryWarnedFor != mandate.effectiveEnd {
      let agent = try AgentNaming.name(
        of: mandate.agent, knownName: mandate.agentName, state: state, context: context)
      try state.record(Events.mandateExpiring(mandate, agent: agent))
      mandate.expiryWarnedFor = mandate.effectiveEnd
      try state.save(mandate)
    }

    // MANDATE_MISSING: on entering the state only; an organisation that is
    // not active is forgotten, so that being added again counts as entering.
    let remembered = try state.uncoveredPairs()
    var current: Set<CoveragePair> = []
    var counter = Authorisation.PersonCounter(on: today, in: state)
    for organisation in try state.allOrganisations() where organisation.isActive(on: today) {
      for matter in context.settings.requiredMatters[organisation.type] ?? [] {
        let pair = CoveragePair(organisation: organisation.yTunnus, matter: matter)
        let persons = try counter.authorisedPersons(for: organisation.yTunnus, matter: matter)
        guard persons == 0 else { continue }
        current.insert(pair)
        if !remembered.contains(pair) {
          try state.record(Events.mandateMissing(pair, name: organisation.name))
          try state.setUncovered(pair, true)
        }
      }
    }
    for pair in remembered.subtracting(current).sorted(by: Self.order) {
      try state.setUncovered(pair, false)
    }
  }

  private static func order(_ a: CoveragePair, _ b: CoveragePair) -> Bool {
    (a.organisation.value, a.matter) < (b.organisation.value, b.matter)
  }
}
