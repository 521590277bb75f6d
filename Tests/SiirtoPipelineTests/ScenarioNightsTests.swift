import Crypto
import Foundation
import Testing

/// Several nights in a row through the real binary, each with its own `--now`.
@Suite("Scenarios: night after night")
struct ScenarioNightsTests {
  /// The base register and mandates, Helsinki's employee mandated until `helsinkiUntil`.
  static func start(on date: String, helsinkiUntil: String? = nil) throws -> Scenario {
    let s = Scenario()
    var mandates = baseMandates
    mandates[0]["valid_to"] = helsinkiUntil
    try s.ops(register: baseRegister)
    try s.ops(mandates: mandates)
    try s.night(date)
    return s
  }

  @Test("a mandate granted, used, expiring once, ended; another revoked")
  func mandateLifecycle() throws {
    let s = try Self.start(on: "2026-11-01", helsinkiUntil: "2026-12-15")
    #expect(try s.codes(Cast.helsinki, night: "2026-11-01") == ["REGISTER_ADDED"])

    try s.partner(Cast.helsinki, claims: [claim("C-1")], name: "c1.csv")
    try s.night("2026-11-02")
    #expect(try s.receipt("c1.csv", night: "2026-11-02").status == "ACCEPTED")
    #expect(try s.codes(Cast.helsinki, night: "2026-11-02") == ["CLAIMS_FORWARDED"])

    // 15.12. is 31 days after 14.11.: outside the window; on 15.11. inside it.
    try s.night("2026-11-14")
    #expect(try s.codes(Cast.helsinki, night: "2026-11-14").isEmpty)
    try s.night("2026-11-15")
    #expect(
      try s.notes(Cast.helsinki, night: "2026-11-15") == [
        Note(code: "MANDATE_EXPIRING", refType: "mandate", refID: "M-HKI-1")
      ])
    try s.night("2026-11-16")
    #expect(try s.codes(Cast.helsinki, night: "2026-11-16").isEmpty, "once per mandate")
    #expect(
      try s.rows("SELECT expiry_warned_for FROM mandates WHERE mandate_id = 'M-HKI-1'")
        == ["2026-12-15"])

    // The last valid day: still good, and nothing ended yet.
    try s.partner(
      Cast.helsinki, claims: [claim("C-2", start: "2026-11-01", end: "2026-11-30")],
      name: "c2.csv")
    try s.night("2026-12-15")
    #expect(try s.receipt("c2.csv", night: "2026-12-15").status == "ACCEPTED")
    #expect(try s.codes(Cast.helsinki, night: "2026-12-15") == ["CLAIMS_FORWARDED"])

    // The first run after it: ended, and Helsinki has nobody left.
    try s.partner(
      Cast.helsinki, claims: [claim("C-3", start: "2026-12-01", end: "2026-12-31")],
      name: "c3.csv")
    try s.night("2026-12-16")
    #expect(try s.receipt("c3.csv", night: "2026-12-16").codes == ["CLAIM_NO_MANDATE"])
    #expect(
      try s.codes(Cast.helsinki, night: "2026-12-16") == [
        "CLAIMS_UNAUTHORISED", "MANDATE_ENDED", "MANDATE_MISSING",
      ])
    try s.night("2026-12-17")
    #expect(try s.codes(Cast.helsinki, night: "2026-12-17").isEmpty)

    // A new mandate: covered again, silently. Then revoked: told at once, not again.
    try s.ops(
      mandates: [mandate("M-HKI-2", principal: Cast.helsinki, agent: Cast.colleague)],
      name: "m2.csv")
    try s.night("2026-12-18")
    #expect(try s.codes(Cast.helsinki, night: "2026-12-18").isEmpty)
    try s.ops(
      mandates: [
        mandate("M-HKI-2", principal: Cast.helsinki, agent: Cast.colleague, status: "REVOKED")
      ], name: "m3.csv")
    try s.night("2026-12-20")
    #expect(
      try s.notes(Cast.helsinki, night: "2026-12-20") == [
        Note(code: "MANDATE_ENDED", refType: "mandate", refID: "M-HKI-2"),
        Note(code: "MANDATE_MISSING", refType: "organisation", refID: Cast.helsinki),
      ])
    try s.night("2026-12-21")
    try s.night("2026-12-22")
    #expect(try s.allNotes(run: Scenario.runID("2026-12-21")).isEmpty)
    #expect(try s.allNotes(run: Scenario.runID("2026-12-22")).isEmpty)
  }

  @Test("a guardian's mandate ends the day before the 18th birthday, 29 February included")
  func guardianUntilEighteen() throws {
    let s = Scenario()
    let guardian = testHetu("121180", 905)
    // Born 29.2.2008: in the common year 2026 the 18th birthday is 1 March.
    let leapling = testHetu("290208", century: "A", 906)
    let child = testHetu("150610", century: "A", 907)
    func guardianship(_ id: String, _ principal: String, from: String, to: String? = nil)
      -> [String: String]
    {
      mandate(id, principal: principal, agent: guardian, issue: "huoltajuus", from: from, to: to)
    }
    try s.ops(register: baseRegister)
    try s.ops(
      mandates: [
        guardianship("G-1", leapling, from: "2008-02-29"),
        guardianship("G-2", child, from: "2010-06-15", to: "2030-12-31"),
        guardianship("G-3", leapling, from: "2026-02-28"),
      ])
    try s.night("2026-02-27")
    #expect(try s.receipt("mandates.csv", night: "2026-02-27").status == "ACCEPTED")
    #expect(
      try s.rows("SELECT mandate_id, effective_end FROM mandates ORDER BY mandate_id") == [
        "G-1|2026-02-28", "G-2|2028-06-14", "G-3|2026-02-28",
      ])

    try s.night("2026-02-28")
    // From the birthday on, the child is of age: no new guardianship.
    try s.ops(mandates: [guardianship("G-4", leapling, from: "2026-03-01")], name: "late.csv")
    try s.night("2026-03-01")
    #expect(
      try s.receipt("late.csv", night: "2026-03-01").codes == ["MANDATE_GUARDIAN_NOT_MINOR"])
    // A person's mandates are no organisation's news, ended or not.
    for night in ["2026-02-27", "2026-02-28", "2026-03-01"] {
      let notes = try s.allNotes(run: Scenario.runID(night))
      #expect(!notes.values.joined().contains { $0.refType == "mandate" })
    }
  }

  @Test("a municipality ending in a snapshot: claims decided after its end are refused")
  func municipalityEnds() throws {
    let s = try Self.start(on: "2026-11-22")
    var ending = baseRegister
    ending[2]["valid_to"] = "2026-11-30"
    try s.ops(register: ending, name: "register-2.csv")
    try s.night("2026-11-23")
    #expect(try s.codes(Cast.vantaa, night: "2026-11-23") == ["REGISTER_CHANGED"])
    #expect(
      try s.rows("SELECT \"end\" FROM organisation_periods WHERE y_tunnus = ?", [Cast.vantaa])
        == ["2026-11-30"])

    try s.partner(
      Cast.vantaa,
      claims: [
        claim(
          "V-1", claimant: Cast.vantaa, by: Cast.colleague,
          decision: "2026-11-30")
      ], name: "v1.csv")
    try s.night("2026-11-30")
    #expect(try s.receipt("v1.csv", night: "2026-11-30").status == "ACCEPTED")

    try s.partner(
      Cast.vantaa,
      claims: [
        claim(
          "V-2", claimant: Cast.vantaa, by: Cast.colleague, benefit: "KANSANELAKE",
          decision: "2026-12-01"),
        claim(
          "V-3", claimant: Cast.vantaa, by: Cast.colleague, benefit: "TAKUUELAKE",
          decision: "2026-11-30"),
      ], name: "v2.csv")
    try s.night("2026-12-01")
    let receipt = try s.receipt("v2.csv", night: "2026-12-01")
    #expect(receipt.codes(record: 1) == ["CLAIM_CLAIMANT_UNKNOWN"])
    #expect(receipt.codes(record: 2).isEmpty, "decided while it was still registered")

    // Its mandate revoked now: an organisation that is not active is never MANDATE_MISSING.
    try s.ops(
      mandates: [
        mandate("M-VAN-1", principal: Cast.vantaa, agent: Cast.colleague, status: "REVOKED")
      ], name: "m2.csv")
    try s.night("2026-12-02")
    #expect(try s.codes(Cast.vantaa, night: "2026-12-02") == ["MANDATE_ENDED"])
  }

  @Test("a kuntayhtymä acts for a member municipality: one hop is accepted, two are refused")
  func jointAuthority() throws {
    let second = testYTunnus("2345679")
    let outsider = testHetu("040480", 908)
    let s = Scenario()
    try s.ops(
      register: baseRegister + [
        organisation(second, "Toinen kuntayhtymä", type: "KUNTAYHTYMA", from: "2010-01-01")
      ])
    try s.ops(
      mandates: baseMandates + [
        mandate("M-KY-KY2", principal: Cast.kuntayhtyma, agent: second),
        mandate("M-KY2-1", principal: second, agent: outsider, name: "Neljäs Testaaja"),
      ])
    try s.night("2026-11-22")

    try s.partner(
      Cast.kuntayhtyma,
      claims: [
        claim("E-1", claimant: Cast.espoo, by: Cast.jointEmployee),
        claim("E-2", claimant: Cast.espoo, by: outsider, benefit: "KANSANELAKE"),
        claim("K-1", claimant: Cast.kuntayhtyma, by: outsider, benefit: "TAKUUELAKE"),
      ])
    try s.night("2026-11-23")
    let receipt = try s.receipt("claims.csv", night: "2026-11-23")
    #expect(receipt.codes(record: 1).isEmpty, "Espoo → kuntayhtymä → employee")
    #expect(receipt.codes(record: 2) == ["CLAIM_NO_MANDATE"], "Espoo → KY → KY2 → person")
    #expect(receipt.codes(record: 3).isEmpty, "KY → KY2 → person is one hop for KY itself")
    #expect(
      try s.codes(Cast.espoo, night: "2026-11-23") == [
        "CLAIMS_UNAUTHORISED", "CLAIMS_FORWARDED",
      ])

    // Espoo revokes the joint authority: its employee and its folder lose Espoo.
    try s.ops(
      mandates: [
        mandate("M-ESP-1", principal: Cast.espoo, agent: Cast.kuntayhtyma, status: "REVOKED")
      ], name: "m2.csv")
    try s.partner(
      Cast.kuntayhtyma,
      claims: [
        claim(
          "E-3", claimant: Cast.espoo, by: Cast.jointEmployee,
          start: "2026-11-01", end: "2026-11-30")
      ], name: "after.csv")
    try s.ops(
      claims: [
        claim(
          "E-4", claimant: Cast.espoo, by: Cast.jointEmployee,
          start: "2026-11-01", end: "2026-11-30")
      ], name: "ops.csv")
    try s.night("2026-11-24")
    #expect(
      try s.receipt("after.csv", night: "2026-11-24").problems.map(\.code) == [
        "CLAIM_SENDER_NOT_AUTHORISED"
      ])
    #expect(try s.receipt("ops.csv", night: "2026-11-24").codes == ["CLAIM_NO_MANDATE"])
    #expect(
      try s.codes(Cast.espoo, night: "2026-11-24").filter { $0.hasPrefix("MANDATE_") } == [
        "MANDATE_ENDED", "MANDATE_MISSING",
      ])
  }

  @Test("MANDATE_MISSING is sent on entering the state only")
  func missingOnEntering() throws {
    let s = Scenario()
    try s.ops(register: baseRegister)
    try s.night("2026-11-22")
    let first = try s.allNotes(run: Scenario.runID("2026-11-22"))
    for y in [Cast.helsinki, Cast.espoo, Cast.vantaa, Cast.kuntayhtyma, Cast.county] {
      #expect(first[y]?.map(\.code) == ["REGISTER_ADDED", "MANDATE_MISSING"], "\(y)")
    }
    #expect(try s.count("SELECT COUNT(*) FROM coverage_state") == 5)

    try s.night("2026-11-23")
    #expect(try s.allNotes(run: Scenario.runID("2026-11-23")).isEmpty)
    try s.ops(mandates: baseMandates)
    try s.night("2026-11-24")
    #expect(try s.allNotes(run: Scenario.runID("2026-11-24")).isEmpty)
    #expect(try s.count("SELECT COUNT(*) FROM coverage_state") == 0)

    // The joint authority's employee goes: the authority and Espoo (through it) both lose.
    try s.ops(
      mandates: [
        mandate("M-KY-1", principal: Cast.kuntayhtyma, agent: Cast.jointEmployee, status: "REVOKED")
      ], name: "m2.csv")
    try s.night("2026-11-25")
    #expect(
      try s.codes(Cast.kuntayhtyma, night: "2026-11-25") == [
        "MANDATE_ENDED", "MANDATE_MISSING",
      ])
    #expect(try s.codes(Cast.espoo, night: "2026-11-25") == ["MANDATE_MISSING"])
    try s.night("2026-11-26")
    #expect(try s.allNotes(run: Scenario.runID("2026-11-26")).isEmpty)
  }

  @Test("running a night again repeats no notification and no batch record")
  func rerunRepeatsNothing() throws {
    let s = try Self.start(on: "2026-11-22", helsinkiUntil: "2026-12-01")
    #expect(
      try s.codes(Cast.helsinki, night: "2026-11-22") == [
        "REGISTER_ADDED", "MANDATE_EXPIRING",
      ])
    // The same clock again, nothing new dropped.
    try s.night("2026-11-22")
    let second = Scenario.runID("2026-11-22", suffix: "-2")
    #expect(try s.count("SELECT COUNT(*) FROM run WHERE id = ?", [second]) == 1)
    #expect(try s.allNotes(run: second).isEmpty)

    try s.partner(Cast.helsinki, claims: [claim("C-1")])
    try s.night("2026-11-23")
    #expect(try s.batch(night: "2026-11-23")?.adds == ["C-1"])
    try s.night("2026-11-23")
    let again = Scenario.runID("2026-11-23", suffix: "-2")
    #expect(try s.allNotes(run: again).isEmpty)
    #expect(try s.batch(run: again) == nil)
    #expect(try s.count("SELECT COUNT(*) FROM claim_actions") == 1)
    #expect(
      try s.count("SELECT COUNT(*) FROM events WHERE code = 'MANDATE_EXPIRING'") == 1)
  }

  @Test("each night's Kela batch carries exactly that night's ADDs and CANCELs")
  func batches() throws {
    let s = try Self.start(on: "2026-11-22")
    try s.partner(
      Cast.helsinki,
      claims: [
        claim("HKI-2", benefit: "TYOMARKKINATUKI", amount: "612,35", nonDisclosure: "true"),
        claim("HKI-1"),
        claim("HKI-3", amount: "0"),
      ])
    try s.partner(
      Cast.kuntayhtyma,
      claims: [
        claim(
          "ESP-1", claimant: Cast.espoo, by: Cast.jointEmployee, benefit: "LAPSILISA",
          amount: "94,88")
      ], name: "ky.csv")
    try s.night("2026-11-23")
    let first = try #require(try s.batch(night: "2026-11-23"))
    // Stable order: claimant, then claim ID.
    #expect(
      first.claims.map { "\($0["action"]!) \($0["claimant"]!) \($0["id"]!)" } == [
        "ADD \(Cast.espoo) ESP-1", "ADD \(Cast.helsinki) HKI-1", "ADD \(Cast.helsinki) HKI-2",
      ])
    #expect(first.control == ["addCount": "3", "cancelCount": "0", "totalAmount": "1157.23"])
    let hki2 = try #require(first.claims.first { $0["id"] == "HKI-2" })
    #expect(hki2["amount"] == "612.35")
    #expect(hki2["nonDisclosure"] == "true")
    #expect(hki2["client"] == Cast.client, "Kela is entitled to the identity code")
    #expect(first.claims.first { $0["id"] == "HKI-1" }?["nonDisclosure"] == nil)
    try checkSidecar(s, Scenario.runID("2026-11-23"))

    try s.partner(
      Cast.helsinki,
      claims: [cancel("HKI-1"), claim("HKI-4", benefit: "KANSANELAKE", amount: "10,05")],
      name: "night2.csv")
    try s.night("2026-11-24")
    let second = try #require(try s.batch(night: "2026-11-24"))
    #expect(second.claims.map { "\($0["action"]!) \($0["id"]!)" } == ["CANCEL HKI-1", "ADD HKI-4"])
    #expect(second.control == ["addCount": "1", "cancelCount": "1", "totalAmount": "10.05"])
    try checkSidecar(s, Scenario.runID("2026-11-24"))
    #expect(
      try s.rows(
        "SELECT run_id, action, claim_id FROM claim_actions ORDER BY run_id, seq") == [
          "\(Scenario.runID("2026-11-23"))|ADD|HKI-2", "\(Scenario.runID("2026-11-23"))|ADD|HKI-1",
          "\(Scenario.runID("2026-11-23"))|ADD|ESP-1",
          "\(Scenario.runID("2026-11-24"))|CANCEL|HKI-1",
          "\(Scenario.runID("2026-11-24"))|ADD|HKI-4",
        ])

    // A night with nothing accepted writes no batch.
    try s.partner(Cast.helsinki, claims: [cancel("HKI-1")], name: "night3.csv")
    try s.night("2026-11-25")
    #expect(try s.batch(night: "2026-11-25") == nil)
    #expect(try s.receipt("night3.csv", night: "2026-11-25").codes == ["CLAIM_ALREADY_CANCELLED"])
  }

  func checkSidecar(_ s: Scenario, _ runID: String) throws {
    let path = "outbox/kela/claims-\(runID).xml"
    let data = try Data(contentsOf: s.sandbox.root.appendingPathComponent(path))
    let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    #expect(try s.sandbox.read(path + ".sha256") == "\(digest)  claims-\(runID).xml\n")
  }
}

