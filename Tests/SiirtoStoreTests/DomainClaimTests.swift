import SiirtoCore
import SiirtoStore
import Testing

@Suite("Payment claims")
struct DomainClaimTests {
  /// Helsinki and friends registered, the employee mandated by Helsinki.
  func ready() throws -> Harness {
    let h = try Harness()
    try h.registerBasics()
    try h.file(
      .mandates, on: "2026-01-02", [mandateRow("M1", principal: helsinki, agent: employee)])
    return h
  }

  let night = "2026-11-02"

  @Test("a valid claim is accepted, stored and batched")
  func accepted() throws {
    let h = try ready()
    let result = try h.file(.claims, on: night, [claimRow("C1")])
    #expect(result.dispositions == [.accepted])
    #expect(result.codes == [[.HETU_TEMPORARY, .HETU_TEMPORARY]])
    let batch = try h.store.queue.read { try DomainQueries($0).batchRecords(runID: "2026-11-02") }
    #expect(batch.map(\.claimID) == ["C1"])
    guard case .add(let data) = batch[0] else {
      Issue.record("not an ADD")
      return
    }
    #expect(data.amount == Cents(45_000))
    #expect(data.reference?.value == "12345672")
  }

  @Test("claimant problems come alone")
  func claimantAlone() throws {
    let h = try ready()
    var missing = claimRow("C1", start: "garbage")
    missing["claimant_y_tunnus"] = nil
    var invalid = claimRow("C2", amount: "-1")
    invalid["claimant_y_tunnus"] = "0201256-5"
    let result = try h.file(.claims, on: night, [missing, invalid])
    #expect(result.codes == [[.REQUIRED], [.YTUNNUS_INVALID]])
    #expect(result.outcomes[0].problems[0].location.field == "claimant_y_tunnus")
  }

  @Test("rule 6: another organisation's folder needs an ORG→ORG mandate; the refusal comes alone")
  func sender() throws {
    let h = try ready()
    let refused = try h.file(
      .claims, on: night, sender: .partner(omnia), [claimRow("C1", amount: "0")])
    #expect(refused.codes == [[.CLAIM_SENDER_NOT_AUTHORISED]])
    let cancel = try h.file(.claims, on: night, sender: .partner(omnia), [cancelRow("X")])
    #expect(cancel.codes == [[.CLAIM_SENDER_NOT_AUTHORISED]])
    try h.file(.mandates, on: night, [orgMandateRow("K1", principal: helsinki, agent: omnia)])
    let allowed = try h.file(.claims, on: night, sender: .partner(omnia), [claimRow("C1")])
    #expect(allowed.dispositions == [.accepted])
    let own = try h.file(
      .claims, on: night, sender: .partner(helsinki),
      [claimRow("C2", start: "2026-09-01", end: "2026-09-30")])
    #expect(own.dispositions == [.accepted])
  }

  @Test("re-send: identical content is ignored, other content conflicts, rejected may come again")
  func resend() throws {
    let h = try ready()
    try h.file(.claims, on: night, [claimRow("C1")])
    let again = try h.file(.claims, on: "2026-11-03", [claimRow("C1", amount: "450,00")])
    #expect(again.dispositions == [.ignored])
    #expect(again.codes == [[.CLAIM_ALREADY_ACCEPTED]])
    let other = try h.file(.claims, on: "2026-11-03", [claimRow("C1", amount: "451.00")])
    #expect(errors(other.outcomes[0]) == [.CLAIM_ID_CONFLICT])
    // Cancelled since: still never reusable, identical still ignored.
    try h.file(.claims, on: "2026-11-04", [cancelRow("C1")])
    let afterCancel = try h.file(.claims, on: "2026-11-05", [claimRow("C1")])
    #expect(afterCancel.dispositions == [.ignored])
    // A rejected claim was never accepted.
    let rejected = try h.file(.claims, on: "2026-11-05", [claimRow("C2", decision: "2027-01-01")])
    #expect(errors(rejected.outcomes[0]) == [.CLAIM_DECISION_IN_FUTURE])
    let fixed = try h.file(.claims, on: "2026-11-05", [claimRow("C2")])
    #expect(fixed.dispositions == [.accepted])
  }

