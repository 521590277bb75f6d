import Foundation
import GRDB
import SiirtoCore

/// What a file is to the run that recorded it.
public enum AuditFileRole: String, Sendable, Codable, CaseIterable, Comparable {
  case input, output, report
  /// Named by a prune record: removed on purpose, with the hash it had.
  case pruned

  public static func < (a: AuditFileRole, b: AuditFileRole) -> Bool { a.rawValue < b.rawValue }
}

/// One file a record names, by its path relative to the data root.
public struct AuditFile: Sendable, Hashable, Codable {
  public var role: AuditFileRole
  /// Relative to the data root, `/`-separated: `archive/2026/11/22/claims.csv`.
  public var path: String
  public var sha256: String

  /// The hash recorded for an input that was never read (a symbolic link,
  /// FIFO or device moved to `rejected/`, or a file over the size limit).
  public static let unread = "-"

  public init(role: AuditFileRole, path: String, sha256: String) {
    self.role = role
    self.path = path
    self.sha256 = sha256
  }
}

/// A run, or a retention event, as the chain records it.
public enum AuditRecordKind: String, Sendable, Codable {
  case run, prune
}

/// One link of the chain.
public struct AuditRecord: Sendable, Hashable, Codable {
  public var seq: Int64
  public var kind: AuditRecordKind
  /// The run's ID; for a prune, the ID the prune command was given (its clock).
  public var runID: String
  public var startedAt: Timestamp
  public var finishedAt: Timestamp
  /// The files, in canonical order (role, then path, bytewise).
  public var files: [AuditFile]
  /// The hash of the record before, `nil` for the first.
  public var previousHash: String?
  /// SHA-256 over ``canonicalForm``.
  public var hash: String

  public init(
    seq: Int64, kind: AuditRecordKind, runID: String, startedAt: Timestamp,
    finishedAt: Timestamp, files: [AuditFile], previousHash: String?, hash: String
  ) {
    self.seq = seq
    self.kind = kind
    self.runID = runID
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.files = AuditRecord.sortedFiles(files)
    self.previousHash = previousHash
    self.hash = hash
  }

  /// The text the record's hash is taken over: UTF-8, every line ends in LF.
  ///
  /// ```
  /// siirto-audit-record/1
  /// seq <seq>
  /// kind <run|prune>
  /// run <runID>
  /// started <YYYY-MM-DDTHH:MM:SSZ>
  /// finished <YYYY-MM-DDTHH:MM:SSZ>
  /// previous <hex, or - for the first record>
  /// <role> <sha256> <path>        one line per file, sorted by role then path
  /// ```
  ///
  /// In the run ID and paths, `\` is written `\\` and every byte below 0x20
  /// and 0x7F as `\xNN`, so a name cannot forge a line.
  public var canonicalForm: String {
    AuditRecord.canonicalForm(
      seq: seq, kind: kind, runID: runID, startedAt: startedAt, finishedAt: finishedAt,
      files: files, previousHash: previousHash)
  }

  static func canonicalForm(
    seq: Int64, kind: AuditRecordKind, runID: String, startedAt: Timestamp,
    finishedAt: Timestamp, files: [AuditFile], previousHash: String?
  ) -> String {
    var out = "siirto-audit-record/1\n"
    out += "seq \(seq)\nkind \(kind.rawValue)\nrun \(escape(runID))\n"
    out += "started \(startedAt.iso)\nfinished \(finishedAt.iso)\n"
    out += "previous \(previousHash ?? "-")\n"
    for file in sortedFiles(files) {
      out += "\(file.role.rawValue) \(file.sha256) \(escape(file.path))\n"
    }
    return out
  }

  static func sortedFiles(_ files: [AuditFile]) -> [AuditFile] {
    files.sorted { a, b in
      a.role != b.role ? a.role < b.role : Array(a.path.utf8).lexicographicallyPrecedes(b.path.utf8)
    }
  }

