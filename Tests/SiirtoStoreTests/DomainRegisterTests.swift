import SiirtoCore
import SiirtoStore
import Testing

@Suite("Register snapshot")
struct DomainRegisterTests {
  @Test("new organisations are added from the snapshot date, with REGISTER_ADDED")
  func added() throws {
    let h = try Harness()
    let result = try h.file(
      .register, on: "2026-01-10",
      [
        kunta(helsinki, "Helsingin kaupunki", code: "091"),
        kunta(espoo, "Espoon kaupunki", code: "049", from: "2001-01-01"),
      ])
    #expect(result.dispositions == [.accepted, .accepted])
    #expect(result.finish.isEmpty)
    #expect(try h.organisation(helsinki)?.periods.first?.start == LocalDate.parseISO("2026-01-10"))
    #expect(try h.organisation(espoo)?.periods.first?.start == LocalDate.parseISO("2001-01-01"))
    let events = try h.events("2026-01-10")
    #expect(events.map(\.code) == [.REGISTER_ADDED, .REGISTER_ADDED])
    #expect(Set(events.map(\.recipient)) == [helsinki.value, espoo.value])
  }

  @Test("the XML snapshotDate is the snapshot date")
  func snapshotDate() throws {
    let h = try Harness()
    try h.file(
      .register, on: "2026-02-01", format: .xml, attributes: ["snapshotDate": "2026-01-15"],
      [kunta(helsinki, "Helsingin kaupunki", code: "091")])
    #expect(try h.organisation(helsinki)?.periods.first?.start == LocalDate.parseISO("2026-01-15"))
    let bad = try h.file(
      .register, on: "2026-02-01", format: .xml, attributes: ["snapshotDate": "15.1.2026"],
      [kunta(helsinki, "Helsingin kaupunki", code: "091")])
    #expect(bad.begin.map(\.code) == [.TYPE])
  }

