import Foundation
import Testing

/// Register snapshots (inputs.md, kind `register`) through files and `siirto run`.
@Suite("Scenarios: the register snapshot")
struct ScenarioRegisterTests {
  /// Six more municipalities, so that a snapshot can lose more than five.
  static let more: [[String: String]] = (0..<6).map { i in
    organisation(testYTunnus("99000\(i + 1)\(i + 1)"), "Testikunta \(i)", code: "90\(i)")
  }

  @Test("a snapshot adds, changes and ends organisations; MUU ones are left alone")
  func addChangeEnd() throws {
    let s = Scenario()
    try s.ops(register: baseRegister)
    try s.ops(
      registration: [
        [
          "request_id": "REQ-1", "action": "ADD", "y_tunnus": Cast.foundation,
          "name": "Esimerkin Palvelusäätiö sr", "justification": "Ajanvaraus",
          "contact_name": "Maija Mäkinotkelma", "contact_email": "maija@example.fi",
        ]
      ])
    try s.night("2026-11-22")
    #expect(try s.receipt("register.csv", night: "2026-11-22").status == "ACCEPTED")
    #expect(try s.codes(Cast.helsinki, night: "2026-11-22").contains("REGISTER_ADDED"))
    #expect(try s.codes(Cast.foundation, night: "2026-11-22") == ["REGISTER_ADDED"])

    // Helsinki renamed, Vantaa gone, Kauniainen new; the foundation is not listed.
    let kauniainen = testYTunnus("0203071")
    var next = baseRegister.filter { $0["y_tunnus"] != Cast.vantaa }
    next[0]["name"] = "Helsingin kaupunki (uusi)"
    next.append(organisation(kauniainen, "Kauniaisten kaupunki", code: "235", from: nil))
    try s.ops(register: next, name: "register-2.csv")
    try s.night("2026-11-23")

    let receipt = try s.receipt("register-2.csv", night: "2026-11-23")
    #expect(receipt.status == "ACCEPTED")
    #expect(receipt.counts == [5, 5, 0, 0])
    #expect(try s.notes(Cast.helsinki, night: "2026-11-23").first?.code == "REGISTER_CHANGED")
    #expect(try s.codes(Cast.vantaa, night: "2026-11-23") == ["REGISTER_REMOVED"])
    #expect(try s.codes(kauniainen, night: "2026-11-23").first == "REGISTER_ADDED")
    #expect(try s.codes(Cast.foundation, night: "2026-11-23").isEmpty)
    #expect(try s.codes(Cast.espoo, night: "2026-11-23").isEmpty, "unchanged: nothing to hear")

    #expect(
      try s.rows("SELECT name FROM organisations WHERE y_tunnus = ?", [Cast.helsinki])
        == ["Helsingin kaupunki (uusi)"])
    // Ended as of the snapshot date (the CSV's run date): the day before is the last.
    #expect(
      try s.rows(
        "SELECT start, \"end\", removed FROM organisation_periods WHERE y_tunnus = ?",
        [Cast.vantaa]) == ["2001-07-01|2026-11-22|1"])
    // Without a valid_from of its own, a new organisation starts on the snapshot date.
    #expect(
      try s.rows(
        "SELECT start, \"end\" FROM organisation_periods WHERE y_tunnus = ?", [kauniainen])
        == ["2026-11-23|NULL"])
    #expect(
      try s.rows(
        "SELECT type, start, \"end\" FROM organisations JOIN organisation_periods USING (y_tunnus)"
          + " WHERE y_tunnus = ?", [Cast.foundation]) == ["MUU|2026-11-22|NULL"])
  }

  @Test("a snapshot that would end too many is refused, then applied with --allow-mass-removal")
  func massRemoval() throws {
    let s = Scenario()
    try s.ops(register: baseRegister + Self.more)
    try s.night("2026-11-22")
    #expect(try s.count("SELECT COUNT(*) FROM organisations") == 11)

    // Four of eleven remain: seven would end, over 10 % and over five.
    let truncated = Array(baseRegister.prefix(4))
    try s.ops(register: truncated, name: "truncated.csv")
    let refused = try s.night("2026-11-23")
    #expect(refused.status == 1)
    let receipt = try s.receipt("truncated.csv", night: "2026-11-23")
    #expect(receipt.status == "REJECTED")
    #expect(receipt.codes == ["REGISTER_MASS_REMOVAL"])
    #expect(receipt.counts == [4, 0, 4, 0])
    #expect(try s.count("SELECT COUNT(*) FROM organisation_periods WHERE \"end\" IS NOT NULL") == 0)
    #expect(try s.allNotes(run: Scenario.runID("2026-11-23")).keys.filter { $0 != "_ops" }.isEmpty)
    #expect(
      FileManager.default.fileExists(
        atPath: s.sandbox.root.appendingPathComponent(
          "rejected/2026/11/23/\(Scenario.runID("2026-11-23"))/_ops/truncated.csv"
        ).path))

    // The same file dropped again as it is, on a night ops allow it.
    try s.ops(register: truncated, name: "truncated.csv")
    let allowed = try s.night("2026-11-24", ["--allow-mass-removal"])
    #expect(allowed.status == 0, "\(allowed.stdout)")
    let again = try s.receipt("truncated.csv", night: "2026-11-24")
    #expect(again.status == "ACCEPTED")
    #expect(
      try s.count(
        "SELECT COUNT(*) FROM organisation_periods WHERE \"end\" = '2026-11-23' AND removed = 1")
        == 7)
    #expect(try s.codes(Cast.county, night: "2026-11-24") == ["REGISTER_REMOVED"])
  }

  @Test("five removals are no mass removal, whatever share they are")
  func fiveIsNotMass() throws {
    let s = Scenario()
    try s.ops(register: baseRegister + Self.more)
    try s.night("2026-11-22")
    try s.ops(register: Array(baseRegister.prefix(5)) + Self.more.prefix(1), name: "six.csv")
    try s.night("2026-11-23")
    #expect(try s.receipt("six.csv", night: "2026-11-23").status == "ACCEPTED")
    #expect(try s.count("SELECT COUNT(*) FROM organisation_periods WHERE removed = 1") == 5)
  }

  @Test("an organisation removed and listed again starts a new period; the gap stays")
  func readded() throws {
    let s = Scenario()
    try s.baseline()
    try s.night("2026-11-22")
    try s.ops(register: baseRegister.filter { $0["y_tunnus"] != Cast.vantaa }, name: "r2.csv")
    try s.night("2026-11-23")

    // The first night's snapshot again, byte for byte, is a duplicate file:
    // applied before, so not applied again, and Vantaa stays ended.
    try s.ops(register: baseRegister, name: "r1-again.csv")
    try s.night("2026-11-24")
    #expect(try s.receipt("r1-again.csv", night: "2026-11-24").status == "DUPLICATE")
    #expect(
      try s.count("SELECT COUNT(*) FROM organisation_periods WHERE y_tunnus = ?", [Cast.vantaa])
        == 1)

    // Listed again with its old valid_from: the new period starts on the snapshot date.
    var listed = baseRegister
    listed[2]["name_sv"] = "Vanda stad"
    try s.ops(register: listed, name: "r3.csv")
    try s.night("2026-11-25")
    #expect(try s.codes(Cast.vantaa, night: "2026-11-25").first == "REGISTER_ADDED")
    let periods = try s.rows(
      "SELECT seq, start, \"end\" FROM organisation_periods WHERE y_tunnus = ? ORDER BY seq",
      [Cast.vantaa])
    #expect(periods == ["0|2001-07-01|2026-11-22", "1|2026-11-25|NULL"])

    // A claim decided in the gap finds no registered claimant; one after it does.
    let vantaaClaims = [
      claim("V-1", claimant: Cast.vantaa, by: Cast.colleague, decision: "2026-11-24"),
      claim(
        "V-2", claimant: Cast.vantaa, by: Cast.colleague, benefit: "KANSANELAKE",
        decision: "2026-11-25"),
    ]
    try s.partner(Cast.vantaa, claims: vantaaClaims)
    try s.night("2026-11-26")
    let receipt = try s.receipt("claims.csv", night: "2026-11-26")
    #expect(receipt.codes(record: 1) == ["CLAIM_CLAIMANT_UNKNOWN"])
    #expect(receipt.codes(record: 2).isEmpty)
  }

  @Test("a listed organisation ended earlier comes back from a later valid_from")
  func readdedFromLaterValidFrom() throws {
    let s = Scenario()
    try s.ops(register: baseRegister)
    try s.night("2026-11-22")
    try s.ops(register: baseRegister.filter { $0["y_tunnus"] != Cast.vantaa }, name: "r2.csv")
    try s.night("2026-11-23")
    var back = baseRegister
    back[2]["valid_from"] = "2027-01-01"
    try s.ops(register: back, name: "r3.csv")
    try s.night("2026-11-24")
    #expect(
      try s.rows(
        "SELECT start FROM organisation_periods WHERE y_tunnus = ? ORDER BY seq", [Cast.vantaa])
        == ["2001-07-01", "2027-01-01"])
  }

  @Test("a MUU organisation listed in a snapshot takes the snapshot's type")
  func muuTakesSnapshotType() throws {
    let s = Scenario()
    let newcomer = testYTunnus("3300001")
    try s.ops(register: baseRegister)
    try s.ops(
      registration: [
        [
          "request_id": "REQ-9", "action": "ADD", "y_tunnus": newcomer, "name": "Uusi yhtymä",
          "justification": "Ajanvaraus", "contact_name": "Yhteys Henkilö",
          "contact_phone": "+358 40 123 4567",
        ]
      ])
    try s.night("2026-11-22")
    try s.ops(
      register: baseRegister + [organisation(newcomer, "Uusi yhtymä", type: "KUNTAYHTYMA")],
      name: "r2.csv")
    try s.night("2026-11-23")
    #expect(try s.codes(newcomer, night: "2026-11-23").first == "REGISTER_CHANGED")
    #expect(
      try s.rows("SELECT type FROM organisations WHERE y_tunnus = ?", [newcomer]) == [
        "KUNTAYHTYMA"
      ])
  }

  @Test("a snapshot with errors is rejected whole, every error listed where it is")
  func wholeFileRejection() throws {
    let s = Scenario()
    let rows = [
      organisation(Cast.helsinki, "Helsingin kaupunki", code: "091"),
      organisation(Cast.espoo, "Espoon kaupunki", code: "091"),
      organisation(Cast.vantaa, "Vantaan kaupunki"),
      organisation(Cast.kuntayhtyma, "Testiseudun kuntayhtymä", type: "KUNTAYHTYMA", code: "235"),
      organisation(Cast.county, "Testimaan hyvinvointialue", type: "HYVINVOINTIALUE"),
      organisation(
        testYTunnus("0203071"), "Kauniaisten kaupunki", code: "235", from: "2027-01-01",
        to: "2026-12-31"),
      organisation(Cast.helsinki, "Helsingin kaupunki", code: "093"),
    ]
    try s.ops(register: rows)
    try s.night("2026-11-22")
    let receipt = try s.receipt("register.csv", night: "2026-11-22")
    #expect(receipt.status == "REJECTED")
    #expect(receipt.counts == [7, 0, 7, 0])
    func located(_ code: String) -> [String] {
      receipt.significant.filter { $0.code == code }.map {
        "\($0.line ?? 0)/\($0.record ?? 0)/\($0.field ?? "-")"
      }
    }
    #expect(located("REGISTER_CODE_DUPLICATE") == ["3/2/municipality_code"])
    #expect(
      located("REGISTER_MUNICIPALITY_CODE")
        == ["4/3/municipality_code", "5/4/municipality_code"])
    #expect(located("PERIOD_ORDER") == ["7/6/valid_to"])
    #expect(located("DUPLICATE_IN_FILE") == ["8/7/y_tunnus"])
    #expect(try s.count("SELECT COUNT(*) FROM organisations") == 0)
    #expect(try s.allNotes(run: Scenario.runID("2026-11-22")).isEmpty)
  }
}

extension ScenarioRegisterTests {
  @Test("removed, then listed again with nobody authorised: MANDATE_MISSING again")
  func readdedUncovered() throws {
    let s = Scenario()
    try s.ops(register: baseRegister)
    try s.night("2026-11-22")
    #expect(try s.codes(Cast.vantaa, night: "2026-11-22") == ["REGISTER_ADDED", "MANDATE_MISSING"])
    try s.ops(register: baseRegister.filter { $0["y_tunnus"] != Cast.vantaa }, name: "r2.csv")
    try s.night("2026-11-23")
    #expect(try s.codes(Cast.vantaa, night: "2026-11-23") == ["REGISTER_REMOVED"])
    var back = baseRegister
    back[2]["name"] = "Vantaan kaupunki (palannut)"
    try s.ops(register: back, name: "r3.csv")
    try s.night("2026-11-24")
    #expect(try s.codes(Cast.vantaa, night: "2026-11-24") == ["REGISTER_ADDED", "MANDATE_MISSING"])
    #expect(try s.codes(Cast.helsinki, night: "2026-11-24").isEmpty)
  }
}
