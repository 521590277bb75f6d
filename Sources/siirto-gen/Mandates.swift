import SiirtoCore

/// A party of a mandate.
enum Party {
  case organisation(yTunnus: String)
  case person(hetu: String, name: String?)
}

/// One mandate of a Suomi.fi export, as strings ready to write (an injected error may put
/// anything into any of them).
struct MandateRecord {
  var id: String
  var status = "ACTIVE"
  var principal: Party
  var agent: Party
  var issue: String
  var validFrom: String?
  var validTo: String?
}

/// The mandates that make a drop's claims acceptable: every claimant's employees may act
/// for it, directly or through a shared service centre (claimant → centre → employee).
struct StaffPlan {
  /// Per claimant: the employee indices that may register its claims.
  var registrars: [[Int]] = []
  var mandates: [MandateRecord] = []
}

/// Writes a mandate export: the claimants' staff first, then `total` minus those of the
/// kind a national export is full of.
struct MandateWriter {
  static let kelaMatters = [
    "kelmu-etuustiedot-maksuvaatimukset", "kelmu-tmt-aineistot", "kela-ajanvaraus",
  ]
  /// Matters of other agencies that every export carries; Siirto ignores them.
  static let foreignMatters = [
    "vero-ilmoitukset-yhteisot", "ytj-perustamisilmoitus", "traficom-ajoneuvorekisteri",
    "avi-lupahakemukset", "tulli-tuonti-ilmoitukset",
  ]

  let register: Register
  let people: People
  let now: LocalDate
  let errorRate: Double
  var tally = Tally()
  private var rng: SplitMix64
  private var issued: [(id: String, agent: Party)] = []

  init(register: Register, people: People, now: LocalDate, seed: UInt64, errorRate: Double) {
    self.register = register
    self.people = people
    self.now = now
    self.errorRate = errorRate
    self.rng = SplitMix64(seed: seed, stream: 0x4D41_4E44)
  }

  /// The staff mandates for `claimants`: `perClaimant` employees each, a quarter of them
  /// through a service centre. Never carries an injected error: claims depend on it.
  static func staffPlan(
    for claimants: [Organisation], perClaimant: Int, register: Register, people: People,
    now: LocalDate
  ) -> StaffPlan {
    var plan = StaffPlan()
    let centres = register.serviceCentres
    let from = Text.iso(LocalDate(year: 2021, month: 2, day: 1)!)
    let to = Text.iso(now.adding(years: 3))
    var serial = 0
    func add(_ principal: Party, _ agent: Party) {
      serial += 1
      plan.mandates.append(
        MandateRecord(
          id: "M-S" + Text.padded(serial, width: 7), principal: principal, agent: agent,
          issue: kelaMatters[0], validFrom: from, validTo: to))
    }
    for (n, claimant) in claimants.enumerated() {
      var registrars: [Int] = []
      let direct = perClaimant - perClaimant / 4
      for k in 0..<direct {
        let e = people.staff(of: claimant, k)
        registrars.append(e)
        add(
          .organisation(yTunnus: claimant.yTunnus),
          .person(hetu: people.employees.hetu(e), name: people.employees.name(e)))
      }
      let centre = centres[n % centres.count]
      add(.organisation(yTunnus: claimant.yTunnus), .organisation(yTunnus: centre.yTunnus))
      // Each claimant gets its own slice of the centre's staff, so no mandate repeats.
      for k in 0..<(perClaimant / 4) {
        let e = people.staff(of: centre, (n / centres.count) * perClaimant + k)
        registrars.append(e)
        add(
          .organisation(yTunnus: centre.yTunnus),
          .person(hetu: people.employees.hetu(e), name: people.employees.name(e)))
      }
      plan.registrars.append(registrars)
    }
    return plan
  }

