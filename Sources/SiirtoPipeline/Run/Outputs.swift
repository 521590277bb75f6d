import Foundation
import GRDB
import SiirtoCore
import SiirtoFormats
import SiirtoReports
import SiirtoStore

/// An outbound file failed its own XSD: a bug, never the input's fault. The
/// run's transaction is rolled back and nothing is published (exit 70).
struct OutboundInvalid: Error, CustomStringConvertible {
  let file: String
  let problems: [String]
  var description: String {
    "internal error: \(file) does not validate against its schema: "
      + problems.prefix(3).joined(separator: "; ")
  }
}

/// Renders a run's outputs from what the run recorded, and checks each XML
/// against its XSD before it may be staged.
final class Outputs {
  private let receipts: OutboundValidator
  private let notifications: OutboundValidator
  private let batches: OutboundValidator

  init() throws {
    receipts = try OutboundValidator(.receipt)
    notifications = try OutboundValidator(.notification)
    batches = try OutboundValidator(.kelaClaims)
  }

  private func checked(_ bytes: [UInt8], _ validator: OutboundValidator, _ name: String) throws
    -> [UInt8]
  {
    let problems = validator.problems(in: bytes)
    if !problems.isEmpty { throw OutboundInvalid(file: name, problems: problems) }
    return bytes
  }

  /// The receipt of one input file: its first 1,000 problems from the spool.
  func receipt(for file: ProcessedFile, runID: String, createdAt: Timestamp) throws -> [UInt8] {
    let row = file.row
    let problems = try ProblemSpool.first(ReceiptDocument.problemLimit, of: file.problems)
    let status = ReceiptStatus(rawValue: row.status)!
    let duplicate = status == .DUPLICATE
    let document = ReceiptDocument(
      runID: runID, createdAt: createdAt, fileName: [UInt8](row.name), bytes: row.bytes,
      receivedAt: Timestamp.parse(row.receivedAt)!, sha256: row.sha256,
      kind: duplicate ? nil : row.kind.flatMap(InputKind.init(rawValue:)),
      format: duplicate ? nil : row.format.flatMap(InputFormat.init(rawValue:)), status: status,
      counts: duplicate
        ? .zero
        : ReceiptCounts(
          records: row.records, accepted: row.accepted, rejected: row.rejected,
          ignored: row.ignored, warnings: row.warnings),
      duplicateOf: file.duplicate, problems: problems,
      moreProblems: file.problemCount - problems.count)
    return try checked(try ReceiptWriter.render(document), receipts, row.receipt)
  }

  /// Notifications, the Kela batch, the reports and the audit record of the
  /// run, staged; returns the staged report folder's files for the ledger.
  /// `coverage` is the one the run's time-driven events were judged on;
  /// `problemsCSV` has had every file's problems and is finished here.
  func stageDerived(
    run: RunRow, files: [ProcessedFile], coverage: [CoverageRow],
    problemsCSV: ProblemsCSVStream, stager: Stager, night: Night, in db: Database
  ) throws {
    let queries = DomainQueries(db)
    let now = night.now
    let batchName = "claims-\(run.id).xml"
    // The totals per claimant and per forwarding sender are tallied from the
    // batch's records as they are written: queries of their own read every
    // claim of the run again.
    let batchCount = try queries.batchRecordCount(runID: run.id)
    var tally = ClaimantTotals.Tally()
    if batchCount > 0 {
      let path = "outbox/kela/\(batchName)"
      let staged = try stager.stagedPlace(of: path)
      // The batch is checked against its XSD on another thread as it is
      // written, through a pipe, rather than read back from the disk.
      let pipe = try CheckPipe()
      let batches = self.batches
      let check = BackgroundWork { batches.problems(readingFrom: pipe.readEnd) }
      defer {
        pipe.closeWriting()
        check.finish()
      }
      let written = try night.logger.timed("write Kela batch") {
        let stream = try ClaimBatchStream(
          batchID: run.id, createdAt: now, path: staged.string, copy: { pipe.write($0) })
        try queries.forEachBatchRecord(runID: run.id) { record, sender in
          tally.add(record, sender: sender)
          try stream.append(record)
        }
        return try stream.finish()
      }
      pipe.closeWriting()
      let problems = try night.logger.timed("check Kela batch") { try check.wait() }
      if !problems.isEmpty { throw OutboundInvalid(file: path, problems: problems) }
      try stager.adopt(path, role: "batch", written: (written.sha256, written.bytes))
      try stager.adopt(path + ".sha256", role: "batch-sha256")
    }
    let totals = tally.totals

    var events = Outputs.grouped(try queries.events(runID: run.id))
    for total in totals {
      events.append(Outputs.forwarded(total, to: total.claimant.value, batch: batchName))
    }
    for sender in tally.forwarded {
      events.append(Outputs.forwarded(sender.totals, to: sender.sender.value, batch: batchName))
    }
    try night.logger.timed("notifications") {
      for document in NotificationMessages.documents(runID: run.id, createdAt: now, events: events)
      {
        let path = "outbox/\(document.recipient)/notifications-\(run.id).xml"
        let bytes = try checked(try NotificationsWriter.render(document), notifications, path)
        try stager.stage(path, role: "notification", bytes: bytes)
      }
    }
    try night.logger.timed("reports") {
      try stageReports(
        run: run, files: files, events: events, coverage: coverage, totals: totals,
        claimCount: batchCount, problemsCSV: problemsCSV, stager: stager, night: night,
        queries: queries, in: db)
    }
  }

