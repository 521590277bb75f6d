import Foundation
import Testing

/// Registration requests (inputs.md, kind `registration`) through files and `siirto run`.
@Suite("Scenarios: registration requests")
struct ScenarioRegistrationTests {
  static func add(_ id: String, _ y: String = Cast.foundation) -> [String: String] {
    [
      "request_id": id, "action": "ADD", "y_tunnus": y, "name": "Esimerkin Palvelusäätiö sr",
      "justification": "Asiakkaiden ajanvaraus", "contact_name": "Maija Mäkinotkelma",
      "contact_email": "maija@example.fi",
    ]
  }

  static func remove(_ id: String, _ y: String) -> [String: String] {
    ["request_id": id, "action": "REMOVE", "y_tunnus": y]
  }

  @Test("an ADD registers a MUU organisation from the run's date; again it is already there")
  func addAndAlreadyRegistered() throws {
    let s = Scenario()
    try s.ops(registration: [Self.add("REQ-1")])
    try s.night("2026-11-22")
    let receipt = try s.receipt("requests.csv", night: "2026-11-22")
    #expect(receipt.status == "ACCEPTED")
    #expect(receipt.counts == [1, 1, 0, 0])
    #expect(try s.codes(Cast.foundation, night: "2026-11-22") == ["REGISTER_ADDED"])
    #expect(
      try s.rows(
        "SELECT name, type, start, \"end\" FROM organisations JOIN organisation_periods"
          + " USING (y_tunnus) WHERE y_tunnus = ?", [Cast.foundation])
        == ["Esimerkin Palvelusäätiö sr|MUU|2026-11-22|NULL"])
    // MUU needs no mandate: nobody is told one is missing.
    #expect(try s.codes(Cast.foundation, night: "2026-11-22").contains("MANDATE_MISSING") == false)

