import Foundation
import GRDB
import Logging
import SiirtoCore
import SiirtoFormats
import SiirtoStore

/// A claimed input file waiting in `work/incoming/<id>`.
struct WorkItem {
  var row: WorkItemRow
  var folder: SenderFolder
  var path: BytePath
  /// Read from the content; `nil` for files that are not read or not recognised.
  var kind: InputKind?

  var id: Int64 { row.id! }
  var name: [UInt8] { Array(row.name) }
}

/// `work/incoming/`: files taken out of the inbox for this run.
///
/// A claim is committed to the database before the file is moved, so that a
/// crash at any point leaves each file either still in the inbox or in
/// `work/incoming/` with its name and sender on record — never lost.
struct WorkArea {
  let root: DataRoot
  let store: Store

  func path(of id: Int64) -> BytePath { root.incoming.appending(String(id)) }

  /// Forgets claims whose move never happened (the file is still in the inbox).
  func reconcile(logger: Logger) throws {
    let rows = try store.queue.read { db in try WorkItemRow.fetchAll(db) }
    var stale: [Int64] = []
    for row in rows where try !Posix.exists(path(of: row.id!)) {
      stale.append(row.id!)
      let original = inboxPath(folder: Array(row.senderFolder), name: Array(row.name))
      if try !Posix.exists(original) {
        logger.error(
          "a claimed file is neither in work/ nor in the inbox",
          metadata: ["name": "\(FileNameEscaping.escape(Array(row.name)))"])
      }
    }
    if !stale.isEmpty {
      try store.queue.write { db in _ = try WorkItemRow.filter(keys: stale).deleteAll(db) }
    }
  }

  func inboxPath(folder: [UInt8], name: [UInt8]) -> BytePath {
    folder.isEmpty ? root.inbox.appending(name) : root.inbox.appending(folder).appending(name)
  }

  /// Takes the claimable entries out of the inbox.
  func claim(_ entries: [InboxEntry]) throws {
    let claimable = entries.filter { $0.eligibility.isClaimed }
    guard !claimable.isEmpty else { return }
    let rows = try store.queue.write { db -> [WorkItemRow] in
      try claimable.map { entry in
        var row = WorkItemRow(
          senderFolder: Data(entry.folder.folderBytes), name: Data(entry.name),
          mtimeNanos: entry.info.mtimeNanos, bytes: entry.info.size,
          entryKind: entry.info.kind == .regular ? "regular" : "special")
        try row.insert(db)
        return row
      }
    }
    CrashPoints.hit("claims-recorded")
    for (entry, row) in zip(claimable, rows) {
      try Posix.rename(entry.path, path(of: row.id!))
      CrashPoints.hit("claim-move")
    }
    try Posix.fsync(root.incoming)
  }

  /// Every claimed file in processing order: unread rejections first, then kind
  /// by kind (register, registration, mandates, claims), unrecognised last;
  /// within each, by modification time, then name.
  func ordered(maxFileSize: Int64) throws -> [WorkItem] {
    let rows = try store.queue.read { db in try WorkItemRow.fetchAll(db) }
    var items: [WorkItem] = []
    for row in rows {
      let folder = SenderFolder(folderBytes: Array(row.senderFolder))
      var item = WorkItem(row: row, folder: folder, path: path(of: row.id!), kind: nil)
      if row.entryKind == "regular", row.bytes <= maxFileSize, case .unknown = folder {
      } else if row.entryKind == "regular", row.bytes <= maxFileSize {
        item.kind = WorkArea.sniff(item.path)
      }
      items.append(item)
    }
    func group(_ item: WorkItem) -> Int {
      if item.row.entryKind != "regular" || item.row.bytes > maxFileSize { return -1 }
      if case .unknown = item.folder { return -1 }
      return item.kind?.processingOrder ?? 99
    }
    return items.sorted { a, b in
      let (ga, gb) = (group(a), group(b))
      if ga != gb { return ga < gb }
      if a.row.mtimeNanos != b.row.mtimeNanos { return a.row.mtimeNanos < b.row.mtimeNanos }
      if a.name != b.name { return a.name.lexicographicallyPrecedes(b.name) }
      return a.row.senderFolder.lexicographicallyPrecedes(b.row.senderFolder)
    }
  }

  /// The kind, read from the content (its root namespace or header row).
  static func sniff(_ path: BytePath) -> InputKind? {
    struct Found: Error { let kind: InputKind }
    do {
      _ = try InputReader.read(path: path.string) { event in
        if case .header(let header) = event { throw Found(kind: header.kind) }
        if case .record = event { throw CancellationError() }
      }
    } catch let found as Found {
      return found.kind
    } catch {
      return nil
    }
    return nil
  }
}