  @Test("rules 1–4 and 8 are all reported, in order")
  func everyRule() throws {
    let h = try ready()
    var row = claimRow(
      "C1", by: client, type: "LAITOSHOITO", start: "2026-10-31", end: "2026-10-01",
      amount: "100000.00", decision: "2026-12-01")
    row["iban"] = "SE4550000000058398257466"
    row["reference"] = "12345673"
    row["non_disclosure"] = "maybe"
    let result = try h.file(.claims, on: night, [row])
    #expect(
      errors(result.outcomes[0]) == [
        .RANGE, .IBAN_NOT_FINNISH, .REFERENCE_INVALID, .TYPE, .CLAIM_LEGAL_BASIS_MISMATCH,
        .PERIOD_ORDER, .CLAIM_DECISION_IN_FUTURE, .CLAIM_NO_MANDATE, .CLAIM_SELF,
      ])
  }

  @Test("REQUIRED, ENUM and TYPE name the field; amounts with a decimal comma in CSV")
  func fieldTypes() throws {
    let h = try Harness()
    var row = claimRow("C1", benefit: "RAHAA", amount: "12,5")
    row["client_hetu"] = nil
    row["period_end"] = "31.10.2026"
    row["action"] = "ADD"
    row["non_disclosure"] = "K"
    let result = try h.validate(.claims, on: night, [row])
    #expect(
      result.codes[0] == [.HETU_TEMPORARY, .REQUIRED, .ENUM, .DATE_FINNISH_FORMAT])
    #expect(
      result.outcomes[0].problems.map(\.location.field) == [
        "registered_by", "client_hetu", "benefit", "period_end",
      ])
    #expect(result.outcomes[0].problems[1].location.recordID == "C1")
  }

  @Test("rule 3: at most 366 days counting both ends")
  func periodLength() throws {
    let h = try Harness()
    let ok = claimRow("C1", start: "2024-01-01", end: "2024-12-31", decision: "2024-01-01")
    let long = claimRow("C2", start: "2025-01-01", end: "2026-01-02", decision: "2025-01-01")
    let result = try h.validate(.claims, on: night, [ok, long])
    #expect(errors(result.outcomes[0]) == [])
    #expect(errors(result.outcomes[1]) == [.CLAIM_PERIOD_TOO_LONG])
  }

  @Test("rule 5: claimant registered and active on the decision date, of a public type")
  func claimantRegistered() throws {
    let h = try ready()
    let stranger = organisationID(5_555_555)
    let muu = YTunnus("2077474-0")!
    try h.file(
      .registration, on: "2026-01-02",
      [
        [
          "request_id": "R1", "action": "ADD", "y_tunnus": muu.value, "name": "Säätiö",
          "justification": "J", "contact_name": "M", "contact_email": "m@example.fi",
        ]
      ])
    try h.file(.mandates, on: "2026-01-02", [mandateRow("M2", principal: muu, agent: employee)])
    let result = try h.file(
      .claims, on: night,
      [
        claimRow("C1", claimant: stranger), claimRow("C2", claimant: muu),
        claimRow("C3", decision: "2025-12-31"),
      ])
    #expect(errors(result.outcomes[0]) == [.CLAIM_CLAIMANT_UNKNOWN, .CLAIM_NO_MANDATE])
    #expect(errors(result.outcomes[1]) == [.CLAIM_CLAIMANT_TYPE])
    #expect(errors(result.outcomes[2]) == [.CLAIM_CLAIMANT_UNKNOWN])
  }

  @Test("rule 7: CLAIM_NO_MANDATE notifies claimant and sender, by the employee's name")
  func noMandate() throws {
    let h = try ready()
    try h.file(
      .mandates, on: "2026-01-03",
      [mandateRow("M5", principal: espoo, agent: colleague, name: "Kaija Koe")])
    try h.file(.mandates, on: night, [orgMandateRow("K1", principal: helsinki, agent: omnia)])
    let result = try h.file(
      .claims, on: night, sender: .partner(omnia), [claimRow("C1", by: colleague)])
    #expect(errors(result.outcomes[0]) == [.CLAIM_NO_MANDATE])
    let events = try h.events(night).filter { $0.code == .CLAIMS_UNAUTHORISED }
    #expect(events.map(\.recipient) == [helsinki.value, omnia.value])
    #expect(events[0].arguments["employee"] == "Kaija Koe")
    #expect(events[0].refID == "C1")
    for event in events {
      #expect(!event.arguments.values.contains { $0.contains(colleague.value) })
    }
  }

  @Test("an employee no export named is named by pseudonym")
  func pseudonymForUnnamed() throws {
    let h = try ready()
    let stranger = person("030391", 905)
    try h.file(.claims, on: night, [claimRow("C1", by: stranger)])
    let events = try h.events(night)
    #expect(events.map(\.code) == [.CLAIMS_UNAUTHORISED])
    let pseudonym = Pseudonymizer(key: [1, 2, 3]).pseudonym(for: stranger)
    #expect(events[0].arguments["employee"] == pseudonym)
  }

  @Test("rule 9: twice in one file — the second is DUPLICATE_IN_FILE, with or without state")
  func duplicateInFile() throws {
    let h = try ready()
    let rows = [claimRow("C1"), claimRow("C1")]
    let validated = try h.validate(.claims, on: night, rows)
    #expect(errors(validated.outcomes[1]) == [.DUPLICATE_IN_FILE])
    let run = try h.file(.claims, on: night, rows)
    #expect(run.dispositions == [.accepted, .rejected])
    #expect(errors(run.outcomes[1]) == [.DUPLICATE_IN_FILE])
  }

  @Test("rule 10: overlap across claimants among active claims; cancelled ones do not block")
  func overlap() throws {
    let h = try ready()
    try h.file(.mandates, on: "2026-01-02", [mandateRow("M2", principal: espoo, agent: employee)])
    try h.file(.claims, on: night, [claimRow("C1")])
    let espoos = try h.file(
      .claims, on: night,
      [
        claimRow("E1", claimant: espoo, start: "2026-10-31", end: "2026-11-30"),
        claimRow("E2", claimant: espoo, benefit: "KANSANELAKE"),
        claimRow("E3", claimant: espoo, start: "2026-11-01", end: "2026-11-30"),
      ])
    #expect(espoos.dispositions == [.rejected, .accepted, .accepted])
    #expect(errors(espoos.outcomes[0]) == [.CLAIM_PERIOD_OVERLAP])
    try h.file(.claims, on: "2026-11-03", [cancelRow("C1")])
    let later = try h.file(
      .claims, on: "2026-11-03", [claimRow("E4", claimant: espoo, end: "2026-10-15")])
    #expect(later.dispositions == [.accepted])
  }

  @Test("rule 11: care claims less than 14 days ahead are late")
  func late() throws {
    let h = try Harness()
    let care = { (id: String, start: String) in
      claimRow(
        id, type: "PERHEHOITO", basis: "ASIAKASMAKSULAKI_14", start: start, end: "2026-12-31")
    }
    let result = try h.validate(
      .claims, on: night, [care("C1", "2026-11-15"), care("C2", "2026-11-16")])
    #expect(result.outcomes[0].problems.map(\.code).contains(.CLAIM_LATE))
    #expect(!result.outcomes[1].problems.map(\.code).contains(.CLAIM_LATE))
    #expect(result.dispositions == [.accepted, .accepted])
  }

  @Test("CANCEL: unknown, already cancelled, and the batch and totals of the run")
  func cancel() throws {
    let h = try ready()
    try h.file(
      .claims, on: night,
      [claimRow("C1"), claimRow("C2", start: "2026-09-01", end: "2026-09-30", amount: "10.05")])
    let result = try h.file(
      .claims, on: night, [cancelRow("C1"), cancelRow("C1"), cancelRow("C9")])
    #expect(result.codes == [[], [.CLAIM_ALREADY_CANCELLED], [.CLAIM_CANCEL_UNKNOWN]])
    let batch = try h.store.queue.read { db in try DomainQueries(db).batchRecords(runID: night) }
    var tally = ClaimantTotals.Tally()
    try h.store.queue.read { db in
      try DomainQueries(db).forEachBatchRecord(runID: night) { tally.add($0, sender: $1) }
    }
    let totals = tally.totals
    #expect(
      batch == [
        batch[0], .cancel(claimID: "C1", claimant: helsinki), batch[2],
      ])
    #expect(batch.map(\.claimID) == ["C1", "C1", "C2"])
    #expect(
      totals == [ClaimantTotals(claimant: helsinki, added: 2, cancelled: 1, total: Cents(46_005))])
  }
}
