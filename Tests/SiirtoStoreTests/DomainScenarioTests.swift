import SiirtoCore
import SiirtoStore
import Testing

/// Several nights in a row, each with its own run date.
@Suite("Multi-night scenarios")
struct DomainScenarioTests {
  func codes(_ h: Harness, _ night: String, _ code: NotificationCode) throws -> [String] {
    try h.events(night).filter { $0.code == code }.map(\.recipient)
  }

  @Test("a mandate granted, used by claims, expiring, ended; then another revoked")
  func mandateLifecycle() throws {
    let h = try Harness()
    try h.registerBasics(on: "2026-01-01")
    try h.night("2026-01-01")
    #expect(
      try codes(h, "2026-01-01", .MANDATE_MISSING)
        == [espoo.value, helsinki.value, vantaa.value, omnia.value].sorted())

    try h.file(
      .mandates, on: "2026-01-02",
      [mandateRow("M1", principal: helsinki, agent: employee, to: "2026-12-15")])
    try h.night("2026-01-02")
    #expect(try h.events("2026-01-02").isEmpty)

    let used = try h.file(.claims, on: "2026-11-02", [claimRow("C1")])
    #expect(used.dispositions == [.accepted])
    try h.night("2026-11-02")
    #expect(try h.events("2026-11-02").isEmpty)

    try h.night("2026-11-15")
    let expiring = try h.events("2026-11-15")
    #expect(expiring.map(\.code) == [.MANDATE_EXPIRING])
    #expect(expiring.first?.refID == "M1")
    #expect(expiring.first?.arguments["lastValidDay"] == "2026-12-15")
    try h.night("2026-11-16")
    #expect(try h.events("2026-11-16").isEmpty)

    let lastDay = try h.file(
      .claims, on: "2026-12-15", [claimRow("C2", start: "2026-11-01", end: "2026-11-30")])
    #expect(lastDay.dispositions == [.accepted])
    try h.night("2026-12-15")
    #expect(try h.events("2026-12-15").isEmpty)

    try h.night("2026-12-16")
    let ended = try h.events("2026-12-16")
    #expect(ended.map(\.code) == [.MANDATE_ENDED, .MANDATE_MISSING])
    #expect(ended[0].arguments["reason"] == "expired")
    #expect(ended.allSatisfy { $0.recipient == helsinki.value })
    let late = try h.file(
      .claims, on: "2026-12-16", [claimRow("C3", start: "2026-09-01", end: "2026-09-30")])
    #expect(errors(late.outcomes[0]) == [.CLAIM_NO_MANDATE])
    try h.night("2026-12-17")
    #expect(try h.events("2026-12-17").filter { $0.code != .CLAIMS_UNAUTHORISED }.isEmpty)

