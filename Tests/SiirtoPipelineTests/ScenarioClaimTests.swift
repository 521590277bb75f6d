import Foundation
import Testing

/// Payment claims (inputs.md, kind `claims`) through files and `siirto run`:
/// the register and mandates in place on 22.11., claims on 23.11.
@Suite("Scenarios: payment claims")
struct ScenarioClaimTests {
  static let night = "2026-11-23"
  static let run = Scenario.runID(night)

  /// A data root with the base register and mandates applied.
  static func ready(_ more: [[String: String]] = []) throws -> Scenario {
    let s = Scenario()
    try s.ops(register: baseRegister)
    try s.ops(mandates: baseMandates + more)
    try s.night("2026-11-22")
    return s
  }

  @Test("the claimant comes first: missing or invalid, nothing else is reported")
  func claimantFirst() throws {
    let s = try Self.ready()
    var missing = claim("C-1", client: "150612A901X")
    missing["claimant_y_tunnus"] = nil
    try s.ops(
      claims: [missing, claim("C-2", claimant: "0201256-7", client: "150612A901X", amount: "0")])
    try s.night(Self.night)
    let receipt = try s.receipt("claims.csv", night: Self.night)
    #expect(receipt.status == "REJECTED")
    #expect(receipt.problems.map(\.code) == ["REQUIRED", "YTUNNUS_INVALID"])
    #expect(receipt.problems.map(\.field) == ["claimant_y_tunnus", "claimant_y_tunnus"])
    #expect(receipt.problems.map(\.line) == [2, 3])
    #expect(receipt.problems.map(\.recordID) == ["C-1", "C-2"])
  }

