import SiirtoCore

/// How a partner's system writes CSV: partners differ, and the reader must take them all.
struct Dialect {
  var delimiter: UInt8 = UInt8(ascii: ";")
  /// Quote every field, as some reporting tools do.
  var quoteAll = false
  var crlf = false
  var byteOrderMark = false
  /// `450,00` (only with `;`).
  var decimalComma = false
  /// `D.M.YYYY` dates, as Finnish Excel writes them (a warning per date).
  var finnishDates = false

  /// The plain dialect of benchmark files: `;`, LF, ISO dates, decimal point.
  static let plain = Dialect()

  /// The dialect of the `n`th partner of a nightly drop.
  static func partner(_ n: Int) -> Dialect {
    var d = Dialect()
    switch n % 6 {
    case 1:
      d.crlf = true
      d.byteOrderMark = true
      d.decimalComma = true
    case 2: d.delimiter = UInt8(ascii: ",")
    case 3: d.quoteAll = true
    case 5 where n % 12 == 5: d.finnishDates = true
    default: break
    }
    return d
  }
}

/// One claim as strings ready to write; an injected error may put anything anywhere.
struct ClaimRecord {
  var id: String
  var action = "ADD"
  var claimant: String
  var registeredBy = ""
  var client = ""
  var type = ""
  var legalBasis = ""
  var benefit = ""
  var periodStart = ""
  var periodEnd = ""
  var amount = ""
  var iban = ""
  var reference = ""
  var decisionDate = ""
  var nonDisclosure = ""
  /// Set by the `field_count` error: one field too many in CSV, an unknown element in XML.
  var extraField = false
}

/// What one claim file is made of.
struct ClaimFileSpec {
  let claimant: Organisation
  let registrars: [Int]
  let count: Int
  let format: FileFormat
  let dialect: Dialect
  /// The first client index of this file; files never share clients.
  let firstClient: Int
  /// Claim numbers of this file start after this one: a claimant's IDs never repeat.
  let numberOffset: Int
  let stream: UInt64
}

/// Writes claim files. Clients have one to four claims each for consecutive months of one
/// benefit, so the data holds repeat clients without ever overlapping by accident.
struct ClaimWriter {
  static let header = [
    "claim_id", "action", "claimant_y_tunnus", "registered_by", "client_hetu", "claim_type",
    "legal_basis", "benefit", "period_start", "period_end", "amount", "iban", "reference",
    "decision_date", "non_disclosure",
  ]
  private static let assistanceBenefits = [
    "YLEINEN_ASUMISTUKI", "TYOMARKKINATUKI", "PERUSPAIVARAHA", "SAIRAUSPAIVARAHA",
    "KUNTOUTUSRAHA", "VANHEMPAINPAIVARAHA", "OPINTORAHA", "LAPSILISA", "ELATUSTUKI",
  ]
  private static let careBenefits = [
    "KANSANELAKE", "TAKUUELAKE", "ELAKKEENSAAJAN_ASUMISTUKI", "KUNTOUTUSRAHA",
  ]
  private static let errorKinds = [
    "bad_client_hetu_control", "bad_registrar_hetu_control", "lowercase_hetu", "bad_iban_check",
    "foreign_iban", "legal_basis_mismatch", "period_order", "period_too_long",
    "unknown_benefit", "unknown_claim_type", "missing_amount", "missing_iban",
    "missing_decision_date", "overlapping_period", "employee_without_mandate", "claim_self",
    "decision_in_future", "amount_out_of_range", "bad_amount", "bad_reference", "bad_date",
    "duplicate_claim_id", "foreign_claimant", "bad_claimant_ytunnus", "bad_boolean",
    "field_count", "cancel_unknown",
  ]

  let people: People
  let register: Register
  let now: LocalDate
  let errorRate: Double
  var tally = Tally()
  /// ISO forms of the dates around `now`, made once: periods and decisions fall there.
  private let isoDates: [String]
  private let isoFirstDay: Int

  init(people: People, register: Register, now: LocalDate, errorRate: Double) {
    self.people = people
    self.register = register
    self.now = now
    self.errorRate = errorRate
    isoFirstDay = now.daysSinceEpoch - 800
    isoDates = (0..<1_200).map {
      Text.iso(LocalDate(daysSinceEpoch: now.daysSinceEpoch - 800 + $0))
    }
  }