  static func escape(_ text: String) -> String {
    let digits = Array("0123456789ABCDEF")
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar == "\\" {
        out += "\\\\"
      } else if scalar.value < 0x20 || scalar.value == 0x7F {
        let v = Int(scalar.value)
        out += "\\x" + String(digits[v >> 4]) + String(digits[v & 0x0F])
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

/// The hash functions the chain uses, supplied by a module that links a
/// SHA-256 implementation (SiirtoReports' `AuditHashing.sha256`), so the
/// store stays free of cryptography.
public struct AuditHashing: Sendable {
  /// SHA-256 of a text's UTF-8 bytes, lower-case hex.
  public var text: @Sendable (String) -> String
  /// SHA-256 of the file at an absolute path, lower-case hex.
  public var file: @Sendable (String) throws -> String

  public init(
    text: @escaping @Sendable (String) -> String,
    file: @escaping @Sendable (String) throws -> String
  ) {
    self.text = text
    self.file = file
  }
}

/// Something `siirto audit verify` found.
public struct AuditFinding: Sendable, Hashable, Codable, CustomStringConvertible {
  public enum Kind: String, Sendable, Codable {
    /// A recorded file whose content no longer has the recorded hash.
    case altered
    /// A recorded file that is gone and was not pruned by a recorded prune
    /// (outbox files excepted: the transport deletes what it delivered).
    case missing
    /// A file in `archive/`, `rejected/`, `outbox/` or `reports/<runId>/`
    /// that no record names.
    case unexpected
    /// A record whose content does not give its stored hash.
    case recordAltered = "record-altered"
    /// A record that does not name the hash of the one before it, or a gap
    /// in the sequence (a record removed).
    case brokenLink = "broken-link"
  }

  public var kind: Kind
  /// The file's path relative to the data root, for file findings.
  public var path: String?
  /// The record concerned, for record findings (and the one naming a file).
  public var seq: Int64?
  public var runID: String?

  public init(kind: Kind, path: String? = nil, seq: Int64? = nil, runID: String? = nil) {
    self.kind = kind
    self.path = path
    self.seq = seq
    self.runID = runID
  }

  public var description: String {
    var parts = [kind.rawValue]
    if let path { parts.append(path) }
    if let seq { parts.append("record \(seq)") }
    if let runID { parts.append("run \(runID)") }
    return parts.joined(separator: " ")
  }
}

/// The outcome of walking the chain.
public struct AuditVerification: Sendable, Hashable, Codable {
  public var records: Int
  /// Recorded files found on disk and re-hashed.
  public var filesChecked: Int
  /// Recorded outbox files that are gone: delivered by the transport.
  public var delivered: Int
  /// Recorded files removed by a recorded prune.
  public var pruned: Int
  /// In chain order for records, then by path.
  public var findings: [AuditFinding]

  /// Nothing altered, missing, unexpected or broken.
  public var isClean: Bool { findings.isEmpty }
}

/// The audit chain in the database: each run (and each prune) appends a
/// record naming its files and the hash of the record before.
///
/// Verification choices: a recorded outbox file that is gone counts as
/// delivered, not as missing, because partners' transport deletes what it
/// has sent (a present outbox file is still re-hashed); `reports/index.html`
/// is rewritten by every run and is no part of the chain; files being
/// staged live under `work/`, which is not scanned.
public enum AuditChain {
  /// The folders whose every file some record must name.
  public static let scannedFolders = ["archive", "rejected", "outbox", "reports"]

  /// Appends a record after the last one, inside the caller's transaction.
  @discardableResult
  public static func append(
    kind: AuditRecordKind = .run, runID: String, startedAt: Timestamp, finishedAt: Timestamp,
    files: [AuditFile], hashing: AuditHashing, in db: Database
  ) throws -> AuditRecord {
    let last = try Row.fetchOne(
      db, sql: "SELECT seq, hash FROM audit_record ORDER BY seq DESC LIMIT 1")
    let seq: Int64 = (last?["seq"] as Int64? ?? 0) + 1
    let previous: String? = last?["hash"]
    let sorted = AuditRecord.sortedFiles(files)
    let canonical = AuditRecord.canonicalForm(
      seq: seq, kind: kind, runID: runID, startedAt: startedAt, finishedAt: finishedAt,
      files: sorted, previousHash: previous)
    let record = AuditRecord(
      seq: seq, kind: kind, runID: runID, startedAt: startedAt, finishedAt: finishedAt,
      files: sorted, previousHash: previous, hash: hashing.text(canonical))
    try db.execute(
      sql: """
        INSERT INTO audit_record (seq, kind, run_id, started_at, finished_at, previous_hash, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        seq, kind.rawValue, runID, startedAt.iso, finishedAt.iso, previous, record.hash,
      ])
    for file in sorted {
      try db.execute(
        sql: "INSERT INTO audit_file (seq, role, path, sha256) VALUES (?, ?, ?, ?)",
        arguments: [seq, file.role.rawValue, file.path, file.sha256])
    }
    return record
  }

  /// Records a prune: the files removed, each with the hash the chain had for it.
  @discardableResult
  public static func appendPrune(
    runID: String, at time: Timestamp, removedPaths: [String], hashing: AuditHashing,
    in db: Database
  ) throws -> AuditRecord {
    let known = try recordedHashes(in: db)
    let files = removedPaths.map { AuditFile(role: .pruned, path: $0, sha256: known[$0] ?? "-") }
    return try append(
      kind: .prune, runID: runID, startedAt: time, finishedAt: time, files: files,
      hashing: hashing, in: db)
  }

  /// The hash of the last record, which the next run's report shows.
  public static func lastHash(in db: Database) throws -> String? {
    try String.fetchOne(db, sql: "SELECT hash FROM audit_record ORDER BY seq DESC LIMIT 1")
  }

  /// Every record in chain order.
  public static func records(in db: Database) throws -> [AuditRecord] {
    var files: [Int64: [AuditFile]] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT seq, role, path, sha256 FROM audit_file") {
      let role = AuditFileRole(rawValue: row["role"]) ?? .output
      files[row["seq"], default: []].append(
        AuditFile(role: role, path: row["path"], sha256: row["sha256"]))
    }
    return try Row.fetchAll(db, sql: "SELECT * FROM audit_record ORDER BY seq").map { row in
      let seq: Int64 = row["seq"]
      return AuditRecord(
        seq: seq, kind: AuditRecordKind(rawValue: row["kind"]) ?? .run, runID: row["run_id"],
        startedAt: Timestamp.parse(row["started_at"] as String) ?? Timestamp(seconds: 0),
        finishedAt: Timestamp.parse(row["finished_at"] as String) ?? Timestamp(seconds: 0),
        files: AuditRecord.sortedFiles(files[seq] ?? []), previousHash: row["previous_hash"],
        hash: row["hash"])
    }
  }

  /// Walks the chain in the database and the files under `root`.
  public static func verify(root: URL, hashing: AuditHashing, in db: Database) throws
    -> AuditVerification
  {
    verify(records: try records(in: db), root: root, hashing: hashing)
  }

  /// Walks `records` (in chain order) and the files under `root`.
  public static func verify(records: [AuditRecord], root: URL, hashing: AuditHashing)
    -> AuditVerification
  {
    var findings: [AuditFinding] = []
    var previous: AuditRecord?
    // The latest recorded state of each path: its hash and the record, or pruned.
    var expected: [String: (sha256: String, record: AuditRecord)] = [:]
    var pruned: Set<String> = []
    for record in records {
      if hashing.text(record.canonicalForm) != record.hash {
        findings.append(AuditFinding(kind: .recordAltered, seq: record.seq, runID: record.runID))
      }
      let expectedSeq = (previous?.seq ?? 0) + 1
      if record.seq != expectedSeq || record.previousHash != previous?.hash {
        findings.append(AuditFinding(kind: .brokenLink, seq: record.seq, runID: record.runID))
      }
      for file in record.files {
        if file.role == .pruned {
          expected[file.path] = nil
          pruned.insert(file.path)
        } else {
          expected[file.path] = (file.sha256, record)
          pruned.remove(file.path)
        }
      }
      previous = record
    }

    var result = AuditVerification(
      records: records.count, filesChecked: 0, delivered: 0, pruned: pruned.count, findings: [])
    var fileFindings: [AuditFinding] = []
    for (path, entry) in expected {
      let full = root.appendingPathComponent(path).path
      if entry.sha256 == AuditFile.unread, exists(full) {
        result.filesChecked += 1
        continue
      }
      guard isRegularFile(full) else {
        if path.hasPrefix("outbox/") && !exists(full) {
          result.delivered += 1
        } else {
          fileFindings.append(
            AuditFinding(
              kind: exists(full) ? .altered : .missing, path: path, seq: entry.record.seq,
              runID: entry.record.runID))
        }
        continue
      }
      result.filesChecked += 1
      if (try? hashing.file(full)) != entry.sha256 {
        fileFindings.append(
          AuditFinding(kind: .altered, path: path, seq: entry.record.seq, runID: entry.record.runID)
        )
      }
    }
    for path in filesOnDisk(root: root) where expected[path] == nil {
      fileFindings.append(AuditFinding(kind: .unexpected, path: path))
    }
    fileFindings.sort { a, b in
      (a.path ?? "", a.kind.rawValue) < (b.path ?? "", b.kind.rawValue)
    }
    result.findings = findings + fileFindings
    return result
  }

  /// Every non-folder entry under the scanned folders, relative to `root`,
  /// without following symbolic links (a link is itself an unexpected entry).
  static func filesOnDisk(root: URL) -> [String] {
    var out: [String] = []
    func walk(_ relative: String) {
      let full = root.appendingPathComponent(relative).path
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { return }
      for name in names.sorted() {
        let child = relative + "/" + name
        if isDirectory(root.appendingPathComponent(child).path) {
          walk(child)
        } else if child != "reports/index.html" {
          out.append(child)
        }
      }
    }
    for folder in scannedFolders { walk(folder) }
    return out
  }

  private static func lstatMode(_ path: String) -> mode_t? {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
  }

  private static func exists(_ path: String) -> Bool { lstatMode(path) != nil }
  private static func isRegularFile(_ path: String) -> Bool { lstatMode(path) == S_IFREG }
  private static func isDirectory(_ path: String) -> Bool { lstatMode(path) == S_IFDIR }

  /// The last recorded hash of every path still expected on disk.
  private static func recordedHashes(in db: Database) throws -> [String: String] {
    var out: [String: String] = [:]
    for record in try records(in: db) {
      for file in record.files where file.role != .pruned { out[file.path] = file.sha256 }
    }
    return out
  }
}