  /// One mandate of the national mix: mostly Kela matters from organisations to their
  /// staff, some organisation-to-organisation links, guardianships, other agencies'
  /// matters; some revoked, some expired, some about to expire.
  private mutating func background(serial: Int) -> MandateRecord {
    let orgs = register.organisations
    let id = "M-" + Text.padded(serial, width: 8)
    let roll = rng.below(100)
    var m: MandateRecord
    if roll < 12 {
      let child = rng.below(people.children.capacity)
      let birth = people.children.birthDate(child)
      let guardian = rng.below(people.clients.capacity)
      let from = max(birth, now.adding(days: -rng.below(2_000)))
      m = MandateRecord(
        id: id, principal: .person(hetu: people.children.hetu(child), name: nil),
        agent: .person(hetu: people.clients.hetu(guardian), name: people.clients.name(guardian)),
        issue: "huoltajuus", validFrom: Text.iso(from),
        validTo: Text.iso(birth.adding(years: 18).adding(days: -1)))
      return finish(m)
    }
    let org = orgs[rng.below(orgs.count)]
    let from = now.adding(days: -rng.below(2_100))
    if roll < 20, org.type == .kunta {
      let centre = rng.pick(register.jointAuthorities)
      m = MandateRecord(
        id: id, principal: .organisation(yTunnus: org.yTunnus),
        agent: .organisation(yTunnus: centre.yTunnus), issue: rng.pick(MandateWriter.kelaMatters),
        validFrom: Text.iso(from), validTo: nil)
    } else {
      let e = people.staff(of: org, rng.below(People.staffPerOrganisation))
      // Some principals are companies outside the register (a warning, still stored).
      let principal =
        rng.chance(0.02)
        ? Ids.yTunnus(base: 3_000_000 + rng.below(1_000_000)) ?? org.yTunnus : org.yTunnus
      m = MandateRecord(
        id: id, principal: .organisation(yTunnus: principal),
        agent: .person(hetu: people.employees.hetu(e), name: people.employees.name(e)),
        issue: roll < 32
          ? rng.pick(MandateWriter.foreignMatters) : rng.pick(MandateWriter.kelaMatters),
        validFrom: Text.iso(from), validTo: nil)
    }
    let end = rng.below(100)
    if end < 7, from < now {
      // Ended already: some day between its start and yesterday.
      m.validTo = Text.iso(from.adding(days: rng.below(from.days(to: now))))
    } else if end < 10 {
      m.validTo = Text.iso(now.adding(days: rng.below(30)))
    } else if end < 50 {
      m.validTo = Text.iso(now.adding(days: 30 + rng.below(1_500)))
    }
    if rng.chance(0.03) { m.status = "REVOKED" }
    return finish(m)
  }

  private mutating func finish(_ m: MandateRecord) -> MandateRecord {
    var m = m
    if errorRate > 0, rng.chance(errorRate) {
      inject(into: &m)
    } else if issued.count < 64 {
      issued.append((m.id, m.agent))
    } else {
      issued[rng.below(64)] = (m.id, m.agent)
    }
    return m
  }

  /// The error kinds of a mandate, named in the manifest as `kind`.
  private mutating func inject(into m: inout MandateRecord) {
    let kinds = [
      "bad_hetu_control", "bad_ytunnus_check", "party_type", "period_order", "guardian_not_minor",
      "id_conflict", "unknown_status", "missing_valid_from", "bad_date",
    ]
    var kind = rng.pick(kinds)
    if kind == "id_conflict" && issued.isEmpty { kind = "period_order" }
    switch kind {
    case "bad_hetu_control":
      let e = rng.below(people.unmandatedFrom)
      m.agent = .person(
        hetu: Ids.withWrongControl(people.employees.hetu(e)), name: people.employees.name(e))
    case "bad_ytunnus_check":
      m.principal = .organisation(
        yTunnus: Ids.withWrongCheck(rng.pick(register.organisations).yTunnus))
      if m.issue == "huoltajuus" { m.issue = MandateWriter.kelaMatters[0] }
    case "party_type":
      if m.issue == "huoltajuus" {
        m.principal = .organisation(yTunnus: rng.pick(register.organisations).yTunnus)
      } else {
        let c = rng.below(people.children.capacity)
        m.principal = .person(hetu: people.children.hetu(c), name: nil)
        m.issue = MandateWriter.kelaMatters[0]
      }
    case "period_order":
      let from = now.adding(days: -rng.below(300))
      m.validFrom = Text.iso(from)
      m.validTo = Text.iso(from.adding(days: -1 - rng.below(60)))
    case "guardian_not_minor":
      let adult = rng.below(people.clients.capacity)
      m.principal = .person(hetu: people.clients.hetu(adult), name: nil)
      m.agent = .person(hetu: people.clients.hetu((adult + 1) % people.clients.capacity), name: nil)
      m.issue = "huoltajuus"
      m.validFrom = Text.iso(now.adding(days: -rng.below(300)))
      m.validTo = nil
    case "id_conflict":
      let earlier = rng.pick(issued)
      m.id = earlier.id
      let e = rng.below(people.unmandatedFrom)
      m.agent = .person(hetu: people.employees.hetu(e), name: people.employees.name(e))
      if case .person(let hetu, _) = earlier.agent, hetu == people.employees.hetu(e) {
        m.agent = .person(hetu: people.employees.hetu(e + 1), name: people.employees.name(e + 1))
      }
    case "unknown_status":
      m.status = "PENDING"
    case "missing_valid_from":
      m.validFrom = nil
    default:
      m.validFrom = String(now.year) + "-02-30"
    }
    tally.count(kind)
  }

