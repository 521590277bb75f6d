import Foundation
import GRDB
import SiirtoCore

/// What the outputs read of the domain state: the events, the Kela batch and
/// the claim totals of a run, the mandate coverage, and organisations.
public struct DomainQueries {
  let db: Database

  public init(_ db: Database) { self.db = db }

  /// The notification events of a run, in the order they were recorded.
  public func events(runID: String) throws -> [NotificationEvent] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT recipient, code, ref_type, ref_id, arguments FROM events
        WHERE run_id = ? ORDER BY seq
        """, arguments: [runID]
    ).map { row in
      let json = Data((row["arguments"] as String).utf8)
      return NotificationEvent(
        recipient: row["recipient"], code: NotificationCode(rawValue: row["code"])!,
        refType: row["ref_type"], refID: row["ref_id"],
        arguments: try JSONDecoder().decode([String: String].self, from: json))
    }
  }

  /// The accepted `ADD`s and `CANCEL`s of a run, by claimant, then claim ID
  /// (an `ADD` before a `CANCEL` of the same claim).
  public func batchRecords(runID: String) throws -> [BatchRecord] {
    var records: [BatchRecord] = []
    try forEachBatchRecord(runID: runID) { record, _ in records.append(record) }
    return records
  }

  /// The records of ``batchRecords(runID:)`` one at a time, each with the
  /// folder it came from, from a cursor: a run of a million claims is written
  /// without holding them all in memory.
  public func forEachBatchRecord(
    runID: String, limit: Int? = nil, _ body: (BatchRecord, Sender) throws -> Void
  ) throws {
    // Through the C API: a million rows read by name through GRDB's `Row`
    // showed as a quarter of writing the batch.
    let statement = try RawStatement(
      db,
      sql: """
        SELECT a.action, c.claimant, c.claim_id, c.registered_by, c.client_hetu, c.claim_type,
          c.legal_basis, c.benefit, c.period_start, c.period_end, c.amount_cents, c.iban,
          c.reference, c.decision_date, c.non_disclosure, a.sender
        FROM claim_actions a
        JOIN claims c ON c.claimant = a.claimant AND c.claim_id = a.claim_id
        WHERE a.run_id = ? ORDER BY a.claimant, a.claim_id, a.seq LIMIT ?
        """)
    var claimant = YTunnus("0000000-0")!
    var sender = Sender.ops
    try statement.forEach(.text(runID), .int(Int64(limit ?? -1))) { row in
      // One claimant's records come together, mostly from one sender: each
      // Y-tunnus is parsed when it changes.
      let text = row.text(1)
      if text != claimant.value { claimant = YTunnus(text)! }
      let folder = row.text(15)
      if folder != sender.folderName {
        sender = folder == "_ops" ? .ops : .partner(YTunnus(folder)!)
      }
      if row.text(0) == "ADD" {
        try body(.add(Self.claimData(row, claimant: claimant)), sender)
      } else {
        try body(.cancel(claimID: row.text(2), claimant: claimant), sender)
      }
    }
  }

  /// How many records the run's Kela batch holds.
  public func batchRecordCount(runID: String) throws -> Int {
    try Int.fetchOne(
      db, sql: "SELECT COUNT(*) FROM claim_actions WHERE run_id = ?", arguments: [runID]) ?? 0
  }

  /// The organisation as registered (name, type, history), for reports.
  public func organisation(_ yTunnus: YTunnus) throws -> Organisation? {
    try StoreState(db, runID: "").organisation(yTunnus)
  }

  /// A stored claim; the columns as ``forEachBatchRecord(runID:limit:_:)`` selects them.
  static func claimData(_ row: RawStatement.Row, claimant: YTunnus) -> ClaimData {
    let start = LocalDate.parseISO(row.text(8))!
    return ClaimData(
      claimID: row.text(2), claimant: claimant, registeredBy: Hetu(row.text(3))!,
      client: Hetu(row.text(4))!, type: ClaimType(rawValue: row.text(5))!,
      legalBasis: LegalBasis(rawValue: row.text(6))!, benefit: Benefit(rawValue: row.text(7))!,
      period: DatePeriod(start: start, end: LocalDate.parseISO(row.text(9))),
      amount: Cents(row.int(10)), iban: IBAN(row.text(11))!,
      reference: row.optionalText(12).flatMap { PaymentReference($0) },
      decisionDate: LocalDate.parseISO(row.text(13))!, nonDisclosure: row.int(14) != 0)
  }
}
