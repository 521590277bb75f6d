import Foundation
import SiirtoCore
import SiirtoFormats
import SiirtoReports

/// A fixed night: two claim files and the register, with problems, claims
/// (one protected), a register change and a coverage gap. Every
/// henkilötunnus uses an individual number 900–999.
enum Scenario {
  static let runID = "20261122-020000"
  static let now = Timestamp.parse("2026-11-22T02:00:03Z")!
  static let started = Timestamp.parse("2026-11-22T02:00:00Z")!
  static let helsinki = YTunnus("0201256-6")!
  static let espoo = YTunnus("0101263-6")!
  static let vantaa = YTunnus("0124610-9")!
  static let pseudonymizer = Pseudonymizer(key: Array("test-key-not-secret".utf8))

  /// A valid henkilötunnus for `ddmmyy` with a temporary individual number.
  static func hetu(_ ddmmyy: String, _ individual: Int, sign: String = "-") -> String {
    precondition((900...999).contains(individual))
    let control = Hetu.controlCharacter(ddmmyy: ddmmyy, individual: individual)
    return "\(ddmmyy)\(sign)\(individual)\(control)"
  }

  static let employee = Hetu(hetu("150575", 901))!
  static let client = Hetu(hetu("010190", 902))!
  static let protectedClient = Hetu(hetu("121285", 903))!

  static func date(_ iso: String) -> LocalDate { LocalDate.parseISO(iso)! }

  static let claimA = ClaimData(
    claimID: "HKI-2026-000123", claimant: helsinki, registeredBy: employee, client: client,
    type: .TOIMEENTULOTUKI_ENNAKKO, legalBasis: .TOIMEENTULOTUKILAKI_23, benefit: .TYOMARKKINATUKI,
    period: DatePeriod(start: date("2026-11-01"), end: date("2026-11-30")),
    amount: Cents(45_000), iban: IBAN("FI2112345600000785")!,
    reference: PaymentReference("12345672"), decisionDate: date("2026-11-15"), nonDisclosure: false)

  static let claimProtected = ClaimData(
    claimID: "HKI-2026-000124", claimant: helsinki, registeredBy: employee,
    client: protectedClient, type: .LAITOSHOITO, legalBasis: .ASIAKASMAKSULAKI_14,
    benefit: .KANSANELAKE, period: DatePeriod(start: date("2026-12-01"), end: nil),
    amount: Cents(123_456), iban: IBAN("FI2112345600000785")!, reference: nil,
    decisionDate: date("2026-11-20"), nonDisclosure: true)

  /// In no particular order: the writer sorts (claimant, claim ID).
  static let batch: [BatchRecord] = [
    .cancel(claimID: "ESP-77", claimant: espoo),
    .add(claimProtected),
    .add(claimA),
  ]

  static let fileName = Array("maksuvaatimukset-marraskuu.csv".utf8)
  /// A name with a client's code, a newline and a byte that is not UTF-8.
  static let awkwardName: [UInt8] = Array("kela \(hetu("010190", 902)).csv\n".utf8) + [0xFF]

  static let problems: [Problem] = [
    Problem(
      .HETU_INVALID,
      at: Location(line: 14, record: 13, field: "client_hetu", recordID: "HKI-2026-000135"),
      variant: "checksum"),
    Problem(
      .CLAIM_LATE, at: Location(line: 20, record: 19, recordID: "=HYPERLINK(\"x\")")),
    Problem(
      .REQUIRED, at: Location(line: 22, record: 21, field: "amount", recordID: "-12")),
    // A sender put a client's code into a claim ID: it must be masked everywhere.
    Problem(
      .CLAIM_NO_MANDATE,
      at: Location(line: 30, record: 29, recordID: "X \(hetu("010190", 902))")),
  ]

  static let receipt = ReceiptDocument(
    runID: runID, createdAt: now, fileName: fileName, bytes: 18_234,
    receivedAt: Timestamp.parse("2026-11-21T16:02:11Z")!,
    sha256: String(repeating: "ab", count: 32), kind: .claims, format: .csv,
    status: .PARTIALLY_ACCEPTED,
    counts: ReceiptCounts(records: 120, accepted: 116, rejected: 3, ignored: 1, warnings: 1),
    problems: problems)

  static let duplicateReceipt = ReceiptDocument(
    runID: runID, createdAt: now, fileName: awkwardName, bytes: 18_234,
    receivedAt: Timestamp.parse("2026-11-21T16:05:00Z")!,
    sha256: String(repeating: "ab", count: 32), kind: .claims, format: .csv, status: .DUPLICATE,
    counts: ReceiptCounts(records: 120, accepted: 116, rejected: 3, ignored: 1, warnings: 1),
    duplicateOf: ReceiptDuplicate(
      runID: "20261121-020000", receipt: "receipt-20261121-020000-2.xml"),
    problems: [Problem(.FILE_DUPLICATE)])