    // A new mandate, then revoked: told at once, not again by the calendar.
    try h.file(
      .mandates, on: "2026-12-18", [mandateRow("M2", principal: helsinki, agent: colleague)])
    try h.night("2026-12-18")
    try h.file(
      .mandates, on: "2026-12-20",
      [mandateRow("M2", principal: helsinki, agent: colleague, status: "REVOKED")])
    try h.night("2026-12-20")
    #expect(try h.events("2026-12-20").map(\.code) == [.MANDATE_ENDED, .MANDATE_MISSING])
    try h.night("2026-12-21")
    #expect(try h.events("2026-12-21").isEmpty)
  }

  @Test("a guardian mandate ends the day before the 18th birthday, 29 February included")
  func guardianAtEighteen() throws {
    let h = try Harness()
    let child = person("290208", century: "A", 902)
    let guardian = colleague
    func row(_ id: String, from: String) -> [String: String] {
      [
        "mandate_id": id, "status": "ACTIVE", "principal_type": "PERSON",
        "principal_id": child.value, "agent_type": "PERSON", "agent_id": guardian.value,
        "issue": "huoltajuus", "valid_from": from,
      ]
    }
    let result = try h.file(
      .mandates, on: "2026-01-10", [row("G1", from: "2008-02-29"), row("G2", from: "2026-03-01")])
    #expect(result.dispositions == [.accepted, .rejected])
    #expect(errors(result.outcomes[1]) == [.MANDATE_GUARDIAN_NOT_MINOR])
    func valid(_ date: String) throws -> Bool {
      try h.store.queue.read { db in
        !(try StoreState(db, runID: "").mandates(
          principal: .person(child), matter: "huoltajuus", validOn: LocalDate.parseISO(date)!
        )
        .isEmpty)
      }
    }
    // 2026 is a common year: the child turns 18 on 1 March.
    #expect(try valid("2026-02-28"))
    #expect(try !valid("2026-03-01"))
    // A person's mandates are nobody's organisation's news.
    try h.night("2026-02-10")
    try h.night("2026-03-02")
    #expect(try h.events("2026-02-10").isEmpty)
    #expect(try h.events("2026-03-02").isEmpty)
  }

  @Test("a municipality ended in a snapshot: its later claims are refused, earlier decisions stand")
  func municipalityEnded() throws {
    let h = try Harness()
    try h.registerBasics(on: "2026-01-01")
    try h.file(.mandates, on: "2026-01-02", [mandateRow("M1", principal: vantaa, agent: employee)])
    try h.file(
      .register, on: "2027-01-01",
      [
        kunta(helsinki, "Helsingin kaupunki", code: "091"),
        kunta(espoo, "Espoon kaupunki", code: "049"),
        organisationRow(omnia, "Omnia", type: "KUNTAYHTYMA"),
      ])
    #expect(try h.events("2027-01-01").map(\.code) == [.REGISTER_REMOVED])
    let claims = try h.file(
      .claims, on: "2027-01-10",
      [
        claimRow(
          "V1", claimant: vantaa, start: "2026-12-01", end: "2026-12-31", decision: "2027-01-05"),
        claimRow(
          "V2", claimant: vantaa, start: "2026-11-01", end: "2026-11-30", decision: "2026-12-20"),
      ])
    #expect(errors(claims.outcomes[0]) == [.CLAIM_CLAIMANT_UNKNOWN])
    #expect(claims.dispositions[1] == .accepted)
    // Nobody is told MANDATE_MISSING for an organisation that is not active.
    try h.night("2027-01-10")
    #expect(try !codes(h, "2027-01-10", .MANDATE_MISSING).contains(vantaa.value))
  }

  @Test("a kuntayhtymä acts for a member municipality: one hop counts, two do not")
  func oneHop() throws {
    let h = try Harness()
    try h.registerBasics(on: "2026-01-01")
    let third = person("030391", 905)
    try h.file(
      .mandates, on: "2026-01-02",
      [
        orgMandateRow("K1", principal: helsinki, agent: omnia),
        mandateRow("P1", principal: omnia, agent: colleague, name: "Kaija Koe"),
        orgMandateRow("K2", principal: espoo, agent: omnia),
        orgMandateRow("K3", principal: omnia, agent: vantaa),
        mandateRow("P2", principal: vantaa, agent: third, name: "Kolmas"),
      ])
    #expect(try h.mayAct(colleague, for: helsinki, on: "2026-02-01"))
    #expect(try h.mayAct(third, for: omnia, on: "2026-02-01"))
    #expect(try !h.mayAct(third, for: espoo, on: "2026-02-01"))
    let result = try h.file(
      .claims, on: "2026-11-02", sender: .partner(omnia),
      [
        claimRow("H1", claimant: helsinki, by: colleague),
        claimRow("E1", claimant: espoo, by: third, start: "2026-09-01", end: "2026-09-30"),
      ])
    #expect(result.dispositions == [.accepted, .rejected])
    #expect(errors(result.outcomes[1]) == [.CLAIM_NO_MANDATE])
    let events = try h.events("2026-11-02")
    #expect(events.map(\.recipient) == [espoo.value, omnia.value])
    #expect(events[0].arguments["employee"] == "Kolmas")

    var tally = ClaimantTotals.Tally()
    try h.store.queue.read { db in
      try DomainQueries(db).forEachBatchRecord(runID: "2026-11-02") { tally.add($0, sender: $1) }
    }
    let forwarded = tally.forwarded
    #expect(
      forwarded == [
        ForwardingSender(
          sender: omnia,
          totals: ClaimantTotals(claimant: helsinki, added: 1, cancelled: 0, total: Cents(45_000)))
      ])

    let coverage = try h.store.queue.read { db in
      try Authorisation.coverage(
        on: LocalDate.parseISO("2026-11-02")!, settings: h.settings, in: StoreState(db, runID: ""))
    }
    let counts = Dictionary(
      uniqueKeysWithValues: coverage.map { ($0.organisation, $0.authorisedPersons) })
    #expect(counts == [helsinki: 1, espoo: 1, vantaa: 1, omnia: 2])
  }

  @Test("the calendar's events are not repeated by a second run on the same date")
  func sameDateTwice() throws {
    let h = try Harness()
    try h.registerBasics(on: "2026-01-01")
    try h.file(
      .mandates, on: "2026-01-02",
      [
        mandateRow("M1", principal: helsinki, agent: employee, to: "2026-01-10"),
        mandateRow("M2", principal: espoo, agent: employee, to: "2026-01-02"),
      ])
    try h.night("2026-01-03", runID: "first")
    #expect(
      try h.events("first").map(\.code).sorted { $0.rawValue < $1.rawValue } == [
        .MANDATE_ENDED, .MANDATE_EXPIRING, .MANDATE_MISSING, .MANDATE_MISSING, .MANDATE_MISSING,
      ])
    try h.night("2026-01-03", runID: "second")
    #expect(try h.events("second").isEmpty)
  }

  @Test("the calendar's notices are remembered in the mandate, the rest of it left as it was")
  func noticesRemembered() throws {
    let h = try Harness()
    try h.registerBasics(on: "2026-01-01")
    try h.file(
      .mandates, on: "2026-01-02",
      [mandateRow("M1", principal: helsinki, agent: employee, to: "2026-01-10")])
    let stored = try #require(try h.mandate("M1"))
    #expect(stored.expiryWarnedFor == nil)
    #expect(stored.endNoticePending)

    try h.night("2026-01-05")
    var expected = stored
    expected.expiryWarnedFor = LocalDate.parseISO("2026-01-10")
    #expect(try h.mandate("M1") == expected)
    #expect(try h.mandateRunID("M1") == "2026-01-05")

    try h.night("2026-01-11")
    expected.endNoticePending = false
    #expect(try h.mandate("M1") == expected)
    #expect(try h.mandateRunID("M1") == "2026-01-11")
    #expect(try h.events("2026-01-11").map(\.code).contains(.MANDATE_ENDED))
  }

  @Test("MANDATE_MISSING on entering the state only, again when re-added")
  func missingOnEntering() throws {
    let h = try Harness()
    try h.file(
      .register, on: "2026-01-01",
      [kunta(helsinki, "Helsingin kaupunki", code: "091"), kunta(espoo, "Espoo", code: "049")])
    try h.night("2026-01-01")
    #expect(try codes(h, "2026-01-01", .MANDATE_MISSING) == [espoo.value, helsinki.value])
    try h.night("2026-01-02")
    #expect(try h.events("2026-01-02").isEmpty)
    // Covered, then uncovered again: a new notice.
    try h.file(
      .mandates, on: "2026-01-03",
      [mandateRow("M1", principal: helsinki, agent: employee, to: "2026-01-05")])
    try h.night("2026-01-03")
    #expect(try h.events("2026-01-03").map(\.code) == [.MANDATE_EXPIRING])
    try h.night("2026-01-06")
    #expect(try codes(h, "2026-01-06", .MANDATE_MISSING) == [helsinki.value])
    // Removed, then added again with nobody authorised: told again.
    try h.file(.register, on: "2026-02-01", [kunta(helsinki, "Helsingin kaupunki", code: "091")])
    try h.night("2026-02-01")
    #expect(try h.events("2026-02-01").map(\.code) == [.REGISTER_REMOVED])
    try h.file(
      .register, on: "2026-03-01",
      [kunta(helsinki, "Helsingin kaupunki", code: "091"), kunta(espoo, "Espoo", code: "049")])
    try h.night("2026-03-01")
    #expect(try h.events("2026-03-01").map(\.code) == [.REGISTER_ADDED, .MANDATE_MISSING])
  }
}