  /// `CLAIMS_UNAUTHORISED` is recorded per rejected claim; a notification says
  /// per employee how many. Other events pass through in their order.
  static func grouped(_ events: [NotificationEvent]) -> [NotificationEvent] {
    var out: [NotificationEvent] = []
    var counts: [String: Int] = [:]
    var firstIndex: [String: Int] = [:]
    for event in events {
      guard event.code == .CLAIMS_UNAUTHORISED else {
        out.append(event)
        continue
      }
      let key = [
        event.recipient, event.arguments["claimant"] ?? "", event.arguments["employee"] ?? "",
      ]
      .joined(separator: "\u{1F}")
      counts[key, default: 0] += 1
      if firstIndex[key] == nil {
        firstIndex[key] = out.count
        var summary = event
        summary.refType = "employee"
        summary.refID = nil
        out.append(summary)
      }
    }
    for (key, index) in firstIndex { out[index].arguments["count"] = String(counts[key]!) }
    return out
  }

  static func forwarded(_ totals: ClaimantTotals, to recipient: String, batch: String)
    -> NotificationEvent
  {
    NotificationEvent(
      recipient: recipient, code: .CLAIMS_FORWARDED, refType: "batch", refID: batch,
      arguments: [
        "claimant": totals.claimant.value, "count": String(totals.added),
        "total": totals.total.description, "cancelled": String(totals.cancelled), "batch": batch,
      ])
  }