  /// Writes one file; returns the number of clients it used.
  mutating func write(_ spec: ClaimFileSpec, seed: UInt64, to sink: ByteSink) throws -> Int {
    var rng = SplitMix64(seed: seed, stream: spec.stream)
    let accounts = [
      Ids.iban(
        bban: 1_000_000_000_000 * UInt64(1 + spec.claimant.index % 8) + UInt64(spec.claimant.index)
          * 7919),
      Ids.iban(bban: 50_000_000_000_000 + UInt64(spec.claimant.index) * 104_729),
    ]
    // Codes of the registrars, made once: a file has few registrars and many claims.
    let registrars = spec.registrars.map { people.employees.hetu($0) }
    // Counties mandate no organisation to send claims for them, so a claim of another
    // county is never authorised, whichever partner sends it.
    let others = register.counties.filter { $0.yTunnus != spec.claimant.yTunnus }
    var client = spec.firstClient - 1
    var left = 0
    // Months are counted from year 0, so periods run across year ends.
    let thisMonth = now.year * 12 + now.month - 1
    var month = thisMonth
    var benefit = ""
    var type = ""
    var clientHetu = ""
    var recent: [String] = []
    var lastClean: ClaimRecord?

    begin(spec, to: sink)
    for n in stride(from: 1, through: spec.count, by: 1) {
      let id =
        spec.claimant.claimPrefix + "-" + String(now.year) + "-"
        + Text.padded(spec.numberOffset + n, width: 7)
      // Now and then a partner cancels one of its own earlier claims.
      if recent.count > 1, rng.chance(0.005) {
        let i = rng.below(recent.count - 1)
        let cancelled = recent.remove(at: i)
        emit(
          ClaimRecord(id: cancelled, action: "CANCEL", claimant: spec.claimant.yTunnus), spec,
          to: sink)
        try sink.recordDone()
        continue
      }
      if left == 0 {
        client += 1
        clientHetu = people.clients.hetu(client)
        left = rng.within(1...4)
        let care = rng.below(10)
        type = care < 7 ? "TOIMEENTULOTUKI_ENNAKKO" : care < 9 ? "LAITOSHOITO" : "PERHEHOITO"
        benefit = rng.pick(
          type == "TOIMEENTULOTUKI_ENNAKKO" ? Self.assistanceBenefits : Self.careBenefits)
        // Social assistance paid in advance is claimed afterwards, for the past year; care
        // is claimed ahead, for the coming months (the first of them often late).
        month =
          type == "TOIMEENTULOTUKI_ENNAKKO"
          ? thisMonth - 11 + rng.below(13 - left) : thisMonth + 1 + rng.below(4)
      }
      left -= 1
      let start = LocalDate(year: month / 12, month: month % 12 + 1, day: 1)!
      let end = LocalDate(
        year: start.year, month: start.month,
        day: LocalDate.daysIn(month: start.month, year: start.year))!
      month += 1
      let decision = min(start.adding(days: -rng.within(1...20)), now.adding(days: -1))
      let euros =
        type == "TOIMEENTULOTUKI_ENNAKKO" ? rng.within(40...1_400) : rng.within(300...2_600)
      var r = ClaimRecord(id: id, claimant: spec.claimant.yTunnus)
      r.registeredBy = rng.pick(registrars)
      r.client = clientHetu
      r.type = type
      r.legalBasis =
        type == "TOIMEENTULOTUKI_ENNAKKO" ? "TOIMEENTULOTUKILAKI_23" : "ASIAKASMAKSULAKI_14"
      r.benefit = benefit
      r.periodStart = date(start, spec.dialect)
      r.periodEnd = date(end, spec.dialect)
      r.amount = Text.amount(
        cents: euros * 100 + rng.below(100), decimalComma: spec.dialect.decimalComma)
      r.iban = accounts[rng.below(10) < 8 ? 0 : 1]
      let ref = rng.below(10)
      if ref < 6 {
        r.reference = Ids.reference(base: 10_000 + spec.claimant.index * 1_000_000 + n)
      } else if ref < 7 {
        r.reference = Ids.rfReference(body: String(spec.claimant.index) + Text.padded(n, width: 8))
      }
      r.decisionDate = date(decision, spec.dialect)
      let secret = rng.below(100)
      r.nonDisclosure = secret < 2 ? "true" : secret < 30 ? "false" : ""

      if errorRate > 0, rng.chance(errorRate) {
        inject(into: &r, spec: spec, lastClean: lastClean, others: others, rng: &rng)
      } else {
        lastClean = r
        recent.append(r.id)
        if recent.count > 32 { recent.removeFirst() }
      }
      emit(r, spec, to: sink)
      try sink.recordDone()
    }
    end(spec, to: sink)
    return client + 1 - spec.firstClient
  }

