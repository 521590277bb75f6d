import SiirtoCore
import SiirtoStore
import Testing

@Suite("Mandate exports")
struct DomainMandateTests {
  @Test("upsert by mandate ID; the agent's name is remembered")
  func upsert() throws {
    let h = try Harness()
    try h.registerBasics()
    let first = try h.file(
      .mandates, on: "2026-02-01", [mandateRow("M1", principal: helsinki, agent: employee)])
    #expect(first.dispositions == [.accepted])
    #expect(try h.mayAct(employee, for: helsinki, on: "2026-02-01"))
    try h.file(
      .mandates, on: "2026-02-02",
      [mandateRow("M1", principal: helsinki, agent: employee, name: "Uusi Nimi", to: "2026-02-10")])
    #expect(try h.mayAct(employee, for: helsinki, on: "2026-02-10"))
    #expect(try !h.mayAct(employee, for: helsinki, on: "2026-02-11"))
    let name = try h.store.queue.read { db in
      try StoreState(db, runID: "").personName(employee)
    }
    #expect(name == "Uusi Nimi")
  }

  @Test("a mandate an export repeats unchanged is not written again; a changed one is")
  func unchangedNotRewritten() throws {
    let h = try Harness()
    try h.registerBasics()
    let row = mandateRow("M1", principal: helsinki, agent: employee, to: "2026-12-31")
    try h.file(.mandates, on: "2026-02-01", [row])
    let stored = try h.mandate("M1")
    let again = try h.file(.mandates, on: "2026-02-02", [row])
    #expect(again.dispositions == [.accepted])
    #expect(try h.mandate("M1") == stored)
    #expect(try h.mandateRunID("M1") == "2026-02-01")

    try h.file(
      .mandates, on: "2026-02-03",
      [mandateRow("M1", principal: helsinki, agent: employee, to: "2026-06-30")])
    #expect(try h.mandate("M1")?.effectiveEnd == LocalDate.parseISO("2026-06-30"))
    #expect(try h.mandateRunID("M1") == "2026-02-03")
  }

  @Test("rule 1: an unknown matter is ignored, not checked further")
  func unknownMatter() throws {
    let h = try Harness()
    var row = mandateRow("M1", principal: helsinki, agent: employee, matter: "vero-asiat")
    row["agent_id"] = "garbage"
    let result = try h.file(.mandates, on: "2026-02-01", [row])
    #expect(result.dispositions == [.ignored])
    #expect(result.codes == [[.MANDATE_ISSUE_IGNORED]])
  }

  @Test("rule 2 and 3: party types and period order")
  func partiesAndPeriod() throws {
    let h = try Harness()
    var personPrincipal = mandateRow("M1", principal: helsinki, agent: employee)
    personPrincipal["principal_type"] = "PERSON"
    personPrincipal["principal_id"] = colleague.value
    var orgGuardian = mandateRow("M2", principal: helsinki, agent: employee, matter: "huoltajuus")
    orgGuardian["agent_type"] = "ORG"
    orgGuardian["agent_id"] = espoo.value
    let backwards = mandateRow(
      "M3", principal: helsinki, agent: employee, from: "2026-05-01", to: "2026-04-01")
    let result = try h.validate(
      .mandates, on: "2026-02-01", [personPrincipal, orgGuardian, backwards])
    #expect(errors(result.outcomes[0]) == [.MANDATE_PARTY_TYPE])
    #expect(errors(result.outcomes[1]) == [.MANDATE_PARTY_TYPE, .MANDATE_PARTY_TYPE])
    #expect(errors(result.outcomes[2]) == [.PERIOD_ORDER])
  }