  private func stageReports(
    run: RunRow, files: [ProcessedFile], events: [NotificationEvent], coverage: [CoverageRow],
    totals: [ClaimantTotals], claimCount: Int, problemsCSV: ProblemsCSVStream, stager: Stager,
    night: Night, queries: DomainQueries, in db: Database
  ) throws {
    let limit = RunReport.tableLimit
    var problems: [ProblemRow] = []
    var byCode: [ProblemCode: Int] = [:]
    var total = 0
    for file in files {
      for (code, count) in file.byCode { byCode[code, default: 0] += count }
      total += file.problemCount
      if problems.count < limit {
        for problem in try ProblemSpool.first(limit - problems.count, of: file.problems) {
          problems.append(
            ProblemRow(file: file.row.seq, fileName: [UInt8](file.row.name), problem: problem))
        }
      }
    }
    var claims: [ClaimRow] = []
    // The tables show the first rows only: the rest are counted, not decoded.
    try queries.forEachBatchRecord(runID: run.id, limit: limit) { record, _ in
      var isProtected = false
      switch record {
      case .cancel(let id, let claimant):
        isProtected =
          try Bool.fetchOne(
            db, sql: "SELECT non_disclosure FROM claims WHERE claimant = ? AND claim_id = ?",
            arguments: [claimant.value, id]) ?? false
      case .add(let data):
        // Non-disclosure protects the person: a client with any such claim
        // shows no pseudonym in their other claims either.
        isProtected =
          try Bool.fetchOne(
            db,
            sql: "SELECT EXISTS(SELECT 1 FROM claims WHERE client_hetu = ? AND non_disclosure = 1)",
            arguments: [data.client.value]) ?? false
      }
      claims.append(ClaimRow(record, pseudonymizer: night.pseudonymizer, protected: isProtected))
    }
    var changes: [RegisterChangeRow] = []
    for event in events {
      let change: RegisterChangeRow.Change
      switch event.code {
      case .REGISTER_ADDED: change = .added
      case .REGISTER_CHANGED: change = .changed
      case .REGISTER_REMOVED: change = .removed
      default: continue
      }
      guard let y = YTunnus(event.recipient) else { continue }
      let organisation = try queries.organisation(y)
      changes.append(
        RegisterChangeRow(
          change: change, organisation: y,
          name: organisation?.name ?? event.arguments["name"] ?? "",
          type: organisation?.type, detail: event.arguments["fields"]))
    }
    let claimants = try totals.map { totals in
      ClaimantRow(totals: totals, name: try queries.organisation(totals.claimant)?.name)
    }
    let report = RunReport(
      runID: run.id, startedAt: night.now, finishedAt: night.now, version: run.version,
      configurationDigest: run.configDigest, host: run.host,
      inputs: files.map { file in
        let row = file.row
        return ReportInput(
          number: row.seq, name: [UInt8](row.name), sender: row.sender,
          kind: row.kind.flatMap(InputKind.init(rawValue:)),
          format: row.format.flatMap(InputFormat.init(rawValue:)), bytes: row.bytes,
          sha256: row.sha256, status: ReceiptStatus(rawValue: row.status)!,
          counts: ReceiptCounts(
            records: row.records, accepted: row.accepted, rejected: row.rejected,
            ignored: row.ignored, warnings: row.warnings), receipt: row.receipt)
      },
      problemsByCode: ProblemCodeCount.sorted(
        byCode.map { ProblemCodeCount(code: $0.key, severity: $0.key.severity, count: $0.value) }),
      problems: problems, problemTotal: total, claimants: claimants, claims: claims,
      claimTotal: claimCount, registerChanges: changes,
      coverage: coverage,
      outputs: stager.outputs.map {
        ReportOutput(path: $0.path, sha256: $0.sha256, bytes: $0.bytes)
      },
      previousAuditHash: try AuditChain.lastHash(in: db))

    let folder = "reports/\(run.id)"
    let csv = try night.logger.timed("wait for problems.csv") { try problemsCSV.finish() }
    try stager.adopt(folder + "/problems.csv", role: "report", written: csv)
    try stager.stage(
      folder + "/report.html", role: "report", bytes: Array(ReportHTML.render(report).utf8))
    try stager.stage(
      folder + "/report.json", role: "report", bytes: Array(try ReportJSON.render(report).utf8))

    var audit: [AuditFile] = files.map {
      AuditFile(role: .input, path: $0.row.storedPath, sha256: $0.row.sha256 ?? AuditFile.unread)
    }
    for output in stager.outputs {
      audit.append(
        AuditFile(
          role: output.role == "report" ? .report : .output, path: output.path,
          sha256: output.sha256))
    }
    try AuditChain.append(
      runID: run.id, startedAt: night.now, finishedAt: night.now, files: audit, hashing: .sha256,
      in: db)
  }

  /// `reports/index.html`: every run, newest first, derived from the ledger.
  static func index(store: Store, root: DataRoot) throws {
    let entries = try store.queue.read { db in
      try RunRow.fetchAll(db).map { run in
        RunIndexEntry(
          runID: run.id, startedAt: Timestamp.parse(run.now)!,
          outcome: run.files == 0
            ? .nothingToDo : (run.exitCode == 0 ? .clean : .rejections),
          files: run.files, rejectedFiles: run.rejected,
          problems: try Int.fetchOne(
            db, sql: "SELECT COALESCE(SUM(problems), 0) FROM inputFile WHERE runID = ?",
            arguments: [run.id]) ?? 0)
      }
    }
    try Posix.replace(
      root.reports.appending("index.html"), Array(ReportIndexHTML.render(entries).utf8))
  }
}

extension Night {
  func stageDerivedOutputs(
    run: RunRow, files: [ProcessedFile], coverage: [CoverageRow],
    problemsCSV: ProblemsCSVStream, stager: Stager, in db: Database
  ) throws {
    try outputs.stageDerived(
      run: run, files: files, coverage: coverage, problemsCSV: problemsCSV, stager: stager,
      night: self, in: db)
  }

  func writeIndex(store: Store) throws { try Outputs.index(store: store, root: root) }
}