  /// Writes `plan`'s mandates and background ones up to `total` records.
  mutating func write(
    plan: StaffPlan, total: Int, format: FileFormat, exportID: String, exportedAt: String,
    to sink: ByteSink
  ) throws {
    switch format {
    case .xml:
      sink.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
      sink.append("<MandateExport xmlns=\"urn:siirto:mandates:1\" exportId=\"\(exportID)\"")
      sink.append(" exportedAt=\"\(exportedAt)\">\n")
    case .csv:
      sink.append(
        "mandate_id;status;principal_type;principal_id;agent_type;agent_id;agent_name;issue;"
          + "valid_from;valid_to\n")
    }
    var written = 0
    for m in plan.mandates.prefix(total) {
      Self.emit(m, format: format, to: sink)
      written += 1
      try sink.recordDone()
    }
    var serial = 0
    while written < total {
      serial += 1
      Self.emit(background(serial: serial), format: format, to: sink)
      written += 1
      try sink.recordDone()
    }
    if format == .xml { sink.append("</MandateExport>\n") }
  }

  private static func emit(_ m: MandateRecord, format: FileFormat, to sink: ByteSink) {
    switch format {
    case .xml:
      // Piece by piece: interpolation would build a temporary string per line.
      sink.append("  <Mandate id=\"")
      sink.append(m.id)
      sink.append("\" status=\"")
      sink.append(m.status)
      sink.append("\">\n    <Principal>")
      xmlParty(m.principal, to: sink)
      sink.append("</Principal>\n    <Agent>")
      xmlParty(m.agent, to: sink)
      sink.append("</Agent>\n    <Issue>")
      sink.append(m.issue)
      sink.append("</Issue>\n")
      if let from = m.validFrom {
        sink.append("    <ValidFrom>")
        sink.append(from)
        sink.append("</ValidFrom>\n")
      }
      if let to = m.validTo {
        sink.append("    <ValidTo>")
        sink.append(to)
        sink.append("</ValidTo>\n")
      }
      sink.append("  </Mandate>\n")
    case .csv:
      sink.append(m.id + ";" + m.status + ";")
      csvParty(m.principal, withName: false, to: sink)
      sink.append(";")
      csvParty(m.agent, withName: true, to: sink)
      sink.append(";" + m.issue + ";" + (m.validFrom ?? "") + ";" + (m.validTo ?? "") + "\n")
    }
  }

  private static func xmlParty(_ party: Party, to sink: ByteSink) {
    switch party {
    case .organisation(let y):
      sink.append("<Organisation yTunnus=\"")
      sink.append(y)
      sink.append("\"/>")
    case .person(let hetu, let name):
      sink.append("<Person hetu=\"")
      sink.append(hetu)
      if let name {
        sink.append("\" name=\"")
        sink.append(Text.xmlEscaped(name))
      }
      sink.append("\"/>")
    }
  }

  private static func csvParty(_ party: Party, withName: Bool, to sink: ByteSink) {
    switch party {
    case .organisation(let y):
      sink.append("ORG;" + y + (withName ? ";" : ""))
    case .person(let hetu, let name):
      sink.append("PERSON;" + hetu + (withName ? ";" + CSV.field(name ?? "") : ""))
    }
  }
}

/// Counts of injected errors by kind, in a fixed order for the manifest.
struct Tally {
  private(set) var kinds: [String] = []
  private(set) var counts: [Int] = []

  mutating func count(_ kind: String) {
    if let i = kinds.firstIndex(of: kind) {
      counts[i] += 1
    } else {
      kinds.append(kind)
      counts.append(1)
    }
  }

  var total: Int { counts.reduce(0, +) }

  /// `(kind, count)` sorted by kind, so the manifest does not depend on encounter order.
  var sorted: [(String, Int)] { zip(kinds, counts).sorted { $0.0 < $1.0 } }

  mutating func reset() { self = Tally() }
}

/// The two forms every kind has.
enum FileFormat: String, CaseIterable {
  case xml, csv
}