  static let events: [NotificationEvent] = [
    NotificationEvent(
      recipient: helsinki.value, code: .MANDATE_EXPIRING, refType: "mandate", refID: "M-000001",
      arguments: [
        "matter": "kelmu-etuustiedot-maksuvaatimukset", "lastValidDay": "2026-12-10",
        "agent": "Maija Meikäläinen",
      ]),
    NotificationEvent(
      recipient: helsinki.value, code: .CLAIMS_FORWARDED, refType: "batch", refID: runID,
      arguments: [
        "claimant": helsinki.value, "count": "2", "total": "1684.56", "cancelled": "0",
        "batch": runID,
      ]),
    NotificationEvent(
      recipient: espoo.value, code: .MANDATE_MISSING, refType: "organisation",
      refID: espoo.value, arguments: ["matter": "kelmu-etuustiedot-maksuvaatimukset"]),
    NotificationEvent(recipient: "_ops", code: .MANDATE_MISSING),
  ]

  static let report = RunReport(
    runID: runID, startedAt: started, finishedAt: now, version: "1.0.0-test",
    configurationDigest: String(repeating: "c", count: 64), host: "testhost",
    inputs: [
      ReportInput(
        number: 1, name: fileName, sender: helsinki.value, kind: .claims, format: .csv,
        bytes: 18_234, sha256: String(repeating: "ab", count: 32), status: .PARTIALLY_ACCEPTED,
        counts: receipt.counts, receipt: "outbox/0201256-6/receipt-20261122-020000-1.xml"),
      ReportInput(
        number: 2, name: awkwardName, sender: "_ops", kind: nil, format: nil, bytes: 18_234,
        sha256: String(repeating: "ab", count: 32), status: .DUPLICATE, counts: .zero,
        receipt: "outbox/_ops/receipt-20261122-020000-2.xml"),
    ],
    problems: problems.map { ProblemRow(file: 1, fileName: fileName, problem: $0) },
    claimants: [
      ClaimantRow(
        totals: ClaimantTotals(claimant: helsinki, added: 2, cancelled: 0, total: Cents(168_456)),
        name: "Helsingin kaupunki"),
      ClaimantRow(
        totals: ClaimantTotals(claimant: espoo, added: 0, cancelled: 1, total: .zero),
        name: "Espoon kaupunki"),
    ],
    claims: ClaimBatchWriter.sorted(batch).map { ClaimRow($0, pseudonymizer: pseudonymizer) },
    registerChanges: [
      RegisterChangeRow(
        change: .changed, organisation: vantaa, name: "Vantaan kaupunki", type: .KUNTA,
        detail: "name")
    ],
    coverage: [
      CoverageRow(
        organisation: helsinki, name: "Helsingin kaupunki", type: .KUNTA,
        matter: "kelmu-etuustiedot-maksuvaatimukset", authorisedPersons: 3),
      CoverageRow(
        organisation: espoo, name: "Espoon kaupunki", type: .KUNTA,
        matter: "kelmu-etuustiedot-maksuvaatimukset", authorisedPersons: 0),
    ],
    outputs: [
      ReportOutput(
        path: "outbox/0201256-6/receipt-20261122-020000-1.xml",
        sha256: String(repeating: "1", count: 64), bytes: 1234),
      ReportOutput(
        path: "outbox/kela/claims-20261122-020000.xml", sha256: String(repeating: "2", count: 64),
        bytes: 2345),
    ],
    previousAuditHash: String(repeating: "f", count: 64))

  static let index: [RunIndexEntry] = [
    RunIndexEntry(report),
    RunIndexEntry(
      runID: "20261121-020000", startedAt: Timestamp.parse("2026-11-21T02:00:00Z")!,
      outcome: .clean, files: 3, rejectedFiles: 0, problems: 0),
    RunIndexEntry(
      runID: "20261122-020000-2", startedAt: started, outcome: .nothingToDo, files: 0,
      rejectedFiles: 0, problems: 0),
  ]
}

/// Golden files beside the tests; `SIIRTO_UPDATE_GOLDEN=1` rewrites them.
enum Golden {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// The golden bytes of `name` as they are.
  static func read(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: folder.appendingPathComponent(name)))
  }

  /// The golden bytes of `name`, after writing `actual` when updating.
  static func expected(_ name: String, actual: [UInt8]) throws -> [UInt8] {
    let url = folder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["SIIRTO_UPDATE_GOLDEN"] == "1" {
      try Data(actual).write(to: url)
    }
    return Array(try Data(contentsOf: url))
  }
}

/// `xmllint --noout --schema` on a document, as an independent check of the
/// project's own validator.
func xmllint(_ document: [UInt8], schema: OutboundSchema) throws -> (status: Int32, output: String)
{
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
    "siirto-xmllint-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: dir) }
  let xsd = dir.appendingPathComponent(schema.rawValue)
  let doc = dir.appendingPathComponent("doc.xml")
  try Schemas.text(named: schema.rawValue)!.write(to: xsd, atomically: true, encoding: .utf8)
  try Data(document).write(to: doc)
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["xmllint", "--noout", "--schema", xsd.path, doc.path]
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let output = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}