  @Test("rule 1: every field as typed, each problem at its field")
  func fieldsAsTyped() throws {
    let s = try Self.ready()
    try s.ops(claims: [
      claim("C-1", client: "150612A901X"),
      claim("C-2", benefit: "ASUMISTUKI", amount: "0,00"),
      claim("C-3", start: "2026-13-01", iban: "FI2112345600000786"),
      claim("C-4", iban: "DE89370400440532013000", reference: "12345678"),
      claim("C-5", amount: "100000,00", nonDisclosure: "ehkä"),
      claim("C-6", type: "KOTIHOITO", basis: "TOIMEENTULOTUKILAKI_23"),
      claim("C-7", benefit: "KANSANELAKE", reference: "RF18539007547034", nonDisclosure: "K"),
    ])
    try s.night(Self.night)
    let receipt = try s.receipt("claims.csv", night: Self.night)
    #expect(receipt.status == "PARTIALLY_ACCEPTED")
    #expect(receipt.counts == [7, 1, 6, 0])
    func fields(_ record: Int) -> [String] {
      receipt.significant.filter { $0.record == record }.map { "\($0.code):\($0.field ?? "-")" }
    }
    #expect(fields(1) == ["HETU_INVALID:client_hetu"])
    #expect(fields(2) == ["ENUM:benefit", "RANGE:amount"])
    #expect(fields(3) == ["TYPE:period_start", "IBAN_INVALID:iban"])
    #expect(fields(4) == ["IBAN_NOT_FINNISH:iban", "REFERENCE_INVALID:reference"])
    #expect(fields(5) == ["RANGE:amount", "TYPE:non_disclosure"])
    #expect(fields(6) == ["ENUM:claim_type"])
    #expect(fields(7).isEmpty)
    #expect(
      try s.rows("SELECT claim_id, non_disclosure, reference FROM claims") == [
        "C-7|1|RF18539007547034"
      ])
    // The receipt names the field, never the personal identity code.
    #expect(!receipt.xml.contains("150612A901X"))
  }

  @Test("rules 2–8 are all reported, in order, with their fields")
  func rulesInOrder() throws {
    let s = try Self.ready()
    try s.ops(claims: [
      claim(
        "C-1", by: Cast.colleague, client: Cast.colleague, basis: "ASIAKASMAKSULAKI_14",
        start: "2026-11-30", end: "2026-11-01", decision: "2026-11-24")
    ])
    try s.night(Self.night)
    let receipt = try s.receipt("claims.csv", night: Self.night)
    #expect(
      receipt.significant.map { "\($0.code):\($0.field ?? "-")" } == [
        "CLAIM_LEGAL_BASIS_MISMATCH:legal_basis", "PERIOD_ORDER:period_end",
        "CLAIM_DECISION_IN_FUTURE:decision_date", "CLAIM_NO_MANDATE:registered_by",
        "CLAIM_SELF:registered_by",
      ])
    #expect(receipt.significant.allSatisfy { $0.line == 2 && $0.record == 1 })
    #expect(try s.count("SELECT COUNT(*) FROM claims") == 0)
  }

  @Test("rules 2–4 one at a time, with their boundaries")
  func basisPeriodDecision() throws {
    let s = try Self.ready()
    try s.ops(claims: [
      claim(
        "C-1", type: "LAITOSHOITO", basis: "TOIMEENTULOTUKILAKI_23", start: "2027-01-01",
        end: "2027-01-31"),
      claim(
        "C-2", type: "PERHEHOITO", benefit: "LAPSILISA", start: "2027-01-01",
        end: "2027-01-31"),
      claim("C-3", benefit: "TAKUUELAKE", start: "2026-10-02", end: "2026-10-01"),
      // 1.1.–31.12.2024 is 366 days counting both ends; a day more is too long.
      claim("C-4", benefit: "KANSANELAKE", start: "2024-01-01", end: "2024-12-31"),
      claim("C-5", benefit: "OPINTORAHA", start: "2024-01-01", end: "2025-01-01"),
      claim("C-6", benefit: "ELATUSTUKI", decision: Self.night),
      claim("C-7", benefit: "KUNTOUTUSRAHA", decision: "2026-11-24"),
    ])
    try s.night(Self.night)
    let receipt = try s.receipt("claims.csv", night: Self.night)
    #expect(receipt.codes(record: 1) == ["CLAIM_LEGAL_BASIS_MISMATCH"])
    #expect(receipt.codes(record: 2).isEmpty)
    #expect(receipt.codes(record: 3) == ["PERIOD_ORDER"])
    #expect(receipt.codes(record: 4).isEmpty)
    #expect(receipt.codes(record: 5) == ["CLAIM_PERIOD_TOO_LONG"])
    #expect(receipt.codes(record: 6).isEmpty, "decided on the run's date")
    #expect(receipt.codes(record: 7) == ["CLAIM_DECISION_IN_FUTURE"])
    #expect(try s.rows("SELECT claim_id FROM claims ORDER BY claim_id") == ["C-2", "C-4", "C-6"])
  }

  /// The baseline night of 22.11. with the foundation registered as `MUU` by
  /// a request, and a mandate from it to the colleague.
  static func withFoundation() throws -> Scenario {
    let s = Scenario()
    try s.baseline()
    try s.ops(
      registration: [
        [
          "request_id": "REQ-1", "action": "ADD", "y_tunnus": Cast.foundation,
          "name": "Esimerkin Palvelusäätiö sr", "justification": "Ajanvaraus",
          "contact_name": "Maija Mäkinotkelma", "contact_phone": "+358 40 123 4567",
        ]
      ])
    try s.ops(
      mandates: [mandate("M-F", principal: Cast.foundation, agent: Cast.colleague)],
      name: "m2.csv")
    try s.night("2026-11-22")
    return s
  }

  @Test("rule 5: the claimant registered and active on the decision date, of a public type")
  func claimantRegistered() throws {
    let s = try Self.withFoundation()
    let stranger = testYTunnus("4400002")
    try s.ops(claims: [
      claim("C-1", claimant: stranger, by: Cast.colleague),
      claim("C-2", claimant: Cast.foundation, by: Cast.colleague, decision: "2026-11-22"),
      // The county is registered from 1.1.2023: a decision before it finds nobody.
      claim("C-3", claimant: Cast.county, by: Cast.colleague, decision: "2022-12-31"),
      claim(
        "C-4", claimant: Cast.county, by: Cast.colleague, benefit: "KANSANELAKE",
        decision: "2023-01-01"),
    ])
    try s.night(Self.night)
    let receipt = try s.receipt("claims.csv", night: Self.night)
    #expect(receipt.codes(record: 1) == ["CLAIM_CLAIMANT_UNKNOWN", "CLAIM_NO_MANDATE"])
    #expect(receipt.codes(record: 2) == ["CLAIM_CLAIMANT_TYPE"])
    #expect(receipt.codes(record: 3) == ["CLAIM_CLAIMANT_UNKNOWN"])
    #expect(receipt.codes(record: 4).isEmpty)
  }

  @Test("rule 5 by the decision date's type: a MUU organisation later made a joint authority")
  func claimantTypeOnDecisionDate() throws {
    let s = try Self.withFoundation()
    // The snapshot of 23.11. lists it as a joint municipal authority from then on.
    try s.ops(
      register: baseRegister + [
        organisation(Cast.foundation, "Esimerkin kuntayhtymä", type: "KUNTAYHTYMA", from: nil)
      ])
    try s.night(Self.night)
    #expect(
      try s.rows(
        #"SELECT "until", type FROM organisation_earlier_types WHERE y_tunnus = ?"#,
        [Cast.foundation]) == ["2026-11-22|MUU"])
    try s.ops(claims: [
      claim("C-1", claimant: Cast.foundation, by: Cast.colleague, decision: "2026-11-22"),
      claim(
        "C-2", claimant: Cast.foundation, by: Cast.colleague, benefit: "KANSANELAKE",
        decision: "2026-11-23"),
    ])
    try s.night("2026-11-24")
    let receipt = try s.receipt("claims.csv", night: "2026-11-24")
    #expect(receipt.codes(record: 1) == ["CLAIM_CLAIMANT_TYPE"])
    #expect(receipt.codes(record: 2).isEmpty)
    #expect(
      try s.rows("SELECT claim_id FROM claims WHERE claimant = ?", [Cast.foundation]) == ["C-2"])
  }

  @Test("rule 6: a partner folder sends for itself, or for a claimant that mandated it")
  func sender() throws {
    // Vantaa mandates the joint authority too, but for appointments only.
    let s = try Self.ready([
      mandate("M-VAN-KY", principal: Cast.vantaa, agent: Cast.kuntayhtyma, issue: "kela-ajanvaraus")
    ])
    try s.partner(
      Cast.kuntayhtyma,
      claims: [
        claim("E-1", claimant: Cast.espoo, by: Cast.jointEmployee),
        claim("H-1", claimant: Cast.helsinki, client: "150612A901X", amount: "0"),
        claim("V-1", claimant: Cast.vantaa, by: Cast.colleague, benefit: "KANSANELAKE"),
        cancel("H-0", claimant: Cast.helsinki),
      ])
    try s.partner(Cast.espoo, claims: [claim("H-2", benefit: "TAKUUELAKE")], name: "espoo.csv")
    try s.ops(claims: [claim("H-3", benefit: "OPINTORAHA")], name: "ops.csv")
    try s.night(Self.night)

    let joint = try s.receipt("claims.csv", night: Self.night)
    #expect(joint.path.hasPrefix("outbox/\(Cast.kuntayhtyma)/receipt-"))
    #expect(joint.status == "PARTIALLY_ACCEPTED")
    #expect(joint.counts == [4, 1, 3, 0])
    #expect(joint.codes(record: 1).isEmpty)
    // Alone, not even the warnings of the record: the sender learns nothing.
    for record in 2...4 {
      #expect(
        joint.problems.filter { $0.record == record }.map(\.code) == [
          "CLAIM_SENDER_NOT_AUTHORISED"
        ])
    }
    #expect(joint.problems.first { $0.record == 2 }?.field == "claimant_y_tunnus")
    let espoo = try s.receipt("espoo.csv", night: Self.night)
    #expect(espoo.problems.map(\.code) == ["CLAIM_SENDER_NOT_AUTHORISED"])
    #expect(try s.receipt("ops.csv", night: Self.night).status == "ACCEPTED")

    #expect(
      try s.rows("SELECT claim_id, sender FROM claim_actions ORDER BY claim_id") == [
        "E-1|\(Cast.kuntayhtyma)", "H-3|_ops",
      ])
    // Forwarded: the claimant hears it, and so does the organisation that sent it.
    #expect(try s.codes(Cast.espoo, night: Self.night) == ["CLAIMS_FORWARDED"])
    #expect(try s.codes(Cast.kuntayhtyma, night: Self.night) == ["CLAIMS_FORWARDED"])
  }

  @Test("rule 7: the employee acts directly or through one organisation, on the run's date")
  func mandateRule() throws {
    let s = try Self.ready([
      // Helsinki's colleague is mandated only from the day after the claims night.
      mandate("M-LATER", principal: Cast.helsinki, agent: Cast.colleague, from: "2026-11-24"),
      mandate(
        "M-TMT", principal: Cast.vantaa, agent: Cast.employee, issue: "kelmu-tmt-aineistot"),
    ])
    try s.ops(claims: [
      claim("C-1"),
      claim("E-1", claimant: Cast.espoo, by: Cast.jointEmployee, benefit: "LAPSILISA"),
      claim("C-2", by: Cast.colleague, benefit: "KANSANELAKE"),
      claim("V-1", claimant: Cast.vantaa, benefit: "TAKUUELAKE"),
      claim("E-2", claimant: Cast.espoo, by: Cast.employee, benefit: "OPINTORAHA"),
    ])
    try s.night(Self.night)
    let receipt = try s.receipt("claims.csv", night: Self.night)
    #expect(receipt.codes(record: 1).isEmpty, "directly")
    #expect(receipt.codes(record: 2).isEmpty, "through the joint authority")
    #expect(receipt.codes(record: 3) == ["CLAIM_NO_MANDATE"], "not yet valid")
    #expect(receipt.codes(record: 4) == ["CLAIM_NO_MANDATE"], "another matter")
    #expect(receipt.codes(record: 5) == ["CLAIM_NO_MANDATE"], "another organisation")
    #expect(
      receipt.significant.filter { $0.code == "CLAIM_NO_MANDATE" }.allSatisfy {
        $0.field == "registered_by"
      })
    // Told by the employee's name, never by the identity code.
    #expect(try s.codes(Cast.helsinki, night: Self.night).contains("CLAIMS_UNAUTHORISED"))
    let notes = try s.sandbox.read("outbox/\(Cast.helsinki)/notifications-\(Self.run).xml")
    #expect(!notes.contains(Cast.colleague))
    #expect(notes.contains("Kolmas Testaaja"))
  }

  @Test("rules 8 and 9: no claim about oneself; a claim ID once per file")
  func selfAndDuplicateInFile() throws {
    let s = try Self.ready()
    try s.ops(claims: [
      claim("C-1", client: Cast.employee),
      claim("C-2"),
      claim("C-2"),
      claim("C-3", claimant: Cast.espoo, by: Cast.jointEmployee, benefit: "KANSANELAKE"),
      claim("C-3", benefit: "KANSANELAKE", start: "2026-12-01", end: "2026-12-31"),
    ])
    try s.night(Self.night)
    let receipt = try s.receipt("claims.csv", night: Self.night)
    #expect(receipt.codes(record: 1) == ["CLAIM_SELF"])
    #expect(receipt.codes(record: 2).isEmpty)
    #expect(receipt.codes(record: 3) == ["DUPLICATE_IN_FILE"])
    #expect(receipt.significant.first { $0.record == 3 }?.field == "claim_id")
    // Unique per claimant: Helsinki's C-3 is not Espoo's.
    #expect(receipt.codes(record: 4).isEmpty)
    #expect(receipt.codes(record: 5).isEmpty)
    #expect(try s.count("SELECT COUNT(*) FROM claims") == 3)
  }

  @Test("a re-sent identical claim is ignored alone; with other content it conflicts")
  func resendAndConflict() throws {
    let s = try Self.ready()
    try s.partner(Cast.helsinki, claims: [claim("C-1"), claim("C-2", benefit: "KANSANELAKE")])
    try s.night(Self.night)
    #expect(try s.receipt("claims.csv", night: Self.night).counts == [2, 2, 0, 0])

    try s.partner(
      Cast.helsinki,
      claims: [
        claim("C-1"), claim("C-2", benefit: "KANSANELAKE", amount: "451,00"),
        claim("C-3", benefit: "TAKUUELAKE"),
      ], name: "again.csv")
    try s.night("2026-11-24")
    let receipt = try s.receipt("again.csv", night: "2026-11-24")
    #expect(receipt.status == "PARTIALLY_ACCEPTED")
    #expect(receipt.counts == [3, 1, 1, 1])
    #expect(receipt.problems.filter { $0.record == 1 }.map(\.code) == ["CLAIM_ALREADY_ACCEPTED"])
    #expect(receipt.problems.first { $0.record == 1 }?.severity == "info")
    #expect(receipt.codes(record: 2) == ["CLAIM_ID_CONFLICT"])
    #expect(
      try s.rows("SELECT amount_cents, run_id FROM claims WHERE claim_id = 'C-2'") == [
        "45000|\(Self.run)"
      ])
    #expect(try s.batch(night: "2026-11-24")?.adds == ["C-3"])

    // Cancelled since: the identical claim is still the one accepted before.
    try s.partner(Cast.helsinki, claims: [cancel("C-1")], name: "cancel.csv")
    try s.night("2026-11-25")
    try s.partner(Cast.helsinki, claims: [claim("C-1")], name: "third.csv")
    try s.night("2026-11-26")
    let third = try s.receipt("third.csv", night: "2026-11-26")
    #expect(third.codes == ["CLAIM_ALREADY_ACCEPTED"])
    #expect(third.counts == [1, 0, 0, 1])
    #expect(try s.batch(night: "2026-11-26") == nil)
  }

  @Test("a rejected claim was never accepted: sent again corrected, it is taken")
  func rejectedSentAgain() throws {
    let s = try Self.ready()
    try s.partner(Cast.helsinki, claims: [claim("C-1", amount: "0")])
    try s.night(Self.night)
    try s.partner(Cast.helsinki, claims: [claim("C-1")], name: "fixed.csv")
    try s.night("2026-11-24")
    #expect(try s.receipt("fixed.csv", night: "2026-11-24").status == "ACCEPTED")
    #expect(try s.batch(night: "2026-11-24")?.adds == ["C-1"])
  }

  @Test("rule 10: no overlapping active claim for the client and benefit, from any claimant")
  func overlap() throws {
    let s = try Self.ready()
    try s.partner(Cast.helsinki, claims: [claim("H-1")])
    try s.night(Self.night)
    try s.partner(
      Cast.espoo,
      claims: [
        claim(
          "E-1", claimant: Cast.espoo, by: Cast.jointEmployee, start: "2026-10-31",
          end: "2026-11-15"),
        claim(
          "E-2", claimant: Cast.espoo, by: Cast.jointEmployee, start: "2026-11-01",
          end: "2026-11-30"),
        claim(
          "E-3", claimant: Cast.espoo, by: Cast.jointEmployee, client: Cast.otherClient,
          start: "2026-10-01", end: "2026-10-31"),
        claim("E-4", claimant: Cast.espoo, by: Cast.jointEmployee, benefit: "KANSANELAKE"),
        // Overlaps E-2, accepted earlier in the same file.
        claim(
          "E-5", claimant: Cast.espoo, by: Cast.jointEmployee, start: "2026-11-30",
          end: "2026-12-31"),
      ])
    try s.night("2026-11-24")
    let receipt = try s.receipt("claims.csv", night: "2026-11-24")
    #expect(receipt.codes(record: 1) == ["CLAIM_PERIOD_OVERLAP"])
    #expect(receipt.significant.first { $0.record == 1 }?.field == "period_start")
    #expect(receipt.codes(record: 2).isEmpty, "adjacent, not overlapping")
    #expect(receipt.codes(record: 3).isEmpty, "another client")
    #expect(receipt.codes(record: 4).isEmpty, "another benefit")
    #expect(receipt.codes(record: 5) == ["CLAIM_PERIOD_OVERLAP"])
  }

  @Test("rule 11: a care claim less than 14 days ahead is accepted with CLAIM_LATE")
  func late() throws {
    let s = try Self.ready()
    try s.ops(claims: [
      // 23.11. + 13 days = 6.12.: late; + 14 days = 7.12.: in time.
      claim(
        "C-1", type: "LAITOSHOITO", benefit: "KANSANELAKE", start: "2026-12-06",
        end: "2026-12-31"),
      claim(
        "C-2", type: "PERHEHOITO", benefit: "TAKUUELAKE", start: "2026-12-07",
        end: "2026-12-31"),
      claim("C-3", start: "2026-11-24", end: "2026-11-30"),
      claim(
        "C-4", type: "PERHEHOITO", benefit: "LAPSILISA", start: "2026-01-01",
        end: "2026-01-31"),
    ])
    try s.night(Self.night)
    let receipt = try s.receipt("claims.csv", night: Self.night)
    #expect(receipt.status == "ACCEPTED")
    #expect(receipt.counts == [4, 4, 0, 0])
    #expect(receipt.codes(record: 1) == ["CLAIM_LATE"])
    #expect(receipt.significant.first { $0.record == 1 }?.severity == "warning")
    #expect(receipt.codes(record: 2).isEmpty)
    #expect(receipt.codes(record: 3).isEmpty, "social assistance is not a care claim")
    #expect(receipt.codes(record: 4) == ["CLAIM_LATE"], "a past period is late too")
    #expect(try s.batch(night: Self.night)?.adds == ["C-1", "C-2", "C-3", "C-4"])
  }

  @Test("CANCEL: unknown, then cancelled, then already cancelled; the period is freed")
  func cancellation() throws {
    let s = try Self.ready()
    try s.partner(Cast.helsinki, claims: [claim("C-1"), cancel("C-0")])
    try s.night(Self.night)
    let first = try s.receipt("claims.csv", night: Self.night)
    #expect(first.codes(record: 2) == ["CLAIM_CANCEL_UNKNOWN"])
    #expect(first.significant.first { $0.record == 2 }?.field == "claim_id")

    try s.partner(
      Cast.helsinki,
      claims: [cancel("C-1"), cancel("C-1"), claim("C-2", start: "2026-10-15", end: "2026-10-20")],
      name: "cancel.csv")
    try s.night("2026-11-24")
    let second = try s.receipt("cancel.csv", night: "2026-11-24")
    #expect(second.codes(record: 1).isEmpty)
    #expect(second.codes(record: 2) == ["CLAIM_ALREADY_CANCELLED"])
    #expect(second.codes(record: 3).isEmpty, "a cancelled claim no longer blocks the period")
    #expect(
      try s.rows("SELECT claim_id, active, cancelled_run_id FROM claims ORDER BY claim_id") == [
        "C-1|0|\(Scenario.runID("2026-11-24"))", "C-2|1|NULL",
      ])
    let batch = try #require(try s.batch(night: "2026-11-24"))
    #expect(batch.cancels == ["C-1"])
    #expect(batch.adds == ["C-2"])
    #expect(batch.control["cancelCount"] == "1")

    // Cancelling what another claimant owns: that claimant has no such claim.
    try s.ops(claims: [cancel("C-2", claimant: Cast.espoo)], name: "other.csv")
    try s.night("2026-11-25")
    #expect(try s.receipt("other.csv", night: "2026-11-25").codes == ["CLAIM_CANCEL_UNKNOWN"])
  }

  @Test("more than half and at least ten rejected: the whole file is rejected")
  func tooManyErrors() throws {
    let s = try Self.ready()
    let benefits = [
      "TYOMARKKINATUKI", "PERUSPAIVARAHA", "YLEINEN_ASUMISTUKI", "ELAKKEENSAAJAN_ASUMISTUKI",
      "SAIRAUSPAIVARAHA", "KANSANELAKE", "TAKUUELAKE", "KUNTOUTUSRAHA", "VANHEMPAINPAIVARAHA",
      "OPINTORAHA", "LAPSILISA", "ELATUSTUKI",
    ]
    func rows(good: Int, bad: Int, prefix: String) -> [[String: String]] {
      (0..<good).map { claim("\(prefix)-G\($0)", benefit: benefits[$0]) }
        + (0..<bad).map { claim("\(prefix)-B\($0)", amount: "0") }
    }
    // 10 of 19: over half, and ten.
    try s.ops(claims: rows(good: 9, bad: 10, prefix: "A"), name: "a.csv")
    // 10 of 20: exactly half is not over half.
    try s.ops(claims: rows(good: 10, bad: 10, prefix: "B"), name: "b.csv")
    // 9 of 9: all rejected, but fewer than ten.
    try s.ops(claims: rows(good: 0, bad: 9, prefix: "C"), name: "c.csv")
    try s.night(Self.night)

    let a = try s.receipt("a.csv", night: Self.night)
    #expect(a.status == "REJECTED")
    #expect(a.counts == [19, 0, 19, 0])
    #expect(a.codes.filter { $0 == "FILE_TOO_MANY_ERRORS" }.count == 1)
    #expect(a.codes.filter { $0 == "RANGE" }.count == 10, "the record problems are still listed")
    #expect(try s.count("SELECT COUNT(*) FROM claims WHERE claim_id LIKE 'A-%'") == 0)

    let b = try s.receipt("b.csv", night: Self.night)
    #expect(b.status == "PARTIALLY_ACCEPTED")
    #expect(b.counts == [20, 10, 10, 0])
    #expect(!b.codes.contains("FILE_TOO_MANY_ERRORS"))

    let c = try s.receipt("c.csv", night: Self.night)
    #expect(c.status == "REJECTED")
    #expect(c.counts == [9, 0, 9, 0])
    #expect(!c.codes.contains("FILE_TOO_MANY_ERRORS"))
    #expect(try s.batch(night: Self.night)?.adds.count == 10)
  }

  @Test("a partner folder may send claims only: other kinds are refused whole")
  func kindNotAllowed() throws {
    let s = try Self.ready()
    try s.partner(
      Cast.helsinki, "register.csv",
      csv(Columns.register, [organisation(Cast.helsinki, "Helsingin kaupunki", code: "091")]))
    try s.partner(
      Cast.helsinki, "mandates.csv",
      csv(Columns.mandates, [mandate("M-X", principal: Cast.helsinki, agent: Cast.colleague)]))
    try s.partner(
      Cast.helsinki, "requests.csv",
      csv(Columns.registration, [ScenarioRegistrationTests.remove("REQ-X", Cast.espoo)]))
    try s.night(Self.night)
    for name in ["register.csv", "mandates.csv", "requests.csv"] {
      let receipt = try s.receipt(name, night: Self.night)
      #expect(receipt.path.hasPrefix("outbox/\(Cast.helsinki)/"))
      #expect(receipt.status == "REJECTED")
      #expect(receipt.codes == ["FILE_KIND_NOT_ALLOWED"])
    }
    #expect(try s.count("SELECT COUNT(*) FROM organisation_periods WHERE \"end\" IS NOT NULL") == 0)
    #expect(try s.count("SELECT COUNT(*) FROM mandates WHERE mandate_id = 'M-X'") == 0)
    #expect(try s.count("SELECT COUNT(*) FROM registration_requests") == 0)
  }
}

