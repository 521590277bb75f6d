/// Kind `registration`: requests to add or remove organisations of type
/// `MUU`, accepted record by record and idempotent by request ID.
struct RegistrationProcessor: RecordProcessor {
  let context: RunContext
  let state: (any DomainState)?
  private var header = FileHeader(kind: .registration, format: .csv)

  private enum Action: String, CaseIterable { case ADD, REMOVE }

  init(context: RunContext, state: (any DomainState)?) {
    self.context = context
    self.state = state
  }

  mutating func begin(_ header: FileHeader) throws -> [Problem] {
    self.header = header
    return []
  }

  mutating func process(_ prepared: PreparedRecord) throws -> RecordOutcome {
    let record = prepared.record
    var f = FieldReader(record, header: header, recordIDField: "request_id")
    let requestID = f.text("request_id", required: true, maxLength: 40)
    if let state, let requestID, !record.hasReaderError, try state.isRequestProcessed(requestID) {
      f.report(.REQUEST_ALREADY_PROCESSED, field: "request_id")
      return .judged(f.problems)
    }
    let action = f.code("action", Action.self, required: true)
    let y = f.yTunnus("y_tunnus", required: true)
    let name = f.text("name", maxLength: 500)
    for field in ["justification", "contact_name", "contact_email", "contact_phone"] {
      _ = f.text(field, maxLength: 500)
    }

    if action == .ADD {
      var missing: [String] = []
      if record["name"] == nil { missing.append("name") }
      if record["justification"] == nil { missing.append("justification") }
      if record["contact_name"] == nil { missing.append("contact_name") }
      if record["contact_email"] == nil, record["contact_phone"] == nil {
        missing.append("contact_email|contact_phone")
      }
      if !missing.isEmpty {
        f.report(
          .REGISTRATION_INCOMPLETE, field: nil, variant: "fields",
          arguments: ["missing": missing.joined(separator: ", ")])
      }
    }

    guard let state else { return .judged(record.problems + f.problems) }
    let organisation = try y.flatMap { try state.organisation($0) }
    let active = organisation.map { $0.isActive(on: context.runDate) } ?? false
    if y != nil, let action, !record.hasReaderError, !f.hasErrors {
      switch (action, organisation) {
      case (.ADD, _) where active:
        f.report(.REGISTRATION_ALREADY_REGISTERED, field: "y_tunnus")
      case (.REMOVE, let known?) where active && known.type != .MUU:
        f.report(
          .REGISTRATION_PROTECTED_TYPE, field: "y_tunnus", variant: "type",
          arguments: ["type": known.type.rawValue])
      case (.REMOVE, _) where !active:
        f.report(.REGISTRATION_NOT_REGISTERED, field: "y_tunnus")
      default:
        break
      }
    }

    let outcome = RecordOutcome.judged(record.problems + f.problems)
    switch outcome.disposition {
    case .rejected:
      try state.record(
        Events.registrationRejected(
          recipient: y?.value ?? "_ops", requestID: requestID, action: action?.rawValue,
          problems: outcome.problems))
    case .ignored:
      if let requestID { try state.markRequestProcessed(requestID) }
    case .accepted:
      guard let y, let action, let requestID else { break }
      try apply(action, y: y, name: name ?? "", to: organisation, in: state)
      try state.markRequestProcessed(requestID)
    }
    return outcome
  }

  /// An `ADD` registers a `MUU` organisation from the run's date (a new period
  /// for one removed earlier); a `REMOVE` ends it as of the run's date.
  private func apply(
    _ action: Action, y: YTunnus, name: String, to old: Organisation?, in state: any DomainState
  ) throws {
    let today = context.runDate
    switch action {
    case .ADD:
      var organisation = old ?? Organisation(yTunnus: y, name: name, type: .MUU, periods: [])
      organisation.name = name
      organisation.nameSv = nil
      organisation.changeType(to: .MUU, asOf: today)
      organisation.municipalityCode = nil
      organisation.periods.append(RegistrationPeriod(start: today, end: nil))
      try state.save(organisation)
      try state.record(Events.added(organisation))
    case .REMOVE:
      guard var organisation = old else { return }
      organisation.remove(asOf: today)
      try state.save(organisation)
      try state.record(Events.removed(organisation, lastDay: today.adding(days: -1)))
    }
  }

  mutating func finish() throws -> [Problem] { [] }
}
