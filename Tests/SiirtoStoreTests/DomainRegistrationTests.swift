import SiirtoCore
import SiirtoStore
import Testing

@Suite("Registration requests")
struct DomainRegistrationTests {
  let saatio = YTunnus("2077474-0")!

  func add(_ id: String, _ y: String, contact: Bool = true) -> [String: String] {
    var r = [
      "request_id": id, "action": "ADD", "y_tunnus": y, "name": "Säätiö",
      "justification": "Ajanvaraus", "contact_name": "Maija",
    ]
    if contact { r["contact_email"] = "maija@example.fi" }
    return r
  }

  func remove(_ id: String, _ y: YTunnus) -> [String: String] {
    ["request_id": id, "action": "REMOVE", "y_tunnus": y.value]
  }

  @Test("ADD registers a MUU organisation from the run's date; idempotent by request ID")
  func addAndRepeat() throws {
    let h = try Harness()
    let first = try h.file(.registration, on: "2026-05-04", [add("R1", saatio.value)])
    #expect(first.dispositions == [.accepted])
    let org = try #require(try h.organisation(saatio))
    #expect(org.type == .MUU)
    #expect(org.periods == [RegistrationPeriod(start: LocalDate.parseISO("2026-05-04")!, end: nil)])
    #expect(try h.events("2026-05-04").map(\.code) == [.REGISTER_ADDED])

    let again = try h.file(.registration, on: "2026-05-05", [add("R1", saatio.value)])
    #expect(again.dispositions == [.ignored])
    #expect(again.codes == [[.REQUEST_ALREADY_PROCESSED]])
    let other = try h.file(.registration, on: "2026-05-05", [add("R2", saatio.value)])
    #expect(other.dispositions == [.ignored])
    #expect(other.codes == [[.REGISTRATION_ALREADY_REGISTERED]])
    #expect(try h.events("2026-05-05").isEmpty)
  }

  @Test("rule 1: REGISTRATION_INCOMPLETE names what is missing, and the rejection is notified")
  func incomplete() throws {
    let h = try Harness()
    var record = add("R1", saatio.value, contact: false)
    record["justification"] = nil
    let result = try h.file(.registration, on: "2026-05-04", [record])
    #expect(result.codes == [[.REGISTRATION_INCOMPLETE]])
    #expect(
      result.outcomes[0].problems[0].arguments["missing"]
        == "justification, contact_email|contact_phone")
    let events = try h.events("2026-05-04")
    #expect(events.map(\.code) == [.REGISTRATION_REJECTED])
    #expect(events[0].recipient == saatio.value)
    #expect(events[0].arguments["reasons"] == "REGISTRATION_INCOMPLETE")
    #expect(events[0].refID == "R1")
  }

  @Test("rule 4: an invalid Y-tunnus sends the rejection to _ops")
  func invalidYTunnus() throws {
    let h = try Harness()
    let result = try h.file(.registration, on: "2026-05-04", [add("R1", "2077474-1")])
    #expect(result.codes == [[.YTUNNUS_INVALID]])
    let events = try h.events("2026-05-04")
    #expect(events.map(\.recipient) == ["_ops"])
    #expect(events[0].arguments["reasons"] == "YTUNNUS_INVALID")
  }

  @Test("rule 2: REMOVE ends MUU only; protected types and unknown ones are refused")
  func removal() throws {
    let h = try Harness()
    try h.registerBasics()
    try h.file(.registration, on: "2026-05-04", [add("R1", saatio.value)])
    let result = try h.file(
      .registration, on: "2026-06-01",
      [remove("R2", saatio), remove("R3", helsinki), remove("R4", organisationID(3_333_333))])
    #expect(
      result.codes == [
        [], [.REGISTRATION_PROTECTED_TYPE], [.REGISTRATION_NOT_REGISTERED],
      ])
    let org = try #require(try h.organisation(saatio))
    #expect(org.isActive(on: LocalDate.parseISO("2026-05-31")!))
    #expect(!org.isActive(on: LocalDate.parseISO("2026-06-01")!))
    let events = try h.events("2026-06-01")
    #expect(
      events.map(\.code) == [.REGISTER_REMOVED, .REGISTRATION_REJECTED, .REGISTRATION_REJECTED])
    // Removed earlier, added again: a new period.
    try h.file(.registration, on: "2026-07-01", [add("R5", saatio.value)])
    #expect(try h.organisation(saatio)?.periods.count == 2)
  }

  @Test("stateless checks: REQUIRED, ENUM, LENGTH in CSV")
  func stateless() throws {
    let h = try Harness()
    let long = String(repeating: "x", count: 41)
    let result = try h.validate(
      .registration, on: "2026-05-04",
      [["request_id": long, "action": "DELETE", "y_tunnus": saatio.value], ["action": "REMOVE"]])
    #expect(result.codes == [[.LENGTH, .ENUM], [.REQUIRED, .REQUIRED]])
    #expect(result.outcomes[1].problems.map(\.location.field) == ["request_id", "y_tunnus"])
  }
}
