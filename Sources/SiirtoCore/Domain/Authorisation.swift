/// Who may act for whom (inputs.md, "Who may act for an organisation"): the
/// one rule behind claims, the coverage report and `MANDATE_MISSING`.
///
/// Person P may act for organisation O in matter I on date D when a mandate
/// valid on D exists directly (O → P for I), or through exactly one
/// organisation (O → K and K → P, both for I and valid on D). Longer chains
/// do not count.
public enum Authorisation {
  /// Whether `person` may act for `organisation` in `matter` on `date`.
  public static func mayAct(
    person: Hetu, for organisation: YTunnus, matter: String, on date: LocalDate,
    in state: any DomainState
  ) throws -> Bool {
    let principal = Party.organisation(organisation)
    let held = try state.mandates(agent: .person(person), matter: matter, validOn: date)
    if held.contains(where: { $0.principal == principal }) { return true }
    let intermediaries = Set(
      held.compactMap { $0.principal.type == .ORG ? $0.principal : nil })
    guard !intermediaries.isEmpty else { return false }
    return try state.mandates(principal: principal, matter: matter, validOn: date)
      .contains { intermediaries.contains($0.agent) }
  }

  /// The coverage on `date`: for every organisation active then and every
  /// matter its type requires, how many persons may act for it, in the
  /// state's order of organisations. `MANDATE_MISSING` and the run's report
  /// both read it.
  public static func coverage(
    on date: LocalDate, settings: DomainSettings, in state: any DomainState
  ) throws -> [CoverageRow] {
    var rows: [CoverageRow] = []
    var counter = PersonCounter(on: date, in: state)
    for organisation in try state.allOrganisations() where organisation.isActive(on: date) {
      for matter in settings.requiredMatters[organisation.type] ?? [] {
        let persons = try counter.authorisedPersons(for: organisation.yTunnus, matter: matter)
        rows.append(
          CoverageRow(
            organisation: organisation.yTunnus, name: organisation.name,
            type: organisation.type, matter: matter, authorisedPersons: persons))
      }
    }
    return rows
  }

  /// How many distinct persons may act for organisations on one date, in a
  /// matter: an intermediary's persons are read once, not once per
  /// organisation that mandated it.
  public struct PersonCounter {
    let date: LocalDate
    let state: any DomainState
    private var personsOf: [Party: [String: Set<String>]] = [:]

    public init(on date: LocalDate, in state: any DomainState) {
      self.date = date
      self.state = state
    }

    public mutating func authorisedPersons(for organisation: YTunnus, matter: String) throws
      -> Int
    {
      let principal = Party.organisation(organisation)
      var persons: Set<String> = []
      for agent in try state.agents(principal: principal, matter: matter, validOn: date) {
        switch agent.type {
        case .PERSON:
          persons.insert(agent.id)
        case .ORG where agent != principal:
          persons.formUnion(try directPersons(of: agent, matter: matter))
        case .ORG:
          break
        }
      }
      return persons.count
    }

    /// The persons `principal` mandated itself: the second and last hop.
    private mutating func directPersons(of principal: Party, matter: String) throws
      -> Set<String>
    {
      if let known = personsOf[principal]?[matter] { return known }
      let persons = Set(
        try state.agents(principal: principal, matter: matter, validOn: date)
          .lazy.filter { $0.type == .PERSON }.map(\.id))
      personsOf[principal, default: [:]][matter] = persons
      return persons
    }
  }

  /// Whether a file from `sender` may carry claims of `claimant` (claims rule 6):
  /// ops may send for anyone, a partner for itself, or for a claimant that
  /// granted it an organisation-to-organisation mandate for
  /// `kelmu-etuustiedot-maksuvaatimukset` valid on `date`.
  public static func maySend(
    _ sender: Sender, for claimant: YTunnus, on date: LocalDate, in state: any DomainState
  ) throws -> Bool {
    switch sender {
    case .ops: return true
    case .partner(let y) where y == claimant: return true
    case .partner(let y):
      return try state.mandates(
        agent: .organisation(y), matter: MandateMatter.kelmuEtuustiedot.rawValue, validOn: date
      ).contains { $0.principal == .organisation(claimant) }
    }
  }
}
