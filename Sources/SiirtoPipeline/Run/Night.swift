import Foundation
import GRDB
import Logging
import SiirtoCore
import SiirtoFormats
import SiirtoStore

/// One input file's entry in the run, as the receipt and the report show it.
struct ProcessedFile {
  var row: InputFileRow
  /// The spool of the file's problems, in file order.
  var problems: BytePath
  var problemCount: Int
  var byCode: [ProblemCode: Int]
  /// Where this content was applied before, for a `DUPLICATE`.
  var duplicate: ReceiptDuplicate?
}

/// Everything a run decides, inside its one database transaction: each file
/// checked and applied in its own savepoint, the time-driven events, and the
/// outputs staged. Nothing here is visible outside `work/` until the commit.
struct Night {
  let root: DataRoot
  let configuration: Configuration
  let settings: DomainSettings
  let pseudonymizer: Pseudonymizer
  let now: Timestamp
  let logger: Logger
  let outputs: Outputs
  let progress = Progress()

  var runDate: LocalDate { now.localDate(in: configuration.timeZone) }

  func apply(_ items: [WorkItem], in db: Database) throws -> RunResult {
    let runID = try Store.allocateRunID(now.compactUTC, in: db)
    let seq = (try Int.fetchOne(db, sql: "SELECT MAX(seq) FROM run") ?? 0) + 1
    var run = RunRow(
      id: runID, seq: seq, now: now.iso, runDate: runDate.iso,
      startedAt: Timestamp(Date()).iso, version: Siirto.version,
      configDigest: configuration.digest, host: Siirto.hostName)
    try run.insert(db)
    let stager = Stager(root: root, runID: runID)
    try Posix.makeDirectories(stager.folder.appending("spool"))
    let problemsCSV = try ProblemsCSVStream(
      runID: runID, path: try stager.stagedPlace(of: "reports/\(runID)/problems.csv"))
    // Joined on every way out; after `finish()` this does nothing.
    defer { problemsCSV.cancel() }

    var files: [ProcessedFile] = []
    var storedPaths = Set<String>()
    for (index, item) in items.enumerated() {
      let file = try logger.timed(
        "file", ["seq": "\(index + 1)", "name": "\(FileNameEscaping.escape(item.name))"]
      ) {
        try process(
          item, seq: index + 1, runID: runID, stager: stager, problemsCSV: problemsCSV,
          storedPaths: &storedPaths, in: db)
      }
      storedPaths.insert(file.row.storedPath)
      files.append(file)
      CrashPoints.hit("after-file")
    }
    let coverage = try logger.timed("time-driven events") {
      try TimeDriven.evaluate(
        context: context(runID: runID, sender: .ops, fileID: nil),
        state: StoreState(db, runID: runID))
    }

    run.files = files.count
    for file in files {
      switch file.row.status {
      case ReceiptStatus.ACCEPTED.rawValue: run.accepted += 1
      case ReceiptStatus.PARTIALLY_ACCEPTED.rawValue: run.partial += 1
      case ReceiptStatus.REJECTED.rawValue: run.rejected += 1
      default: run.duplicates += 1
      }
    }
    let anyRejection = files.contains { $0.row.rejected > 0 || $0.row.status == "REJECTED" }
    run.exitCode = Int(anyRejection ? ExitStatus.rejections : ExitStatus.ok)
    try run.update(db)

    try stageDerivedOutputs(
      run: run, files: files, coverage: coverage, problemsCSV: problemsCSV, stager: stager, in: db)
    for output in stager.outputs { try output.insert(db) }
    try logger.timed("sync staged outputs") { try stager.sync() }
    CrashPoints.hit("before-commit")
    return RunResult(
      runID: runID, exitCode: Int32(run.exitCode),
      summary: anyRejection ? Night.summary(run, reports: root.reports.appending(run.id)) : nil)
  }

  func context(runID: String, sender: Sender, fileID: Int64?) -> RunContext {
    RunContext(
      runID: runID, now: now, timeZone: configuration.timeZone, sender: sender, fileID: fileID,
      settings: settings)
  }

