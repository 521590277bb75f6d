/// What the calendar brought since the last run (operations.md, "Time-driven
/// events"): evaluated once per run, after the night's files, against the
/// state at the end of the run and the run's date. Each event is remembered in
/// the state, so a re-run never repeats it.
public enum TimeDriven {
  /// Records the calendar's events and returns the coverage of the run's
  /// date that `MANDATE_MISSING` was judged on, for the run's report: it is
  /// the same state and date, so it is not counted twice.
  @discardableResult
  public static func evaluate(context: RunContext, state: any DomainState) throws -> [CoverageRow] {
    let today = context.runDate

    // MANDATE_ENDED: the first run after the last valid day.
    for var mandate in try state.mandatesAwaitingEndNotice(endedBefore: today) {
      let agent = try AgentNaming.name(
        of: mandate.agent, knownName: mandate.agentName, state: state, context: context)
      try state.record(Events.mandateEnded(mandate, reason: "expired", agent: agent))
      mandate.endNoticePending = false
      try state.saveNotices(of: mandate)
    }

    // MANDATE_EXPIRING: once per mandate (and last valid day).
    let horizon = today.adding(days: context.settings.expiryWarningDays)
    for var mandate in try state.mandatesEnding(from: today, through: horizon)
    where mandate.expiryWarnedFor != mandate.effectiveEnd {
      let agent = try AgentNaming.name(
        of: mandate.agent, knownName: mandate.agentName, state: state, context: context)
      try state.record(Events.mandateExpiring(mandate, agent: agent))
      mandate.expiryWarnedFor = mandate.effectiveEnd
      try state.saveNotices(of: mandate)
    }

    // MANDATE_MISSING: on entering the state only; an organisation that is
    // not active is forgotten, so that being added again counts as entering.
    let remembered = try state.uncoveredPairs()
    let coverage = try Authorisation.coverage(on: today, settings: context.settings, in: state)
    var current: Set<CoveragePair> = []
    for row in coverage where row.authorisedPersons == 0 {
      let pair = CoveragePair(organisation: row.organisation, matter: row.matter)
      current.insert(pair)
      if !remembered.contains(pair) {
        try state.record(Events.mandateMissing(pair, name: row.name))
        try state.setUncovered(pair, true)
      }
    }
    for pair in remembered.subtracting(current).sorted(by: Self.order) {
      try state.setUncovered(pair, false)
    }
    return coverage
  }

  private static func order(_ a: CoveragePair, _ b: CoveragePair) -> Bool {
    (a.organisation.value, a.matter) < (b.organisation.value, b.matter)
  }
}
