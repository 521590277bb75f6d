/// Kind `register`: the national snapshot of the three public organisation
/// types, accepted whole or not at all. Records are checked one by one; the
/// snapshot is compared with the register and applied in ``finish()``.
struct RegisterProcessor: RecordProcessor {
  let context: RunContext
  let state: (any DomainState)?
  private var header = FileHeader(kind: .register, format: .csv)
  private var snapshotDate: LocalDate
  private var seenYTunnus: Set<YTunnus> = []
  private var seenCodes: Set<MunicipalityCode> = []
  private var rows: [Row] = []
  private var failed = false

  /// The snapshot types as a code list of their own, so that `ENUM` lists only them.
  private enum SnapshotType: String, CaseIterable {
    case KUNTA, KUNTAYHTYMA, HYVINVOINTIALUE
    var organisationType: OrganisationType { OrganisationType(rawValue: rawValue)! }
  }

  private struct Row {
    var yTunnus: YTunnus
    var name: String
    var nameSv: String?
    var type: OrganisationType
    var code: MunicipalityCode?
    var validFrom: LocalDate?
    var validTo: LocalDate?
  }

  init(context: RunContext, state: (any DomainState)?) {
    self.context = context
    self.state = state
    self.snapshotDate = context.runDate
  }

  mutating func begin(_ header: FileHeader) throws -> [Problem] {
    self.header = header
    guard header.format == .xml, let text = header.attributes["snapshotDate"] else { return [] }
    guard let date = LocalDate.parseISO(text) else {
      failed = true
      return [Problem(.TYPE, at: Location(field: "snapshotDate"), variant: "date")]
    }
    snapshotDate = date
    return []
  }

  mutating func process(_ prepared: PreparedRecord) throws -> RecordOutcome {
    let record = prepared.record
    var f = FieldReader(record, header: header, recordIDField: "y_tunnus")
    let y = f.yTunnus("y_tunnus", required: true)
    let name = f.text("name", required: true, maxLength: 200)
    let nameSv = f.text("name_sv", maxLength: 200)
    let type = f.code("type", SnapshotType.self, required: true)?.organisationType
    let codeText = f.text("municipality_code")
    let code = codeText.flatMap { MunicipalityCode($0) }
    if codeText != nil, code == nil {
      f.report(.TYPE, field: "municipality_code", variant: "municipality_code")
    }
    let validFrom = f.date("valid_from")
    let validTo = f.date("valid_to")

    if let y {
      if !seenYTunnus.insert(y).inserted { f.report(.DUPLICATE_IN_FILE, field: "y_tunnus") }
    }
    if let type {
      if type == .KUNTA, codeText == nil {
        f.report(.REGISTER_MUNICIPALITY_CODE, field: "municipality_code", variant: "missing")
      } else if type != .KUNTA, codeText != nil {
        f.report(.REGISTER_MUNICIPALITY_CODE, field: "municipality_code", variant: "unexpected")
      }
      if type == .KUNTA, let code, !seenCodes.insert(code).inserted {
        f.report(
          .REGISTER_CODE_DUPLICATE, field: "municipality_code", variant: "code",
          arguments: ["code": code.value])
      }
    }
    if let validFrom, let validTo, validFrom > validTo {
      f.report(.PERIOD_ORDER, field: "valid_to")
    }

    let outcome = RecordOutcome.judged(record.problems + f.problems)
    if outcome.disposition == .rejected {
      failed = true
    } else if let y, let name, let type {
      rows.append(
        Row(
          yTunnus: y, name: name, nameSv: nameSv, type: type, code: type == .KUNTA ? code : nil,
          validFrom: validFrom, validTo: validTo))
    }
    return outcome
  }

  mutating func finish() throws -> [Problem] {
    guard let state, !failed else { return [] }
    let existing = Dictionary(
      uniqueKeysWithValues: try state.allOrganisations().map { ($0.yTunnus, $0) })
    let listed = Set(rows.map(\.yTunnus))
    let publicOrganisations = existing.values.filter {
      OrganisationType.snapshotTypes.contains($0.type)
    }
    let active = publicOrganisations.filter { $0.isActive(on: snapshotDate) }.count
    let toEnd = publicOrganisations.filter {
      !listed.contains($0.yTunnus) && $0.isCurrent(on: snapshotDate)
    }
    .sorted { $0.yTunnus < $1.yTunnus }

    let settings = context.settings
    if !settings.allowMassRemoval, toEnd.count > settings.massRemovalMinimum,
      toEnd.count * 100 > settings.massRemovalPercent * active
    {
      return [
        Problem(
          .REGISTER_MASS_REMOVAL, variant: "counts",
          arguments: [
            "count": String(toEnd.count), "active": String(active),
            "percent": String(settings.massRemovalPercent),
          ])
      ]
    }

    for row in rows { try apply(row, to: existing[row.yTunnus], in: state) }
    for var organisation in toEnd {
      organisation.remove(asOf: snapshotDate)
      try state.save(organisation)
      try state.record(Events.removed(organisation, lastDay: snapshotDate.adding(days: -1)))
    }
    return []
  }

  private func apply(_ row: Row, to old: Organisation?, in state: any DomainState) throws {
    guard var organisation = old else {
      let start = row.validFrom ?? snapshotDate
      let new = Organisation(
        yTunnus: row.yTunnus, name: row.name, nameSv: row.nameSv, type: row.type,
        municipalityCode: row.code,
        periods: [RegistrationPeriod(start: start, end: row.validTo)])
      try state.save(new)
      try state.record(Events.added(new))
      return
    }
    var changed: [String] = []
    if organisation.name != row.name { changed.append("name") }
    if organisation.nameSv != row.nameSv { changed.append("name_sv") }
    if organisation.type != row.type { changed.append("type") }
    if organisation.municipalityCode != row.code { changed.append("municipality_code") }
    organisation.name = row.name
    organisation.nameSv = row.nameSv
    organisation.changeType(to: row.type, asOf: snapshotDate)
    organisation.municipalityCode = row.code

    if let last = organisation.periods.last, !last.removed {
      // Still registered: the row's dates update the current period.
      var period = last
      if let from = row.validFrom, from != period.start {
        period.start = from
        changed.append("valid_from")
      }
      if row.validTo != period.end {
        period.end = row.validTo
        changed.append("valid_to")
      }
      organisation.periods[organisation.periods.count - 1] = period
      guard !changed.isEmpty else { return }
      try state.save(organisation)
      try state.record(Events.changed(organisation, fields: changed))
    } else {
      // Removed before: a new period, and the gap stays a gap.
      let start = max(snapshotDate, row.validFrom ?? snapshotDate)
      organisation.periods.append(RegistrationPeriod(start: start, end: row.validTo))
      try state.save(organisation)
      try state.record(Events.added(organisation))
    }
  }
}
