import Foundation
import Testing

@testable import SiirtoCore

/// The rules `siirto validate` runs: no state.
@Suite("Domain rules without state")
struct DomainStatelessTests {
  static let helsinki = "0201256-6"

  static func hetu(_ ddmmyy: String, _ sign: Character, _ n: Int) -> String {
    "\(ddmmyy)\(sign)\(n)\(Hetu.controlCharacter(ddmmyy: ddmmyy, individual: n))"
  }

  static func claim(_ id: String) -> [String: String] {
    [
      "claim_id": id, "claimant_y_tunnus": helsinki, "registered_by": hetu("010190", "-", 900),
      "client_hetu": hetu("150612", "A", 901), "claim_type": "TOIMEENTULOTUKI_ENNAKKO",
      "legal_basis": "TOIMEENTULOTUKILAKI_23", "benefit": "YLEINEN_ASUMISTUKI",
      "period_start": "2026-10-01", "period_end": "2026-10-31", "amount": "450.00",
      "iban": "FI21 1234 5600 0007 85", "decision_date": "2026-10-05",
    ]
  }

  func run(
    _ kind: InputKind, format: InputFormat = .csv, decimalComma: Bool = true,
    _ records: [[String: String]]
  ) throws -> [RecordOutcome] {
    let context = RunContext(
      runID: "r", now: Timestamp.parse("2026-11-02T10:00:00Z")!,
      timeZone: TimeZone(identifier: "Europe/Helsinki")!, sender: .ops, fileID: nil,
      settings: DomainSettings())
    var processor = Processors.make(kind: kind, context: context, state: nil)
    #expect(
      try processor.begin(FileHeader(kind: kind, format: format, decimalComma: decimalComma))
        .isEmpty)
    let outcomes = try records.enumerated().map { i, fields in
      try processor.process(RawRecord(number: i + 1, line: i + 2, fields: fields))
    }
    #expect(try processor.finish().isEmpty)
    return outcomes
  }

  func errorCodes(_ outcome: RecordOutcome) -> [ProblemCode] {
    outcome.problems.filter(\.isError).map(\.code)
  }

  @Test("a claim's content digest: SHA-256 of its canonical fields, joined by U+001F")
  func contentDigest() {
    // The digest is stored with every claim and compared when a claim is
    // sent again: it must never change. The expected value is sha256sum's.
    let claim = ClaimData(
      claimID: "HKI-1", claimant: YTunnus("0201256-6")!, registeredBy: Hetu("150575-9014")!,
      client: Hetu("010190-902S")!, type: .TOIMEENTULOTUKI_ENNAKKO,
      legalBasis: .TOIMEENTULOTUKILAKI_23, benefit: .TYOMARKKINATUKI,
      period: DatePeriod(start: LocalDate.parseISO("2026-11-01")!, end: nil),
      amount: Cents(45_000), iban: IBAN("FI2112345600000785")!,
      reference: PaymentReference("12345672"), decisionDate: LocalDate.parseISO("2026-11-15")!,
      nonDisclosure: true)
    #expect(
      claim.contentDigest == "bfa1dc7bc1a891c1e609abda606f58a54f93201fd3b65b0039edd0c055f85da8")
  }

  @Test("a batch's totals: per claimant in its order, and per organisation that forwarded")
  func batchTally() {
    func add(_ id: String, _ claimant: YTunnus, cents: Int64) -> BatchRecord {
      .add(
        ClaimData(
          claimID: id, claimant: claimant, registeredBy: Hetu("150575-9014")!,
          client: Hetu("010190-902S")!, type: .TOIMEENTULOTUKI_ENNAKKO,
          legalBasis: .TOIMEENTULOTUKILAKI_23, benefit: .TYOMARKKINATUKI,
          period: DatePeriod(start: LocalDate.parseISO("2026-11-01")!, end: nil),
          amount: Cents(cents), iban: IBAN("FI2112345600000785")!, reference: nil,
          decisionDate: LocalDate.parseISO("2026-11-15")!, nonDisclosure: false))
    }
    let espoo = YTunnus("0101263-6")!
    let helsinki = YTunnus("0201256-6")!
    let omnia = YTunnus("0502454-6")!
    var tally = ClaimantTotals.Tally()
    let records: [(BatchRecord, Sender)] = [
      (add("E1", espoo, cents: 100), .partner(omnia)),
      (.cancel(claimID: "E0", claimant: espoo), .partner(espoo)),
      (add("E2", espoo, cents: 250), .ops),
      (add("E3", espoo, cents: 5), .partner(helsinki)),
      (.cancel(claimID: "H0", claimant: helsinki), .partner(omnia)),
    ]
    for (record, sender) in records { tally.add(record, sender: sender) }
    #expect(
      tally.totals == [
        ClaimantTotals(claimant: espoo, added: 3, cancelled: 1, total: Cents(355)),
        ClaimantTotals(claimant: helsinki, added: 0, cancelled: 1, total: .zero),
      ])
    // By sender, then claimant; the claimant's own folder and ops forward nothing.
    #expect(
      tally.forwarded == [
        ForwardingSender(
          sender: helsinki,
          totals: ClaimantTotals(claimant: espoo, added: 1, cancelled: 0, total: Cents(5))),
        ForwardingSender(
          sender: omnia,
          totals: ClaimantTotals(claimant: espoo, added: 1, cancelled: 0, total: Cents(100))),
        ForwardingSender(
          sender: omnia,
          totals: ClaimantTotals(claimant: helsinki, added: 0, cancelled: 1, total: .zero)),
      ])
  }

  @Test("booleans: true/false, 1/0, K/E in any letter case", arguments: ["TRUE", "e", "K", "0"])
  func booleans(_ value: String) throws {
    var record = Self.claim("C1")
    record["non_disclosure"] = value
    #expect(try run(.claims, [record])[0].disposition == .accepted)
  }

  @Test("a boolean that is none of them is TYPE")
  func badBoolean() throws {
    var record = Self.claim("C1")
    record["non_disclosure"] = "yes"
    let outcome = try run(.claims, [record])[0]
    #expect(errorCodes(outcome) == [.TYPE])
    #expect(outcome.problems.last?.variant == "boolean")
  }

  @Test("XML: ISO dates only, a decimal point only")
  func xmlForms() throws {
    var record = Self.claim("C1")
    record["period_start"] = "1.10.2026"
    record["amount"] = "450,00"
    let outcome = try run(.claims, format: .xml, decimalComma: false, [record])[0]
    #expect(errorCodes(outcome) == [.TYPE, .TYPE])
    #expect(outcome.problems.map(\.location.field).contains("amount"))
  }

  @Test("a CANCEL needs only the claim ID and the claimant")
  func cancel() throws {
    let outcomes = try run(
      .claims,
      [
        ["claim_id": "C1", "claimant_y_tunnus": Self.helsinki, "action": "CANCEL"],
        ["claimant_y_tunnus": Self.helsinki, "action": "CANCEL"],
        ["claim_id": "C2", "claimant_y_tunnus": Self.helsinki, "action": "REMOVE"],
      ])
    #expect(outcomes[0].disposition == .accepted)
    #expect(errorCodes(outcomes[1]) == [.REQUIRED])
    #expect(errorCodes(outcomes[2]).first == .ENUM)
  }

  @Test("identifier problems are located at field, record and record ID")
  func located() throws {
    var record = Self.claim("C7")
    record["iban"] = "FI2112345600000786"
    let outcome = try run(.claims, [record])[0]
    let problem = try #require(outcome.problems.first { $0.code == .IBAN_INVALID })
    #expect(problem.location == Location(line: 2, record: 1, field: "iban", recordID: "C7"))
  }

  @Test("a reader error rejects the record; the field checks still report")
  func readerError() throws {
    var processor = Processors.make(
      kind: .claims,
      context: RunContext(
        runID: "r", now: Timestamp(seconds: 1_800_000_000), timeZone: .gmt, sender: .ops,
        fileID: nil, settings: DomainSettings()),
      state: nil)
    _ = try processor.begin(FileHeader(kind: .claims, format: .csv))
    var fields = Self.claim("C1")
    fields["benefit"] = "X"
    let outcome = try processor.process(
      RawRecord(number: 1, line: 2, fields: fields, problems: [Problem(.CSV_FIELD_COUNT)]))
    #expect(outcome.disposition == .rejected)
    #expect(errorCodes(outcome) == [.CSV_FIELD_COUNT, .ENUM])
  }

  @Test("every domain message variant has Finnish and English, all placeholders filled")
  func messages() {
    let arguments = [
      "allowed": "A, B", "max": "40", "code": "091", "count": "6", "active": "20",
      "percent": "10", "missing": "name", "type": "MUU", "matter": "huoltajuus",
      "expected": "X", "days": "400",
    ]
    for (key, templates) in MessageCatalog.domain {
      #expect(Set(templates.keys) == Set(Language.allCases), "\(key)")
      for template in templates.values {
        #expect(!Messages.fill(template, with: arguments).contains("{"), "\(key)")
      }
    }
  }
}
