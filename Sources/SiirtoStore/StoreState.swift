import Foundation
import GRDB
import SiirtoCore

/// The domain state over the run's open database, inside the pipeline's
/// transaction (and the savepoint of the file being applied). It never begins
/// or commits a transaction. What it records belongs to `runID`.
public struct StoreState: DomainState {
  let db: Database
  public let runID: String
  private let statements: RecordStatements

  public init(_ db: Database, runID: String) {
    self.db = db
    self.runID = runID
    self.statements = RecordStatements(db)
  }

  // MARK: Register

  public func organisation(_ yTunnus: YTunnus) throws -> Organisation? {
    let row = try Row.fetchOne(
      db.cachedStatement(sql: "SELECT * FROM organisations WHERE y_tunnus = ?"),
      arguments: [yTunnus.value])
    guard let row else { return nil }
    let periods = try Row.fetchAll(
      db.cachedStatement(
        sql: "SELECT * FROM organisation_periods WHERE y_tunnus = ? ORDER BY seq"),
      arguments: [yTunnus.value])
    let earlier = try Row.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT * FROM organisation_earlier_types WHERE y_tunnus = ? ORDER BY "until"
          """),
      arguments: [yTunnus.value])
    return Self.organisation(
      row, periods: periods.map(Self.period), earlierTypes: earlier.map(Self.earlierType))
  }

  public func allOrganisations() throws -> [Organisation] {
    var periods: [String: [RegistrationPeriod]] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT * FROM organisation_periods ORDER BY y_tunnus, seq")
    {
      periods[row["y_tunnus"], default: []].append(Self.period(row))
    }
    var earlier: [String: [EarlierType]] = [:]
    for row in try Row.fetchAll(
      db, sql: #"SELECT * FROM organisation_earlier_types ORDER BY y_tunnus, "until""#)
    {
      earlier[row["y_tunnus"], default: []].append(Self.earlierType(row))
    }
    return try Row.fetchAll(db, sql: "SELECT * FROM organisations ORDER BY y_tunnus").map {
      Self.organisation(
        $0, periods: periods[$0["y_tunnus"]] ?? [], earlierTypes: earlier[$0["y_tunnus"]] ?? [])
    }
  }

  public func save(_ organisation: Organisation) throws {
    let y = organisation.yTunnus.value
    try db.cachedStatement(
      sql: """
        INSERT INTO organisations (y_tunnus, name, name_sv, type, municipality_code)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (y_tunnus) DO UPDATE SET name = excluded.name, name_sv = excluded.name_sv,
          type = excluded.type, municipality_code = excluded.municipality_code
        """
    ).execute(arguments: [
      y, organisation.name, organisation.nameSv, organisation.type.rawValue,
      organisation.municipalityCode?.value,
    ])
    try db.cachedStatement(sql: "DELETE FROM organisation_periods WHERE y_tunnus = ?")
      .execute(arguments: [y])
    let insert = try db.cachedStatement(
      sql: """
        INSERT INTO organisation_periods (y_tunnus, seq, start, "end", removed)
        VALUES (?, ?, ?, ?, ?)
        """)
    for (seq, period) in organisation.periods.enumerated() {
      try insert.execute(arguments: [y, seq, period.start.iso, period.end?.iso, period.removed])
    }
    try db.cachedStatement(sql: "DELETE FROM organisation_earlier_types WHERE y_tunnus = ?")
      .execute(arguments: [y])
    let insertType = try db.cachedStatement(
      sql: #"INSERT INTO organisation_earlier_types (y_tunnus, "until", type) VALUES (?, ?, ?)"#)
    for earlier in organisation.earlierTypes {
      try insertType.execute(arguments: [y, earlier.until.iso, earlier.type.rawValue])
    }
  }

  // MARK: Registration requests

  public func isRequestProcessed(_ requestID: String) throws -> Bool {
    try Bool.fetchOne(
      db.cachedStatement(
        sql: "SELECT EXISTS (SELECT 1 FROM registration_requests WHERE request_id = ?)"),
      arguments: [requestID]) ?? false
  }

  public func markRequestProcessed(_ requestID: String) throws {
    try db.cachedStatement(
      sql: "INSERT OR IGNORE INTO registration_requests (request_id, run_id) VALUES (?, ?)"
    ).execute(arguments: [requestID, runID])
  }

  // MARK: Mandates

  public func mandate(id: String) throws -> Mandate? {
    try statements(.mandate).run(.text(id)) { row in
      Mandate(
        id: row.text(0), status: MandateStatus(rawValue: row.text(1))!,
        principal: Party(type: PartyType(rawValue: row.text(2))!, id: row.text(3)),
        agent: Party(type: PartyType(rawValue: row.text(4))!, id: row.text(5)),
        agentName: row.optionalText(6), matter: row.text(7),
        validFrom: Self.date(row.text(8))!, effectiveEnd: Self.date(row.optionalText(9)),
        endNoticePending: row.int(10) != 0, expiryWarnedFor: Self.date(row.optionalText(11)))
    }
  }

  public func save(_ mandate: Mandate) throws {
    try statements(.saveMandate).execute(
      .text(mandate.id), .text(mandate.status.rawValue), .text(mandate.principal.type.rawValue),
      .text(mandate.principal.id), .text(mandate.agent.type.rawValue), .text(mandate.agent.id),
      .optionalText(mandate.agentName), .text(mandate.matter), .text(mandate.validFrom.iso),
      .optionalText(mandate.effectiveEnd?.iso), .int(mandate.endNoticePending ? 1 : 0),
      .optionalText(mandate.expiryWarnedFor?.iso), .text(runID))
  }

  // Not save(): a replaced row is deleted and inserted again, with every index
  // of the table, and a million mandates bring tens of thousands of notices.
  public func saveNotices(of mandate: Mandate) throws {
    try statements(.saveNotices).execute(
      .int(mandate.endNoticePending ? 1 : 0), .optionalText(mandate.expiryWarnedFor?.iso),
      .text(runID), .text(mandate.id))
  }

  public func mandates(principal: Party, matter: String, validOn date: LocalDate) throws
    -> [Mandate]
  {
    try Row.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT * FROM mandates INDEXED BY mandates_by_principal
          WHERE principal_id = ? AND matter = ? AND principal_type = ?
            AND valid_from <= ? AND (effective_end IS NULL OR effective_end >= ?)
          ORDER BY mandate_id
          """),
      arguments: [principal.id, matter, principal.type.rawValue, date.iso, date.iso]
    ).map(Self.mandate)
  }

  public func agents(principal: Party, matter: String, validOn date: LocalDate) throws -> [Party] {
    let rows = try Row.fetchCursor(
      db.cachedStatement(
        sql: """
          SELECT agent_type, agent_id FROM mandates INDEXED BY mandates_by_principal
          WHERE principal_id = ? AND matter = ? AND principal_type = ?
            AND valid_from <= ? AND (effective_end IS NULL OR effective_end >= ?)
          """),
      arguments: [principal.id, matter, principal.type.rawValue, date.iso, date.iso])
    var agents: [Party] = []
    // By column index: a name lookup per value cost more than the query.
    while let row = try rows.next() {
      agents.append(Party(type: PartyType(rawValue: row[0])!, id: row[1]))
    }
    return agents
  }

  public func mandates(agent: Party, matter: String, validOn date: LocalDate) throws
    -> [Mandate]
  {
    try Row.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT * FROM mandates INDEXED BY mandates_by_agent
          WHERE agent_id = ? AND matter = ? AND agent_type = ?
            AND valid_from <= ? AND (effective_end IS NULL OR effective_end >= ?)
          ORDER BY mandate_id
          """),
      arguments: [agent.id, matter, agent.type.rawValue, date.iso, date.iso]
    ).map(Self.mandate)
  }

  public func exportDigest(exportID: String) throws -> String? {
    try String.fetchOne(
      db.cachedStatement(sql: "SELECT sha256 FROM mandate_exports WHERE export_id = ?"),
      arguments: [exportID])
  }

  public func recordExport(exportID: String, digest: String) throws {
    try db.cachedStatement(
      sql: "INSERT OR IGNORE INTO mandate_exports (export_id, sha256, run_id) VALUES (?, ?, ?)"
    ).execute(arguments: [exportID, digest, runID])
  }

  public func personName(_ person: Hetu) throws -> String? {
    try String.fetchOne(
      db.cachedStatement(sql: "SELECT name FROM person_names WHERE hetu = ?"),
      arguments: [person.value])
  }

  public func setPersonName(_ name: String, for person: Hetu) throws {
    try statements(.setPersonName).execute(.text(person.value), .text(name))
  }

  // MARK: Claims

  public func claim(claimant: YTunnus, id: String) throws -> StoredClaim? {
    try statements(.lookup).run(.text(claimant.value), .text(id)) { row in
      StoredClaim(digest: row.text(0), active: row.int(1) != 0)
    }
  }

  public func hasOverlappingActiveClaim(
    client: Hetu, benefit: Benefit, period: DatePeriod, other claimant: YTunnus, claimID: String
  ) throws -> Bool {
    let end = period.end?.iso ?? "9999-12-31"
    return try statements(.overlap).run(
      .text(client.value), .text(benefit.rawValue), .text(end), .text(period.start.iso),
      .text(claimant.value), .text(claimID)
    ) { row in row.int(0) != 0 } ?? false
  }

  public func insert(_ claim: ClaimData, digest: String, sender: Sender) throws {
    try statements(.insert).execute(
      .text(claim.claimant.value), .text(claim.claimID), .text(claim.registeredBy.value),
      .text(claim.client.value), .text(claim.type.rawValue), .text(claim.legalBasis.rawValue),
      .text(claim.benefit.rawValue), .text(claim.period.start.iso),
      .text(claim.period.end?.iso ?? claim.period.start.iso), .int(claim.amount.value),
      .text(claim.iban.value), .optionalText(claim.reference?.value),
      .text(claim.decisionDate.iso), .int(claim.nonDisclosure ? 1 : 0), .text(digest),
      .text(runID))
    try recordAction("ADD", claimant: claim.claimant, id: claim.claimID, sender: sender)
  }

  public func cancelClaim(claimant: YTunnus, id: String, sender: Sender) throws {
    try db.cachedStatement(
      sql: """
        UPDATE claims SET active = 0, cancelled_run_id = ? WHERE claimant = ? AND claim_id = ?
        """
    ).execute(arguments: [runID, claimant.value, id])
    try recordAction("CANCEL", claimant: claimant, id: id, sender: sender)
  }

  private func recordAction(_ action: String, claimant: YTunnus, id: String, sender: Sender)
    throws
  {
    try statements(.action).execute(
      .text(runID), .text(claimant.value), .text(id), .int(try statements.nextActionSeq(runID)),
      .text(action), .text(sender.folderName))
  }

  // MARK: Events and their memory

  public func record(_ event: NotificationEvent) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let arguments = String(decoding: try encoder.encode(event.arguments), as: UTF8.self)
    try db.cachedStatement(
      sql: """
        INSERT INTO events (run_id, recipient, code, ref_type, ref_id, arguments)
        VALUES (?, ?, ?, ?, ?, ?)
        """
    ).execute(arguments: [
      runID, event.recipient, event.code.rawValue, event.refType, event.refID, arguments,
    ])
  }

  public func mandatesAwaitingEndNotice(endedBefore date: LocalDate) throws -> [Mandate] {
    try Row.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT * FROM mandates INDEXED BY mandates_end_pending
          WHERE end_notice_pending = 1 AND effective_end < ? AND principal_type = 'ORG'
          ORDER BY principal_id, mandate_id
          """),
      arguments: [date.iso]
    ).map(Self.mandate)
  }

  public func mandatesEnding(from: LocalDate, through: LocalDate) throws -> [Mandate] {
    try Row.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT * FROM mandates INDEXED BY mandates_by_end
          WHERE principal_type = 'ORG' AND effective_end IS NOT NULL
            AND effective_end >= ? AND effective_end <= ? AND valid_from <= effective_end
          ORDER BY principal_id, mandate_id
          """),
      arguments: [from.iso, through.iso]
    ).map(Self.mandate)
  }

  public func uncoveredPairs() throws -> Set<CoveragePair> {
    var pairs: Set<CoveragePair> = []
    for row in try Row.fetchAll(db, sql: "SELECT y_tunnus, matter FROM coverage_state") {
      guard let y = YTunnus(row["y_tunnus"] as String) else { continue }
      pairs.insert(CoveragePair(organisation: y, matter: row["matter"]))
    }
    return pairs
  }

  public func setUncovered(_ pair: CoveragePair, _ uncovered: Bool) throws {
    let sql =
      uncovered
      ? "INSERT OR IGNORE INTO coverage_state (y_tunnus, matter) VALUES (?, ?)"
      : "DELETE FROM coverage_state WHERE y_tunnus = ? AND matter = ?"
    try db.cachedStatement(sql: sql).execute(arguments: [pair.organisation.value, pair.matter])
  }

  // MARK: Rows

  static func date(_ text: String?) -> LocalDate? { text.flatMap { LocalDate.parseISO($0) } }

  static func period(_ row: Row) -> RegistrationPeriod {
    RegistrationPeriod(
      start: date(row["start"])!, end: date(row["end"]), removed: row["removed"])
  }

  static func earlierType(_ row: Row) -> EarlierType {
    EarlierType(until: date(row["until"])!, type: OrganisationType(rawValue: row["type"])!)
  }

  static func organisation(
    _ row: Row, periods: [RegistrationPeriod], earlierTypes: [EarlierType]
  ) -> Organisation {
    Organisation(
      yTunnus: YTunnus(row["y_tunnus"] as String)!, name: row["name"], nameSv: row["name_sv"],
      type: OrganisationType(rawValue: row["type"])!,
      municipalityCode: (row["municipality_code"] as String?).flatMap { MunicipalityCode($0) },
      periods: periods, earlierTypes: earlierTypes)
  }

  static func mandate(_ row: Row) -> Mandate {
    Mandate(
      id: row["mandate_id"], status: MandateStatus(rawValue: row["status"])!,
      principal: Party(type: PartyType(rawValue: row["principal_type"])!, id: row["principal_id"]),
      agent: Party(type: PartyType(rawValue: row["agent_type"])!, id: row["agent_id"]),
      agentName: row["agent_name"], matter: row["matter"], validFrom: date(row["valid_from"])!,
      effectiveEnd: date(row["effective_end"]), endNoticePending: row["end_notice_pending"],
      expiryWarnedFor: date(row["expiry_warned_for"]))
  }
}

/// The statements that run once per claim or mandate, prepared on a file's
/// first use of each and driven through SQLite's C API (``RawStatement``).
private final class RecordStatements {
  enum Kind: Int, CaseIterable {
    case lookup, overlap, insert, action, mandate, saveMandate, saveNotices, setPersonName

    var sql: String {
      switch self {
      case .lookup:
        return "SELECT digest, active FROM claims WHERE claimant = ? AND claim_id = ?"
      case .overlap:
        return """
          SELECT EXISTS (SELECT 1 FROM claims INDEXED BY claims_active_by_client
            WHERE client_hetu = ? AND benefit = ? AND active = 1
              AND period_start <= ? AND period_end >= ?
              AND NOT (claimant = ? AND claim_id = ?))
          """
      case .insert:
        return """
          INSERT INTO claims (claimant, claim_id, registered_by, client_hetu, claim_type,
            legal_basis, benefit, period_start, period_end, amount_cents, iban, reference,
            decision_date, non_disclosure, digest, active, run_id)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
          """
      case .action:
        return """
          INSERT INTO claim_actions (run_id, claimant, claim_id, seq, action, sender)
          VALUES (?, ?, ?, ?, ?, ?)
          """
      case .mandate:
        return """
          SELECT mandate_id, status, principal_type, principal_id, agent_type, agent_id,
            agent_name, matter, valid_from, effective_end, end_notice_pending, expiry_warned_for
          FROM mandates WHERE mandate_id = ?
          """
      case .saveMandate:
        return """
          INSERT OR REPLACE INTO mandates (mandate_id, status, principal_type, principal_id,
            agent_type, agent_id, agent_name, matter, valid_from, effective_end,
            end_notice_pending, expiry_warned_for, run_id)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """
      case .saveNotices:
        return """
          UPDATE mandates SET end_notice_pending = ?, expiry_warned_for = ?, run_id = ?
          WHERE mandate_id = ?
          """
      case .setPersonName:
        // A person agent of many mandates is named by each of them: the row
        // is written only when the name is new or changed.
        return """
          INSERT INTO person_names (hetu, name) VALUES (?, ?)
          ON CONFLICT (hetu) DO UPDATE SET name = excluded.name WHERE name <> excluded.name
          """
      }
    }
  }

  private let db: Database
  private var prepared: [RawStatement?] = Array(repeating: nil, count: Kind.allCases.count)

  /// The `seq` of the run's next action, once counted per file: a file's
  /// savepoint may roll its own actions back, and its state goes with it.
  private var nextSeq: Int64?

  init(_ db: Database) { self.db = db }

  func nextActionSeq(_ runID: String) throws -> Int64 {
    let seq =
      try nextSeq
      ?? Int64.fetchOne(
        db, sql: "SELECT COUNT(*) + 1 FROM claim_actions WHERE run_id = ?", arguments: [runID])
      ?? 1
    nextSeq = seq + 1
    return seq
  }

  func callAsFunction(_ kind: Kind) throws -> RawStatement {
    if let statement = prepared[kind.rawValue] { return statement }
    let statement = try RawStatement(db, sql: kind.sql)
    prepared[kind.rawValue] = statement
    return statement
  }
}
