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

  mutating func process(_ record: RawRecord) throws -> RecordOutcome {
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
    var organisation = try y.flatMap { try state.organisation($0) }
    if y != nil, let action, !record.hasReaderError, !f.hasErrors {
      switch action {
      case .ADD:
        if organisation?.isActive(on: context.runDate) == true {
          f.report(.REGISTRATION_ALREADY_REGISTERED, field: "y_tunnus")
        }
      case .REMOVE:
        if organisation?.isActive(on: context.runDate) != true {
          f.report(.REGISTRATION_NOT_REGISTERED, field: "y_tunnus")
        } else if organisation!.type != .MUU {
          f.report(
            .REGISTRATION_PROTECTED_TYPE, field: "y_tunnus", variant: "type",
            arguments: ["type": organisation!.type.rawValue])
        }
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
      switch action {
      case .ADD:
        let period = RegistrationPeriod(start: context.runDate, end: nil)
        if var known = organisation {
          known.name = name ?? known.name
          known.nameSv = nil
          known.type = .MUU
          known.municipalityCode = nil
          known.periods.append(period)
          organisation = known
        } else {
          organisation = Organisation(
            yTunnus: y, name: name ?? "", type: .MUU, periods: [period])
        }
        try state.save(organisation!)
        try state.record(Events.added(organisation!))
      case .REMOVE:
        var known = organisation!
        let last = known.periods.count - 1
        known.periods[last].end = context.runDate.adding(days: -1)
        known.periods[last].removed = true
        try state.save(known)
        try state.record(Events.removed(known, lastDay: context.runDate.adding(days: -1)))
      }
      try state.markRequestProcessed(requestID)
    }
    return outcome
  }

  mutating func finish() throws -> [Problem] { [] }
}