  @Test("rule 4: guardianship of a minor ends the day before the 18th birthday")
  func guardianship() throws {
    let h = try Harness()
    let child = person("150612", century: "A", 905)
    let adult = person("010185", 903)
    func guardian(_ id: String, child: Hetu, from: String, to: String? = nil) -> [String: String] {
      var r = [
        "mandate_id": id, "status": "ACTIVE", "principal_type": "PERSON",
        "principal_id": child.value, "agent_type": "PERSON", "agent_id": colleague.value,
        "issue": "huoltajuus", "valid_from": from,
      ]
      r["valid_to"] = to
      return r
    }
    let result = try h.file(
      .mandates, on: "2026-02-01",
      [
        guardian("G1", child: child, from: "2012-06-15", to: "2040-01-01"),
        guardian("G2", child: adult, from: "2026-01-01"),
        guardian("G3", child: child, from: "2012-06-14"),
      ])
    #expect(result.dispositions == [.accepted, .rejected, .rejected])
    #expect(errors(result.outcomes[1]) == [.MANDATE_GUARDIAN_NOT_MINOR])
    #expect(errors(result.outcomes[2]) == [.RANGE])
    let stored = try h.store.queue.read { try StoreState($0, runID: "").mandate(id: "G1") }
    #expect(stored?.effectiveEnd == LocalDate.parseISO("2030-06-14"))
  }

  @Test("revocation ends a mandate as of the export date and tells the principal")
  func revocation() throws {
    let h = try Harness()
    try h.registerBasics()
    try h.file(
      .mandates, on: "2026-02-01", [mandateRow("M1", principal: helsinki, agent: employee)])
    try h.file(
      .mandates, on: "2026-03-10", format: .xml,
      attributes: ["exportId": "VAL-2", "exportedAt": "2026-03-09T22:30:00Z"], sha: "b",
      [mandateRow("M1", principal: helsinki, agent: employee, status: "REVOKED")])
    // 22:30Z is 00:30 on 10 March in Helsinki: ends as of 10 March.
    #expect(try h.mayAct(employee, for: helsinki, on: "2026-03-09"))
    #expect(try !h.mayAct(employee, for: helsinki, on: "2026-03-10"))
    let events = try h.events("2026-03-10")
    #expect(events.map(\.code) == [.MANDATE_ENDED])
    #expect(events[0].recipient == helsinki.value)
    #expect(events[0].arguments["agent"] == "Testi Henkilö")
    #expect(events[0].arguments["reason"] == "revoked")
    // The night's time-driven evaluation does not tell it again.
    try h.night("2026-03-10")
    try h.night("2026-03-11")
    #expect(try h.events("2026-03-11").filter { $0.code == .MANDATE_ENDED }.isEmpty)
  }

  @Test("a later export that still lists a revoked mandate does not move its end or tell it again")
  func revokedAgain() throws {
    let h = try Harness()
    try h.registerBasics()
    try h.file(
      .mandates, on: "2026-02-01", [mandateRow("M1", principal: helsinki, agent: employee)])
    let revoked = mandateRow("M1", principal: helsinki, agent: employee, status: "REVOKED")
    try h.file(.mandates, on: "2026-03-10", [revoked])
    try h.night("2026-03-10")
    #expect(try h.events("2026-03-10").filter { $0.code == .MANDATE_ENDED }.count == 1)
    let ended = try #require(try h.mandate("M1"))
    #expect(ended.effectiveEnd == LocalDate.parseISO("2026-03-09"))

    for night in ["2026-03-20", "2026-03-21"] {
      try h.file(.mandates, on: night, [revoked])
      try h.night(night)
      #expect(try h.mandate("M1") == ended)
      #expect(try h.events(night).filter { $0.code == .MANDATE_ENDED }.isEmpty)
    }
    #expect(try !h.mayAct(employee, for: helsinki, on: "2026-03-15"))
  }

