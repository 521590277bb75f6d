import GRDB
import SiirtoStore

/// Carries out what a committed run decided: staged outputs renamed into
/// place, inputs moved to the archive or `rejected/`. Every step is
/// idempotent — a staged file that is gone was published, an input that is
/// no longer in `work/` was moved — so recovery simply runs it again.
struct Publisher {
  let root: DataRoot
  let store: Store

  /// Publishes every committed run that is not yet published (after a crash).
  func recover() throws -> [RunRow] {
    let pending = try store.queue.read { db in
      try RunRow.filter(Column("state") == RunRow.committed).order(Column("seq")).fetchAll(db)
    }
    for run in pending { try publish(runID: run.id) }
    return pending
  }

  func publish(runID: String) throws {
    let (outputs, inputs) = try store.queue.read { db in
      (
        try OutputFileRow.filter(Column("runID") == runID).order(Column("path")).fetchAll(db),
        try InputFileRow.filter(Column("runID") == runID).order(Column("seq")).fetchAll(db)
      )
    }
    var touched = Set<BytePath>()
    for output in outputs {
      let staged = root.path.appending(output.stagedPath)
      let final = root.path.appending(output.path)
      guard try Posix.exists(staged) else { continue }
      try Posix.makeDirectories(final.parent)
      try Posix.rename(staged, final)
      touched.insert(final.parent)
      CrashPoints.hit("publish-output")
    }
    for input in inputs {
      let work = root.path.appending(input.workPath)
      guard try Posix.exists(work) else { continue }
      let destination = root.path.appending(input.storedPath)
      try Posix.makeDirectories(destination.parent)
      try Posix.rename(work, destination)
      touched.insert(destination.parent)
      CrashPoints.hit("publish-input")
    }
    for folder in touched.sorted(by: { $0.bytes.lexicographicallyPrecedes($1.bytes) }) {
      try Posix.fsync(folder)
    }
    CrashPoints.hit("before-published")
    try store.queue.write { db in
      let ids = inputs.compactMap { Int64($0.workPath.split(separator: "/").last ?? "") }
      try WorkItemRow.filter(keys: ids).deleteAll(db)
      try db.execute(
        sql: "UPDATE run SET state = ? WHERE id = ?", arguments: [RunRow.published, runID])
    }
    try Posix.removeTree(root.stage.appending(runID))
  }
}