/// A mandate's end moved by a later export.
@Suite("Scenarios: a mandate extended")
struct ScenarioMandateExtendedTests {
  @Test("warned of its end, then extended: warned again only when the new end nears")
  func extended() throws {
    let s = try ScenarioNightsTests.start(on: "2026-11-22", helsinkiUntil: "2026-12-01")
    #expect(try s.codes(Cast.helsinki, night: "2026-11-22").contains("MANDATE_EXPIRING"))
    try s.ops(
      mandates: [
        mandate(
          "M-HKI-1", principal: Cast.helsinki, agent: Cast.employee, name: "Testi Henkilö",
          to: "2027-03-31")
      ], name: "extended.csv")
    try s.night("2026-11-23")
    #expect(try s.codes(Cast.helsinki, night: "2026-11-23").isEmpty)
    // 1.12. passes without an end: the mandate now runs to 31.3.
    try s.night("2026-12-02")
    #expect(try s.codes(Cast.helsinki, night: "2026-12-02").isEmpty)
    try s.night("2027-03-01")
    #expect(
      try s.notes(Cast.helsinki, night: "2027-03-01") == [
        Note(code: "MANDATE_EXPIRING", refType: "mandate", refID: "M-HKI-1")
      ])
    try s.night("2027-04-01")
    #expect(
      try s.codes(Cast.helsinki, night: "2027-04-01") == ["MANDATE_ENDED", "MANDATE_MISSING"])
  }
}

