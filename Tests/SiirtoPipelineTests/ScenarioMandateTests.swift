import Foundation
import Testing

/// Mandate exports (inputs.md, kind `mandates`) through files and `siirto run`.
@Suite("Scenarios: mandate exports")
struct ScenarioMandateTests {
  /// A guardian and children on either side of 18.
  static let guardian = testHetu("121180", 905)
  static let child = testHetu("150612", century: "A", 906)
  static let adult = testHetu("010100", century: "A", 907)

  static func export(_ id: String, exportedAt: String, _ mandates: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <MandateExport xmlns="urn:siirto:mandates:1" exportId="\(id)" exportedAt="\(exportedAt)">
    \(mandates)
    </MandateExport>
    """
  }

  static func xmlMandate(_ id: String, principal: String, agent: String, to: String) -> String {
    """
      <Mandate id="\(id)" status="ACTIVE">
        <Principal><Organisation yTunnus="\(principal)"/></Principal>
        <Agent><Person hetu="\(agent)" name="Testi Henkilö"/></Agent>
        <Issue>kelmu-etuustiedot-maksuvaatimukset</Issue>
        <ValidFrom>2024-01-01</ValidFrom>
        <ValidTo>\(to)</ValidTo>
      </Mandate>
    """
  }

  @Test("each record rule of a mandate export, record by record")
  func recordRules() throws {
    let s = Scenario()
    try s.ops(register: baseRegister)
    let unregistered = testYTunnus("5500001")
    try s.ops(
      mandates: [
        mandate("M-1", principal: Cast.helsinki, agent: Cast.employee, name: "Testi Henkilö"),
        mandate(
          "M-2", principal: Cast.helsinki, agent: Cast.colleague, issue: "verohallinto-tiedot"),
        mandate("M-3", principal: Cast.employee, agent: Cast.colleague),
        mandate("M-4", principal: Self.child, agent: Cast.kuntayhtyma, issue: "huoltajuus"),
        mandate(
          "M-5", principal: Self.adult, agent: Self.guardian, issue: "huoltajuus",
          from: "2024-01-01"),
        mandate(
          "M-6", principal: Cast.espoo, agent: Cast.colleague, from: "2026-01-01",
          to: "2025-12-31"),
        mandate("M-7", principal: unregistered, agent: Cast.colleague, name: "Kolmas Testaaja"),
        mandate(
          "M-8", principal: Self.child, agent: Self.guardian, issue: "huoltajuus",
          from: "2011-01-01"),
        mandate(
          "M-9", principal: Cast.kuntayhtyma, agent: Cast.espoo, issue: "kela-ajanvaraus"),
      ])
    try s.night("2026-11-22")
    let receipt = try s.receipt("mandates.csv", night: "2026-11-22")
    #expect(receipt.status == "PARTIALLY_ACCEPTED")
    #expect(receipt.counts == [9, 3, 5, 1])
    #expect(receipt.codes(record: 1).isEmpty)
    #expect(receipt.codes(record: 2) == ["MANDATE_ISSUE_IGNORED"])
    #expect(receipt.codes(record: 3) == ["MANDATE_PARTY_TYPE"])
    #expect(receipt.significant.first { $0.record == 3 }?.field == "principal_type")
    #expect(receipt.codes(record: 4) == ["MANDATE_PARTY_TYPE"])
    #expect(receipt.significant.first { $0.record == 4 }?.field == "agent_type")
    #expect(receipt.codes(record: 5) == ["MANDATE_GUARDIAN_NOT_MINOR"])
    #expect(receipt.codes(record: 6) == ["PERIOD_ORDER"])
    #expect(receipt.codes(record: 7) == ["MANDATE_PRINCIPAL_UNREGISTERED"])
    #expect(receipt.significant.first { $0.record == 7 }?.severity == "warning")
    #expect(receipt.codes(record: 8) == ["RANGE"], "valid_from before the child's birth")
    #expect(receipt.codes(record: 9).isEmpty, "an organisation may be the agent")
    #expect(receipt.significant.allSatisfy { $0.recordID == "M-\($0.record ?? 0)" })

    #expect(
      try s.rows("SELECT mandate_id FROM mandates ORDER BY mandate_id") == [
        "M-1", "M-7", "M-9",
      ])
    #expect(try s.rows("SELECT name FROM person_names").contains("Testi Henkilö"))
  }

  @Test("a later export replaces a mandate; a conflicting one keeps the stored mandate")
  func upsertAndConflict() throws {
    let s = Scenario()
    try s.baseline()
    try s.night("2026-11-22")
    try s.ops(
      mandates: [
        mandate(
          "M-HKI-1", principal: Cast.helsinki, agent: Cast.employee, name: "Testi Henkilö",
          to: "2027-06-30"),
        mandate("M-VAN-1", principal: Cast.vantaa, agent: Cast.employee),
      ], name: "mandates-2.csv")
    try s.night("2026-11-23")
    let receipt = try s.receipt("mandates-2.csv", night: "2026-11-23")
    #expect(receipt.status == "PARTIALLY_ACCEPTED")
    #expect(receipt.codes(record: 1).isEmpty)
    #expect(receipt.codes(record: 2) == ["MANDATE_ID_CONFLICT"])
    #expect(receipt.significant.first { $0.record == 2 }?.field == "mandate_id")
    #expect(
      try s.rows("SELECT effective_end FROM mandates WHERE mandate_id = 'M-HKI-1'")
        == ["2027-06-30"])
    #expect(
      try s.rows("SELECT agent_id, run_id FROM mandates WHERE mandate_id = 'M-VAN-1'")
        == ["\(Cast.colleague)|\(Scenario.runID("2026-11-22"))"])
  }

  @Test("an export ID arriving again with other content rejects the whole file")
  func exportIDReused() throws {
    let s = Scenario()
    try s.ops(register: baseRegister)
    try s.ops(
      "export.xml",
      Self.export(
        "VAL-1", exportedAt: "2026-11-21T22:00:00Z",
        Self.xmlMandate("X-1", principal: Cast.helsinki, agent: Cast.employee, to: "2027-01-14")))
    try s.night("2026-11-22")
    #expect(try s.receipt("export.xml", night: "2026-11-22").status == "ACCEPTED")

    try s.ops(
      "export-again.xml",
      Self.export(
        "VAL-1", exportedAt: "2026-11-22T22:00:00Z",
        Self.xmlMandate("X-1", principal: Cast.helsinki, agent: Cast.employee, to: "2027-12-31")
          + "\n"
          + Self.xmlMandate("X-2", principal: Cast.espoo, agent: Cast.colleague, to: "2027-12-31")
      ))
    try s.night("2026-11-23")
    let receipt = try s.receipt("export-again.xml", night: "2026-11-23")
    #expect(receipt.status == "REJECTED")
    #expect(receipt.codes == ["EXPORT_ID_REUSED"])
    #expect(receipt.counts[1] == 0)
    #expect(try s.rows("SELECT mandate_id, effective_end FROM mandates") == ["X-1|2027-01-14"])
  }

  @Test("revocation ends a mandate as of the export's date and tells the principal")
  func revocation() throws {
    let s = Scenario()
    try s.baseline()
    try s.night("2026-11-22")
    try s.ops(
      mandates: [
        mandate("M-HKI-1", principal: Cast.helsinki, agent: Cast.employee, status: "REVOKED"),
        mandate("M-NEW", principal: Cast.espoo, agent: Cast.colleague, status: "REVOKED"),
      ], name: "revoked.csv")
    try s.night("2026-11-23")
    #expect(try s.receipt("revoked.csv", night: "2026-11-23").status == "ACCEPTED")
    #expect(
      try s.rows("SELECT status, effective_end FROM mandates WHERE mandate_id = 'M-HKI-1'")
        == ["REVOKED|2026-11-22"])
    #expect(
      try s.notes(Cast.helsinki, night: "2026-11-23") == [
        Note(code: "MANDATE_ENDED", refType: "mandate", refID: "M-HKI-1"),
        Note(code: "MANDATE_MISSING", refType: "organisation", refID: Cast.helsinki),
      ])
    // Never seen before: stored as revoked, nobody told.
    #expect(
      try s.rows("SELECT status FROM mandates WHERE mandate_id = 'M-NEW'") == ["REVOKED"])
    #expect(try s.codes(Cast.espoo, night: "2026-11-23").isEmpty)

    // The employee's claims are refused from the night after the export.
    try s.partner(Cast.helsinki, claims: [claim("HKI-1")])
    try s.night("2026-11-24")
    #expect(try s.receipt("claims.csv", night: "2026-11-24").codes == ["CLAIM_NO_MANDATE"])
    #expect(try s.codes(Cast.helsinki, night: "2026-11-24") == ["CLAIMS_UNAUTHORISED"])
  }
}