  @Test("a later export that moves the end of a long-ended mandate does not tell it again")
  func endCorrectedLongAfter() throws {
    let h = try Harness()
    try h.registerBasics()
    try h.file(
      .mandates, on: "2026-02-01",
      [mandateRow("M1", principal: helsinki, agent: employee, to: "2026-02-10")])
    try h.night("2026-02-11")
    #expect(try h.events("2026-02-11").filter { $0.code == .MANDATE_ENDED }.count == 1)

    try h.file(
      .mandates, on: "2026-03-01",
      [mandateRow("M1", principal: helsinki, agent: employee, to: "2026-02-12")])
    #expect(try h.mandate("M1")?.effectiveEnd == LocalDate.parseISO("2026-02-12"))
    try h.night("2026-03-01")
    #expect(try h.events("2026-03-01").filter { $0.code == .MANDATE_ENDED }.isEmpty)

    // Cut short from the future into the past: that is news.
    try h.file(
      .mandates, on: "2026-03-02",
      [mandateRow("M2", principal: helsinki, agent: colleague, to: "2026-12-31")])
    try h.file(
      .mandates, on: "2026-03-20",
      [mandateRow("M2", principal: helsinki, agent: colleague, to: "2026-03-05")])
    try h.night("2026-03-20")
    #expect(try h.events("2026-03-20").filter { $0.code == .MANDATE_ENDED }.map(\.refID) == ["M2"])
  }

  func revokedUnknown() throws {
    let h = try Harness()
    try h.registerBasics()
    let result = try h.file(
      .mandates, on: "2026-03-10",
      [mandateRow("M9", principal: helsinki, agent: employee, status: "REVOKED")])
    #expect(result.dispositions == [.accepted])
    #expect(try h.events("2026-03-10").isEmpty)
    #expect(try !h.mayAct(employee, for: helsinki, on: "2026-03-10"))
  }

  @Test("rules 5 and 6: unregistered principal warns; an ID conflict keeps the stored one")
  func unregisteredAndConflict() throws {
    let h = try Harness()
    let unknown = organisationID(4_444_444)
    let first = try h.file(
      .mandates, on: "2026-02-01", [mandateRow("M1", principal: unknown, agent: employee)])
    #expect(first.dispositions == [.accepted])
    #expect(first.codes == [[.HETU_TEMPORARY, .MANDATE_PRINCIPAL_UNREGISTERED]])
    let conflict = try h.file(
      .mandates, on: "2026-02-02", [mandateRow("M1", principal: unknown, agent: colleague)])
    #expect(errors(conflict.outcomes[0]) == [.MANDATE_ID_CONFLICT])
    let stored = try h.store.queue.read { try StoreState($0, runID: "").mandate(id: "M1") }
    #expect(stored?.agent == .person(employee))
  }

  @Test("rule 7: an export ID reused with other content rejects the file")
  func exportIDReused() throws {
    let h = try Harness()
    let attributes = ["exportId": "VAL-1", "exportedAt": "2026-02-01T01:00:00Z"]
    let rows = [mandateRow("M1", principal: helsinki, agent: employee)]
    let first = try h.file(
      .mandates, on: "2026-02-01", format: .xml, attributes: attributes, sha: "aa", rows)
    #expect(first.begin.isEmpty)
    let same = try h.file(
      .mandates, on: "2026-02-02", format: .xml, attributes: attributes, sha: "aa", rows)
    #expect(same.begin.isEmpty)
    let other = try h.file(
      .mandates, on: "2026-02-02", format: .xml, attributes: attributes, sha: "bb", rows)
    #expect(other.begin.map(\.code) == [.EXPORT_ID_REUSED])
  }

  @Test("field types: dates in CSV may be Finnish with a warning, XML only ISO")
  func dates() throws {
    let h = try Harness()
    let row = mandateRow("M1", principal: helsinki, agent: employee, from: "1.2.2026")
    let csv = try h.validate(.mandates, on: "2026-02-01", [row])
    #expect(csv.codes == [[.HETU_TEMPORARY, .DATE_FINNISH_FORMAT]])
    let xml = try h.validate(.mandates, on: "2026-02-01", format: .xml, [row])
    #expect(errors(xml.outcomes[0]) == [.TYPE])
  }
}
