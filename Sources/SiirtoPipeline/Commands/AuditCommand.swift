import Foundation
import GRDB
import SiirtoCore
import SiirtoReports
import SiirtoStore

/// `siirto audit verify`: walks the chain, re-hashes the files still on disk.
public enum AuditCommand {
  public struct Findings: Sendable {
    public var lines: [String]
    public var intact: Bool
  }

  public static func verify(root: DataRoot) throws -> Findings {
    guard try Posix.exists(root.database) else {
      return Findings(lines: ["audit chain: no runs yet"], intact: true)
    }
    let store = try Store(path: root.database.string)
    let result = try store.queue.read { db in
      try AuditChain.verify(root: URL(fileURLWithPath: root.path.string), hashing: .sha256, in: db)
    }
    var lines = result.findings.map { $0.description }
    lines.append(
      "audit chain: \(result.records) records, \(result.filesChecked) files checked, "
        + "\(result.delivered) delivered from the outbox, \(result.pruned) pruned, "
        + (result.isClean ? "intact" : "\(result.findings.count) finding(s)"))
    return Findings(lines: lines, intact: result.isClean)
  }
}

/// `siirto prune`: removes archived and rejected inputs and report folders of
/// runs older than the retention, and records what it removed in the audit
/// chain, so that a pruned file is told apart from a tampered one.
public enum PruneCommand {
  public static func prune(
    root: DataRoot, olderThanDays days: Int, now: Timestamp?, configuration: Configuration
  ) throws
    -> [String]
  {
    try root.prepare()
    let lock = try RunLock(path: root.lock)
    defer { withExtendedLifetime(lock) {} }
    let store = try Store(path: root.database.string)
    let clock = now ?? Timestamp(Date())
    let cutoff = clock.localDate(in: configuration.timeZone).adding(days: -days)
    // What goes is recorded (and committed) first, then removed: a prune that
    // dies between the two is finished by the next prune, and no file ever
    // disappears without its record.
    var removed: [BytePath] = []
    var names: [String] = []
    var runCount = 0
    try store.queue.write { db in
      let runs = try RunRow.filter(Column("runDate") < cutoff.iso).order(Column("seq")).fetchAll(db)
      for run in runs {
        var any = false
        for input in try InputFileRow.filter(Column("runID") == run.id).fetchAll(db) {
          let path = root.path.appending(input.storedPath)
          if try Posix.exists(path) {
            removed.append(path)
            names.append(input.storedPath)
            any = true
          }
        }
        let reports = root.reports.appending(run.id)
        for name in (try? Posix.list(reports)) ?? [] {
          removed.append(reports.appending(name))
          names.append("reports/\(run.id)/" + String(decoding: name, as: UTF8.self))
          any = true
        }
        if any { runCount += 1 }
      }
      guard !names.isEmpty else { return }
      try AuditChain.appendPrune(
        runID: "prune-" + clock.compactUTC, at: clock, removedPaths: names.sorted(),
        hashing: .sha256, in: db)
    }
    guard !names.isEmpty else { return ["prune: nothing older than \(days) days"] }
    for path in removed { try Posix.unlink(path) }
    for name in try Posix.list(root.reports) {
      let folder = root.reports.appending(name)
      if try Posix.lstat(folder)?.kind == .directory, try Posix.list(folder).isEmpty {
        try Posix.removeTree(folder)
      }
    }
    return ["prune: removed \(names.count) file(s) of \(runCount) run(s) before \(cutoff.iso)"]
  }
}