  private func date(_ d: LocalDate, _ dialect: Dialect) -> String {
    if dialect.finnishDates { return Text.finnish(d) }
    let i = d.daysSinceEpoch - isoFirstDay
    return i >= 0 && i < isoDates.count ? isoDates[i] : Text.iso(d)
  }

  /// Gives `r` one error of a random kind; the manifest counts them by kind.
  private mutating func inject(
    into r: inout ClaimRecord, spec: ClaimFileSpec, lastClean: ClaimRecord?,
    others: [Organisation], rng: inout SplitMix64
  ) {
    var kind = rng.pick(Self.errorKinds)
    if lastClean == nil && (kind == "overlapping_period" || kind == "duplicate_claim_id") {
      kind = "period_order"
    }
    switch kind {
    case "bad_client_hetu_control": r.client = Ids.withWrongControl(r.client)
    case "bad_registrar_hetu_control": r.registeredBy = Ids.withWrongControl(r.registeredBy)
    case "lowercase_hetu":
      r.client = people.clients.hetu(rng.below(people.clients.capacity))
      if let last = r.client.unicodeScalars.last, last.properties.isUppercase {
        r.client = String(r.client.dropLast()) + String(last).lowercased()
      } else {
        r.client = String(r.client.prefix(6)) + "a" + String(r.client.dropFirst(7))
      }
    case "bad_iban_check":
      let last = Int(r.iban.utf8.last! - 0x30)
      r.iban = String(r.iban.dropLast()) + String((last + 1) % 10)
    case "foreign_iban": r.iban = "SE4550000000058398257466"
    case "legal_basis_mismatch":
      r.legalBasis =
        r.legalBasis == "TOIMEENTULOTUKILAKI_23" ? "ASIAKASMAKSULAKI_14" : "TOIMEENTULOTUKILAKI_23"
    case "period_order": swap(&r.periodStart, &r.periodEnd)
    case "period_too_long":
      r.periodStart = date(LocalDate(year: now.year - 1, month: 1, day: 1)!, spec.dialect)
    case "unknown_benefit": r.benefit = "ASUMISTUKI"
    case "unknown_claim_type": r.type = "KOTIHOITO"
    case "missing_amount": r.amount = ""
    case "missing_iban": r.iban = ""
    case "missing_decision_date": r.decisionDate = ""
    case "overlapping_period":
      let earlier = lastClean!
      r.client = earlier.client
      r.benefit = earlier.benefit
      r.type = earlier.type
      r.legalBasis = earlier.legalBasis
      r.periodStart = earlier.periodStart
      r.periodEnd = earlier.periodEnd
    case "employee_without_mandate":
      r.registeredBy = people.employees.hetu(people.unmandatedFrom + rng.below(20_000))
    case "claim_self": r.client = r.registeredBy
    case "decision_in_future":
      r.decisionDate = date(now.adding(days: rng.within(2...60)), spec.dialect)
    case "amount_out_of_range": r.amount = rng.chance(0.5) ? "0.00" : "100000.00"
    case "bad_amount": r.amount = "12.345"
    case "bad_reference":
      r.reference = Ids.reference(base: 10_000 + rng.below(1_000_000))
      let last = Int(r.reference.utf8.last! - 0x30)
      r.reference = String(r.reference.dropLast()) + String((last + 5) % 10)
    case "bad_date": r.periodEnd = String(now.year) + "-02-30"
    case "duplicate_claim_id": r.id = lastClean!.id
    case "foreign_claimant": r.claimant = rng.pick(others).yTunnus
    case "bad_claimant_ytunnus": r.claimant = Ids.withWrongCheck(r.claimant)
    case "bad_boolean": r.nonDisclosure = "maybe"
    case "field_count": r.extraField = true
    default:
      r = ClaimRecord(id: r.id + "-X", action: "CANCEL", claimant: r.claimant)
    }
    tally.count(kind)
  }

