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
    try forEachBatchRecord(runID: runID) { records.append($0) }
    return records
  }

  /// The records of ``batchRecords(runID:)`` one at a time, from a cursor: a
  /// run of a million claims is written without holding them all in memory.
  public func forEachBatchRecord(
    runID: String, limit: Int? = nil, _ body: (BatchRecord) throws -> Void
  ) throws {
    // Through the C API: a million rows read by name through GRDB's `Row`
    // showed as a quarter of writing the batch.
    let statement = try RawStatement(
      db,
      sql: """
        SELECT a.action, c.claimant, c.claim_id, c.registered_by, c.client_hetu, c.claim_type,
          c.legal_basis, c.benefit, c.period_start, c.period_end, c.amount_cents, c.iban,
          c.reference, c.decision_date, c.non_disclosure
        FROM claim_actions a
        JOIN claims c ON c.claimant = a.claimant AND c.claim_id = a.claim_id
        WHERE a.run_id = ? ORDER BY a.claimant, a.claim_id, a.seq LIMIT ?
        """)
    var claimant = YTunnus("0000000-0")!
    try statement.forEach(.text(runID), .int(Int64(limit ?? -1))) { row in
      // One claimant's records come together: its Y-tunnus is parsed once.
      let text = row.text(1)
      if text != claimant.value { claimant = YTunnus(text)! }
      if row.text(0) == "ADD" {
        try body(.add(Self.claimData(row, claimant: claimant)))
      } else {
        try body(.cancel(claimID: row.text(2), claimant: claimant))
      }
    }
  }

  /// How many records the run's Kela batch holds.
  public func batchRecordCount(runID: String) throws -> Int {
    try Int.fetchOne(
      db, sql: "SELECT COUNT(*) FROM claim_actions WHERE run_id = ?", arguments: [runID]) ?? 0
  }

  /// Per claimant of a run, the organisations other than the claimant that
  /// sent its accepted claims, with what each sent: `CLAIMS_FORWARDED` goes
  /// to them as well. Ops (`_ops`) is no organisation and is left out.
  public func forwardingSenders(runID: String) throws -> [ForwardingSender] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT a.sender, a.claimant,
          SUM(a.action = 'ADD') AS added, SUM(a.action = 'CANCEL') AS cancelled,
          SUM(CASE WHEN a.action = 'ADD' THEN c.amount_cents ELSE 0 END) AS total
        FROM claim_actions a
        JOIN claims c ON c.claimant = a.claimant AND c.claim_id = a.claim_id
        WHERE a.run_id = ? AND a.sender != a.claimant AND a.sender != '_ops'
        GROUP BY a.sender, a.claimant ORDER BY a.sender, a.claimant
        """, arguments: [runID]
    ).map { row in
      ForwardingSender(
        sender: YTunnus(row["sender"] as String)!,
        totals: ClaimantTotals(
          claimant: YTunnus(row["claimant"] as String)!, added: row["added"],
          cancelled: row["cancelled"], total: Cents(row["total"])))
    }
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

/// An organisation that sent claims of another claimant in a run, and what it sent.
public struct ForwardingSender: Sendable, Hashable {
  public var sender: YTunnus
  public var totals: ClaimantTotals

  public init(sender: YTunnus, totals: ClaimantTotals) {
    self.sender = sender
    self.totals = totals
  }
}