    try s.ops(registration: [Self.add("REQ-2")], name: "requests-2.csv")
    try s.night("2026-11-23")
    let again = try s.receipt("requests-2.csv", night: "2026-11-23")
    #expect(again.status == "ACCEPTED")
    #expect(again.counts == [1, 0, 0, 1])
    #expect(again.codes == ["REGISTRATION_ALREADY_REGISTERED"])
    #expect(try s.codes(Cast.foundation, night: "2026-11-23").isEmpty)
    #expect(try s.count("SELECT COUNT(*) FROM organisation_periods") == 1)
  }

  @Test("an incomplete ADD is rejected, naming what is missing, and the organisation is told")
  func incomplete() throws {
    let s = Scenario()
    var partial = Self.add("REQ-1")
    partial["justification"] = nil
    partial["contact_email"] = nil
    try s.ops(registration: [partial])
    try s.night("2026-11-22")
    let receipt = try s.receipt("requests.csv", night: "2026-11-22")
    #expect(receipt.status == "REJECTED")
    #expect(receipt.codes == ["REGISTRATION_INCOMPLETE"])
    #expect(receipt.significant.first?.recordID == "REQ-1")
    #expect(receipt.significant.first?.line == 2)
    #expect(receipt.xml.contains("justification"))
    #expect(receipt.xml.contains("contact_email"))
    #expect(
      try s.notes(Cast.foundation, night: "2026-11-22") == [
        Note(code: "REGISTRATION_REJECTED", refType: "request", refID: "REQ-1")
      ])
    #expect(try s.count("SELECT COUNT(*) FROM organisations") == 0)
    // A rejected request was not processed: corrected, the same ID is taken.
    try s.ops(registration: [Self.add("REQ-1")], name: "corrected.csv")
    try s.night("2026-11-23")
    #expect(try s.receipt("corrected.csv", night: "2026-11-23").status == "ACCEPTED")
  }

  @Test("an invalid Y-tunnus: the rejection goes to _ops")
  func invalidYTunnusToOps() throws {
    let s = Scenario()
    try s.ops(registration: [Self.add("REQ-1", "2077474-1")])
    try s.night("2026-11-22")
    let receipt = try s.receipt("requests.csv", night: "2026-11-22")
    #expect(receipt.codes == ["YTUNNUS_INVALID"])
    #expect(receipt.significant.first?.field == "y_tunnus")
    #expect(
      try s.rows("SELECT recipient, code, ref_id FROM events") == [
        "_ops|REGISTRATION_REJECTED|REQ-1"
      ])
    let notes = try s.notes("_ops", night: "2026-11-22")
    #expect(notes == [Note(code: "REGISTRATION_REJECTED", refType: "request", refID: "REQ-1")])
    let xml = try s.sandbox.read(
      "outbox/_ops/notifications-\(Scenario.runID("2026-11-22")).xml")
    #expect(xml.contains("recipient=\"_ops\""))
  }

  @Test("REMOVE: a public type is protected, an unknown one is not registered, MUU ends")
  func remove() throws {
    let s = Scenario()
    try s.ops(register: baseRegister)
    try s.ops(registration: [Self.add("REQ-1")])
    try s.night("2026-11-22")

    let stranger = testYTunnus("4400002")
    try s.ops(
      registration: [
        Self.remove("REQ-2", Cast.helsinki), Self.remove("REQ-3", stranger),
        Self.remove("REQ-4", Cast.foundation),
      ], name: "removals.csv")
    try s.night("2026-11-23")
    let receipt = try s.receipt("removals.csv", night: "2026-11-23")
    #expect(receipt.status == "PARTIALLY_ACCEPTED")
    #expect(receipt.counts == [3, 1, 2, 0])
    #expect(receipt.codes(record: 1) == ["REGISTRATION_PROTECTED_TYPE"])
    #expect(receipt.codes(record: 2) == ["REGISTRATION_NOT_REGISTERED"])
    #expect(receipt.codes(record: 3).isEmpty)
    #expect(try s.codes(Cast.helsinki, night: "2026-11-23") == ["REGISTRATION_REJECTED"])
    #expect(try s.codes(stranger, night: "2026-11-23") == ["REGISTRATION_REJECTED"])
    #expect(try s.codes(Cast.foundation, night: "2026-11-23") == ["REGISTER_REMOVED"])
    #expect(
      try s.rows(
        "SELECT \"end\", removed FROM organisation_periods WHERE y_tunnus = ?",
        [
          Cast.foundation
        ]) == ["2026-11-22|1"])
    #expect(
      try s.rows("SELECT \"end\" FROM organisation_periods WHERE y_tunnus = ?", [Cast.helsinki])
        == ["NULL"])

    // Removed, then added again: a new period from that run's date.
    try s.ops(registration: [Self.add("REQ-5")], name: "back.csv")
    try s.night("2026-11-30")
    #expect(try s.codes(Cast.foundation, night: "2026-11-30") == ["REGISTER_ADDED"])
    #expect(
      try s.rows(
        "SELECT start, \"end\" FROM organisation_periods WHERE y_tunnus = ? ORDER BY seq",
        [Cast.foundation]) == ["2026-11-22|2026-11-22", "2026-11-30|NULL"])
  }

  @Test("a request ID already processed changes nothing, even with other content")
  func requestResent() throws {
    let s = Scenario()
    try s.ops(registration: [Self.add("REQ-1")])
    try s.night("2026-11-22")
    // The same ID, now a removal: a re-sent file must stay harmless.
    try s.ops(registration: [Self.remove("REQ-1", Cast.foundation)], name: "resent.csv")
    try s.night("2026-11-23")
    let receipt = try s.receipt("resent.csv", night: "2026-11-23")
    #expect(receipt.status == "ACCEPTED")
    #expect(receipt.counts == [1, 0, 0, 1])
    #expect(receipt.codes == ["REQUEST_ALREADY_PROCESSED"])
    #expect(try s.allNotes(run: Scenario.runID("2026-11-23")).isEmpty)
    #expect(
      try s.rows("SELECT \"end\" FROM organisation_periods WHERE y_tunnus = ?", [Cast.foundation])
        == ["NULL"])
    #expect(
      try s.rows("SELECT request_id, run_id FROM registration_requests") == [
        "REQ-1|\(Scenario.runID("2026-11-22"))"
      ])
  }
}

extension ScenarioRegistrationTests {
  @Test("a request file rejected whole applies nothing: no organisation, no request remembered")
  func tooManyErrors() throws {
    let s = Scenario()
    try s.ops(register: baseRegister)
    try s.night("2026-11-22")
    // Bases whose check digit exists (6600002 and 6600010 have none).
    let good = [1, 3, 4, 5, 6, 7, 8, 9, 11].map {
      Self.add("REQ-G\($0)", testYTunnus("66000" + String(100 + $0).suffix(2)))
    }
    let bad = (1...10).map { Self.remove("REQ-B\($0)", Cast.helsinki) }
    try s.ops(registration: good + bad)
    try s.night("2026-11-23")
    let receipt = try s.receipt("requests.csv", night: "2026-11-23")
    #expect(receipt.status == "REJECTED")
    #expect(receipt.codes.contains("FILE_TOO_MANY_ERRORS"))
    #expect(receipt.counts == [19, 0, 19, 0])
    #expect(try s.count("SELECT COUNT(*) FROM organisations WHERE type = 'MUU'") == 0)
    #expect(try s.count("SELECT COUNT(*) FROM registration_requests") == 0)
    let told = try s.allNotes(run: Scenario.runID("2026-11-23"))
    #expect(told.isEmpty, "\(told)")
  }
}