/// The order of one night and its clock (operations.md, inputs.md "Dates and clocks").
@Suite("Scenarios: one night's order and clock")
struct ScenarioClockTests {
  @Test("kind by kind: the night's register and mandates are in place before its claims")
  func kindOrder() throws {
    let s = Scenario()
    // Written in the wrong order: claims first, the register last.
    try s.partner(Cast.helsinki, claims: [claim("C-1")])
    try s.ops(mandates: baseMandates)
    try s.ops(register: baseRegister)
    try s.night("2026-11-22")
    #expect(try s.receipt("mandates.csv", night: "2026-11-22").codes.isEmpty)
    #expect(try s.receipt("claims.csv", night: "2026-11-22").status == "ACCEPTED")
    #expect(try s.receipt("register.csv", night: "2026-11-22").path.hasSuffix("-1.xml"))
    #expect(
      try s.allNotes(run: Scenario.runID("2026-11-22")).values.joined()
        .filter { $0.code == "MANDATE_MISSING" }.isEmpty)
  }

  @Test("the run's date and an export's date are Helsinki dates")
  func helsinkiDates() throws {
    let s = try ScenarioClaimTests.ready()
    // 22.30 UTC on 22.11. is already 23.11. in Helsinki.
    try s.ops(
      "revoke.xml",
      ScenarioMandateTests.export(
        "VAL-2", exportedAt: "2026-11-22T22:30:00Z",
        """
          <Mandate id="M-VAN-1" status="REVOKED">
            <Principal><Organisation yTunnus="\(Cast.vantaa)"/></Principal>
            <Agent><Person hetu="\(Cast.colleague)"/></Agent>
            <Issue>kelmu-etuustiedot-maksuvaatimukset</Issue>
            <ValidFrom>2024-01-01</ValidFrom>
          </Mandate>
        """))
    try s.ops(claims: [claim("C-1", decision: "2026-11-23")])
    let result = try s.sandbox.run(now: "2026-11-22T22:30:00Z")
    #expect(result.status == 0, "\(result.stdout)")
    let runID = "20261122-223000"
    #expect(try s.receipt("claims.csv", run: runID).status == "ACCEPTED", "decided today")
    #expect(
      try s.rows("SELECT effective_end FROM mandates WHERE mandate_id = 'M-VAN-1'")
        == ["2026-11-22"])
    #expect(
      FileManager.default.fileExists(
        atPath: s.sandbox.root.appendingPathComponent("archive/2026/11/23/\(runID)").path))
  }
}

extension ScenarioNightsTests {
  @Test("a claim added and cancelled in one night: the batch adds it before it cancels it")
  func addThenCancelOneNight() throws {
    let s = try Self.start(on: "2026-11-22")
    try s.partner(
      Cast.helsinki, claims: [claim("C-1"), claim("C-0", benefit: "KANSANELAKE"), cancel("C-1")])
    try s.night("2026-11-23")
    #expect(try s.receipt("claims.csv", night: "2026-11-23").status == "ACCEPTED")
    let batch = try #require(try s.batch(night: "2026-11-23"))
    #expect(
      batch.claims.map { "\($0["action"]!) \($0["id"]!)" } == ["ADD C-0", "ADD C-1", "CANCEL C-1"])
    #expect(batch.control == ["addCount": "2", "cancelCount": "1", "totalAmount": "900.00"])
  }
}