/// The XML form of the claims kind goes through the same rules as the CSV form.
@Suite("Scenarios: claims in XML")
struct ScenarioClaimXMLTests {
  static func xml(_ claims: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <PaymentClaims xmlns="urn:siirto:claims:1">
    \(claims)
    </PaymentClaims>
    """
  }

  static let c1 = """
      <Claim id="C-1">
        <Claimant yTunnus="\(Cast.helsinki)"/>
        <RegisteredBy hetu="\(Cast.employee)"/>
        <Client hetu="\(Cast.client)"/>
        <Type>TOIMEENTULOTUKI_ENNAKKO</Type>
        <LegalBasis>TOIMEENTULOTUKILAKI_23</LegalBasis>
        <Benefit>YLEINEN_ASUMISTUKI</Benefit>
        <Period start="2026-10-01" end="2026-10-31"/>
        <Amount>450.00</Amount>
        <Iban>FI2112345600000785</Iban>
        <DecisionDate>2026-10-05</DecisionDate>
      </Claim>
    """

  @Test("a claim accepted from CSV, sent again in XML, is the same claim")
  func sameClaimEitherForm() throws {
    let s = try ScenarioClaimTests.ready()
    try s.partner(Cast.helsinki, claims: [claim("C-1")])
    try s.night("2026-11-23")
    try s.partner(Cast.helsinki, "again.xml", Self.xml(Self.c1))
    try s.night("2026-11-24")
    let receipt = try s.receipt("again.xml", night: "2026-11-24")
    #expect(receipt.receipt.file["format"] == "xml")
    #expect(receipt.problems.map(\.code) == ["CLAIM_ALREADY_ACCEPTED"])
    #expect(receipt.counts == [1, 0, 0, 1])
  }

  @Test("in XML an omitted action is ADD, and a problem names the record's line")
  func xmlRules() throws {
    let s = try ScenarioClaimTests.ready()
    let self_ = Self.c1.replacingOccurrences(of: "C-1", with: "C-2")
      .replacingOccurrences(of: Cast.client, with: Cast.employee)
    try s.partner(
      Cast.helsinki, "claims.xml",
      Self.xml(
        Self.c1 + "\n" + self_ + "\n"
          + "  <Claim id=\"C-0\" action=\"CANCEL\"><Claimant yTunnus=\"\(Cast.helsinki)\"/></Claim>"
      ))
    try s.night("2026-11-23")
    let receipt = try s.receipt("claims.xml", night: "2026-11-23")
    #expect(receipt.status == "PARTIALLY_ACCEPTED")
    #expect(receipt.counts == [3, 1, 2, 0])
    #expect(receipt.codes(record: 2) == ["CLAIM_SELF"])
    #expect(receipt.significant.first { $0.record == 2 }?.line == 15, "the line of its <Claim>")
    #expect(receipt.codes(record: 3) == ["CLAIM_CANCEL_UNKNOWN"])
    #expect(try s.batch(night: "2026-11-23")?.adds == ["C-1"])
  }
}

/// What the claimant hears of a claims night (outputs.md, "Notifications").
@Suite("Scenarios: claim notifications")
struct ScenarioClaimNoticeTests {
  @Test(
    "unauthorised claims are told per employee, by name or pseudonym; forwarded ones with totals")
  func perEmployee() throws {
    let s = try ScenarioClaimTests.ready()
    let nameless = testHetu("050505", 909)
    try s.partner(
      Cast.helsinki,
      claims: [
        claim("C-1"),
        claim("C-2", benefit: "TYOMARKKINATUKI", amount: "612,35"),
        claim("C-3", by: Cast.colleague, benefit: "KANSANELAKE"),
        claim("C-4", by: Cast.colleague, benefit: "TAKUUELAKE"),
        claim("C-5", by: nameless, benefit: "OPINTORAHA"),
      ])
    try s.night("2026-11-23")
    let notes = try s.notes(Cast.helsinki, night: "2026-11-23")
    #expect(
      notes.map(\.description) == [
        "CLAIMS_UNAUTHORISED(employee:-)", "CLAIMS_UNAUTHORISED(employee:-)",
        "CLAIMS_FORWARDED(batch:claims-\(ScenarioClaimTests.run).xml)",
      ])
    let xml = try s.sandbox.read(
      "outbox/\(Cast.helsinki)/notifications-\(ScenarioClaimTests.run).xml")
    #expect(
      xml.contains(
        "Payment claims were rejected because Kolmas Testaaja, who registered them, "
          + "had no mandate to act for \(Cast.helsinki). Rejected: 2."))
    #expect(
      xml.range(
        of: "rejected because H-[0-9a-f]{12}, who registered them, had no mandate to act "
          + "for \(Cast.helsinki)\\. Rejected: 1\\.",
        options: .regularExpression)
        != nil)
    #expect(
      xml.contains("Claims: 2 (total 1062.35 euros); cancellations: 0."))
    #expect(!xml.contains(nameless))
  }
}