  @Test("rule 1: duplicates, municipality codes, period order — every error reported")
  func rule1() throws {
    let h = try Harness()
    let result = try h.file(
      .register, on: "2026-01-10",
      [
        kunta(helsinki, "Helsingin kaupunki", code: "091"),
        kunta(helsinki, "Helsinki again", code: "049"),
        kunta(espoo, "Espoo", code: "091", from: "2026-02-01", to: "2026-01-01"),
        organisationRow(vantaa, "Vantaa", type: "KUNTA"),
        [
          "y_tunnus": omnia.value, "name": "Omnia", "type": "KUNTAYHTYMA",
          "municipality_code": "111",
        ],
        ["y_tunnus": "0201256-5", "name": "X", "type": "MUU"],
      ])
    #expect(result.codes[1] == [.DUPLICATE_IN_FILE])
    #expect(result.codes[2] == [.REGISTER_CODE_DUPLICATE, .PERIOD_ORDER])
    #expect(result.codes[3] == [.REGISTER_MUNICIPALITY_CODE])
    #expect(result.codes[4] == [.REGISTER_MUNICIPALITY_CODE])
    #expect(result.codes[5] == [.YTUNNUS_INVALID, .ENUM])
    #expect(
      result.outcomes[5].problems[1].arguments["allowed"] == "KUNTA, KUNTAYHTYMA, HYVINVOINTIALUE")
    #expect(result.outcomes[1].problems[0].location.field == "y_tunnus")
    #expect(result.outcomes[1].problems[0].location.recordID == helsinki.value)
    // A snapshot with an error applies nothing.
    #expect(try h.organisation(helsinki) == nil)
    #expect(try h.events("2026-01-10").isEmpty)
  }

  @Test("changes and removals, MUU untouched, history kept for past dates")
  func changesAndRemovals() throws {
    let h = try Harness()
    try h.registerBasics(on: "2026-01-01")
    try h.file(
      .registration, on: "2026-01-02",
      [
        [
          "request_id": "R1", "action": "ADD", "y_tunnus": "2077474-0", "name": "Säätiö",
          "justification": "Ajanvaraus", "contact_name": "Maija", "contact_email": "m@example.fi",
        ]
      ])
    let result = try h.file(
      .register, on: "2026-03-01",
      [
        kunta(helsinki, "Helsingin kaupunki", code: "091"),
        kunta(espoo, "Espoon kaupunki (uusi)", code: "049"),
        organisationRow(omnia, "Omnia", type: "KUNTAYHTYMA"),
      ])
    #expect(result.finish.isEmpty)
    let events = try h.events("2026-03-01")
    #expect(events.map(\.code) == [.REGISTER_CHANGED, .REGISTER_REMOVED])
    #expect(events[0].arguments["fields"] == "name")
    #expect(events[1].recipient == vantaa.value)
    let vantaaNow = try #require(try h.organisation(vantaa))
    #expect(vantaaNow.isActive(on: LocalDate.parseISO("2026-02-28")!))
    #expect(!vantaaNow.isActive(on: LocalDate.parseISO("2026-03-01")!))
    #expect(
      try h.organisation(YTunnus("2077474-0")!)?.isActive(on: LocalDate.parseISO("2026-03-01")!)
        == true)

    // Vantaa appears again: a new period from the snapshot date, the gap stays.
    try h.file(
      .register, on: "2026-04-01",
      [
        kunta(helsinki, "Helsingin kaupunki", code: "091"),
        kunta(espoo, "Espoon kaupunki (uusi)", code: "049"),
        kunta(vantaa, "Vantaan kaupunki", code: "092", from: "2000-01-01"),
        organisationRow(omnia, "Omnia", type: "KUNTAYHTYMA"),
      ])
    #expect(try h.events("2026-04-01").map(\.code) == [.REGISTER_ADDED])
    let back = try #require(try h.organisation(vantaa))
    #expect(back.periods.count == 2)
    #expect(back.periods[1].start == LocalDate.parseISO("2026-04-01"))
    #expect(!back.isActive(on: LocalDate.parseISO("2026-03-15")!))
  }

  @Test("a MUU organisation in a snapshot takes the snapshot's type")
  func muuBecomesPublic() throws {
    let h = try Harness()
    let y = YTunnus("2077474-0")!
    try h.file(
      .registration, on: "2026-01-02",
      [
        [
          "request_id": "R1", "action": "ADD", "y_tunnus": y.value, "name": "Säätiö",
          "justification": "J", "contact_name": "Maija", "contact_phone": "+358 40 1",
        ]
      ])
    try h.file(
      .register, on: "2026-01-03", [organisationRow(y, "Kuntayhtymä", type: "KUNTAYHTYMA")])
    #expect(try h.organisation(y)?.type == .KUNTAYHTYMA)
    let events = try h.events("2026-01-03")
    #expect(events.map(\.code) == [.REGISTER_CHANGED])
    #expect(events[0].arguments["fields"] == "name,type")
  }

  @Test("mass-removal guard: more than 10 % and more than 5, unless allowed")
  func massRemoval() throws {
    let h = try Harness()
    let all = (0..<20).map { organisationID(1_000_100 + $0 * 13) }
    let rows = all.enumerated().map { i, y in
      kunta(y, "Kunta \(i)", code: String(100 + i))
    }
    try h.file(.register, on: "2026-01-01", rows)
    // Six of twenty (30 %) would end: rejected.
    let truncated = try h.file(.register, on: "2026-02-01", Array(rows.prefix(14)))
    #expect(truncated.finish.map(\.code) == [.REGISTER_MASS_REMOVAL])
    #expect(try h.organisation(all[19])?.isActive(on: LocalDate.parseISO("2026-02-01")!) == true)
    // Five (25 %) is not more than five: applied.
    let five = try h.file(.register, on: "2026-02-01", Array(rows.prefix(15)))
    #expect(five.finish.isEmpty)
    #expect(try h.events("2026-02-01").filter { $0.code == .REGISTER_REMOVED }.count == 5)
    // Allowed for the run.
    h.settings.allowMassRemoval = true
    let allowed = try h.file(.register, on: "2026-03-01", Array(rows.prefix(2)))
    #expect(allowed.finish.isEmpty)
    #expect(try h.events("2026-03-01").count == 13)
  }

  @Test("a changed valid_to updates the current period")
  func validToChange() throws {
    let h = try Harness()
    try h.file(.register, on: "2026-01-01", [kunta(helsinki, "Helsingin kaupunki", code: "091")])
    try h.file(
      .register, on: "2026-01-02",
      [kunta(helsinki, "Helsingin kaupunki", code: "091", to: "2026-12-31")])
    let events = try h.events("2026-01-02")
    #expect(events.map(\.code) == [.REGISTER_CHANGED])
    #expect(events[0].arguments["fields"] == "valid_to")
    #expect(
      try h.organisation(helsinki)?.periods == [
        RegistrationPeriod(
          start: LocalDate.parseISO("2026-01-01")!, end: LocalDate.parseISO("2026-12-31"))
      ])
  }
}