  /// One file: unread rejections, duplicates, or its content through the rules
  /// in a savepoint that is rolled back when the file is rejected as a whole.
  func process(
    _ item: WorkItem, seq: Int, runID: String, stager: Stager, problemsCSV: ProblemsCSVStream,
    storedPaths: inout Set<String>, in db: Database
  ) throws -> ProcessedFile {
    let sender = item.folder.sender
    let outboxFolder: String
    if case .partner(let y) = item.folder { outboxFolder = y.value } else { outboxFolder = "_ops" }
    let receiptPath = "outbox/\(outboxFolder)/receipt-\(runID)-\(seq).xml"
    var row = InputFileRow(
      runID: runID, seq: seq, sender: outboxFolder, name: Data(item.name),
      displayName: FileNameEscaping.escape(item.name), bytes: item.row.bytes, sha256: nil,
      receivedAt: Timestamp(seconds: floorSeconds(item.row.mtimeNanos)).iso, kind: nil,
      format: nil, status: ReceiptStatus.REJECTED.rawValue, records: 0, accepted: 0, rejected: 0,
      ignored: 0, warnings: 0, problems: 0, duplicateOf: nil, receipt: receiptPath,
      storedPath: "", workPath: root.relative(item.path))
    try row.insert(db)
    let name = [UInt8](item.name)
    let spool = try ProblemSpool(
      path: stager.folder.appending("spool").appending("\(seq).spool"),
      handOff: { try problemsCSV.append(seq: seq, name: name, bytes: $0) })
    var duplicate: ReceiptDuplicate?

    if item.row.entryKind != "regular" {
      try spool.append(Problem(.FILE_NOT_REGULAR))
    } else if item.row.bytes > Int64(configuration.maxFileSize) {
      try spool.append(
        Problem(.FILE_TOO_LARGE, arguments: ["limit": String(configuration.maxFileSize)]))
    } else {
      let digest = try FileHash.sha256(item.path)
      row.sha256 = digest.hex
      row.bytes = digest.bytes
      if case .unknown = item.folder {
        try spool.append(Problem(.FILE_SENDER_UNKNOWN))
      } else if let earlier = try Store.appliedFile(sha256: digest.hex, in: db) {
        row.status = ReceiptStatus.DUPLICATE.rawValue
        row.duplicateOf = earlier.id
        let receipt = String(earlier.receipt.split(separator: "/").last!)
        duplicate = ReceiptDuplicate(runID: earlier.runID, receipt: receipt)
        try spool.append(
          Problem(.FILE_DUPLICATE, arguments: ["run": earlier.runID, "receipt": receipt]))
      } else {
        var context = context(runID: runID, sender: sender, fileID: row.id)
        context.fileSHA256 = digest.hex
        context.pseudonymizer = pseudonymizer
        let check = FileCheck(
          context: context, state: StoreState(db, runID: runID), progress: progress)
        progress.start(row.displayName)
        defer { progress.finish() }
        var verdict: FileVerdict?
        try db.inSavepoint {
          verdict = try check.run(path: item.path.string) { try spool.append($0) }
          return verdict!.rejectedWhole ? .rollback : .commit
        }
        let v = verdict!
        row.kind = v.kind?.rawValue
        row.format = v.format?.rawValue
        row.status = v.status.rawValue
        row.records = v.counts.records
        row.accepted = v.counts.accepted
        row.rejected = v.counts.rejected
        row.ignored = v.counts.ignored
        row.warnings = v.counts.warnings
      }
    }
    try spool.flush()
    row.problems = spool.count
    if row.status != ReceiptStatus.DUPLICATE.rawValue { row.warnings = spool.warnings }
    row.storedPath = storedPath(for: row, folder: item.folder, runID: runID, taken: storedPaths)
    try row.update(db)
    let file = ProcessedFile(
      row: row, problems: spool.path, problemCount: spool.count, byCode: spool.byCode,
      duplicate: duplicate)
    try stager.stage(
      receiptPath, role: "receipt",
      bytes: try outputs.receipt(for: file, runID: runID, createdAt: now))
    return file
  }

  /// `archive/` or `rejected/` under the run's date and ID, by sender, under
  /// the name as receipts print it (never a path outside the data root).
  func storedPath(for row: InputFileRow, folder: SenderFolder, runID: String, taken: Set<String>)
    -> String
  {
    let top = row.status == ReceiptStatus.REJECTED.rawValue ? "rejected" : "archive"
    let date = runDate.iso.replacingOccurrences(of: "-", with: "/")
    let senderName: String
    switch folder {
    case .ops: senderName = "_ops"
    case .partner(let y): senderName = y.value
    case .unknown(let bytes): senderName = "_unknown-" + FileNameEscaping.escape(bytes)
    }
    var name = row.displayName
    if name == "." || name == ".." || name.isEmpty { name = "_" + name }
    let base = "\(top)/\(date)/\(runID)/\(Night.fitted(senderName))/\(Night.fitted(name))"
    var candidate = base
    var n = 1
    while taken.contains(candidate) {
      n += 1
      candidate = "\(base).\(n)"
    }
    return candidate
  }

  /// A path component within the file system's 255 bytes, room for a `.N`
  /// left: an escaped name grows up to four times its bytes, so a long name
  /// keeps its start and ends in a digest of the whole, which keeps it unique.
  static func fitted(_ component: String, limit: Int = 240) -> String {
    guard component.utf8.count > limit else { return component }
    let digest = "~" + FileDigest.sha256(Array(component.utf8)).prefix(12)
    var prefix = ""
    var bytes = 0
    for scalar in component.unicodeScalars {
      let size = String(scalar).utf8.count
      if bytes + size > limit - digest.utf8.count { break }
      prefix.unicodeScalars.append(scalar)
      bytes += size
    }
    return prefix + digest
  }

  /// The one-line summary of a run with rejections, for cron's mail.
  static func summary(_ run: RunRow, reports: BytePath?) -> String {
    var line = "siirto: run \(run.id): \(run.files) files — \(run.accepted) accepted, "
    line +=
      "\(run.partial) partly accepted, \(run.rejected) rejected, \(run.duplicates) duplicates."
    line +=
      " Reports: " + (reports.map { "\($0.string)/report.html" } ?? "reports/\(run.id)/report.html")
    return line
  }
}

private func floorSeconds(_ nanos: Int64) -> Int64 {
  nanos >= 0 ? nanos / 1_000_000_000 : (nanos - 999_999_999) / 1_000_000_000
}

/// Facts about this build of Siirto.
public enum Siirto {
  public static let version = "0.1.0"

  /// The host name, for the report's run section.
  public static var hostName: String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
    return String(
      decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