  private func begin(_ spec: ClaimFileSpec, to sink: ByteSink) {
    switch spec.format {
    case .xml:
      sink.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
      sink.append("<PaymentClaims xmlns=\"urn:siirto:claims:1\">\n")
    case .csv:
      if spec.dialect.byteOrderMark { sink.append("\u{FEFF}") }
      for (i, column) in Self.header.enumerated() {
        if i > 0 { sink.append(byte: spec.dialect.delimiter) }
        csvField(column, spec.dialect, to: sink)
      }
      sink.append(spec.dialect.crlf ? "\r\n" : "\n")
    }
  }

  private func end(_ spec: ClaimFileSpec, to sink: ByteSink) {
    if spec.format == .xml { sink.append("</PaymentClaims>\n") }
  }

  @inline(__always)
  private func csvField(_ value: String, _ dialect: Dialect, to sink: ByteSink) {
    if dialect.quoteAll {
      sink.append(byte: 0x22)
      sink.append(value)
      sink.append(byte: 0x22)
    } else if dialect.delimiter == UInt8(ascii: ","), value.utf8.contains(UInt8(ascii: ",")) {
      sink.append(CSV.field(value, delimiter: dialect.delimiter))
    } else {
      sink.append(value)
    }
  }

  private func emit(_ r: ClaimRecord, _ spec: ClaimFileSpec, to sink: ByteSink) {
    switch spec.format {
    case .csv:
      let d = spec.dialect
      csvField(r.id, d, to: sink)
      for f in [
        r.action, r.claimant, r.registeredBy, r.client, r.type, r.legalBasis, r.benefit,
        r.periodStart, r.periodEnd, r.amount, r.iban, r.reference, r.decisionDate, r.nonDisclosure,
      ] {
        sink.append(byte: d.delimiter)
        csvField(f, d, to: sink)
      }
      if r.extraField {
        sink.append(byte: d.delimiter)
        csvField("x", d, to: sink)
      }
      sink.append(d.crlf ? "\r\n" : "\n")
    case .xml:
      sink.append("  <Claim id=\"\(r.id)\" action=\"\(r.action)\">\n")
      sink.append("    <Claimant yTunnus=\"\(r.claimant)\"/>\n")
      if r.action == "ADD" { xmlBody(r, to: sink) }
      sink.append("  </Claim>\n")
    }
  }

  private func xmlBody(_ r: ClaimRecord, to sink: ByteSink) {
    sink.append("    <RegisteredBy hetu=\"\(r.registeredBy)\"/>\n")
    let secret = r.nonDisclosure.isEmpty ? "false" : r.nonDisclosure
    sink.append("    <Client hetu=\"\(r.client)\" nonDisclosure=\"\(secret)\"/>\n")
    sink.append("    <Type>\(r.type)</Type>\n    <LegalBasis>\(r.legalBasis)</LegalBasis>\n")
    sink.append("    <Benefit>\(r.benefit)</Benefit>\n")
    sink.append("    <Period start=\"\(r.periodStart)\" end=\"\(r.periodEnd)\"/>\n")
    if !r.amount.isEmpty { sink.append("    <Amount>\(r.amount)</Amount>\n") }
    if !r.iban.isEmpty { sink.append("    <Iban>\(r.iban)</Iban>\n") }
    if !r.reference.isEmpty { sink.append("    <Reference>\(r.reference)</Reference>\n") }
    if !r.decisionDate.isEmpty {
      sink.append("    <DecisionDate>\(r.decisionDate)</DecisionDate>\n")
    }
    if r.extraField { sink.append("    <Note>x</Note>\n") }
  }
}
