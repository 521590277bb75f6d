import Foundation
import GRDB
import SiirtoCore
import SiirtoFormats
import SiirtoStore

/// `siirto status`: what waits in the inbox and why, the last runs, and
/// anything left in flight by a run that died.
public struct StatusReport: Sendable {
  public struct Waiting: Sendable, Codable {
    public var folder: String
    public var name: String
    public var bytes: Int64
    /// `eligible`, `too-young`, `temporary-name`, `not-regular`, `too-large`,
    /// `sender-unknown`, `nested-folder`.
    public var state: String
    public var reason: String
  }

  public var root: String
  public var waiting: [Waiting]
  public var runs: [RunRow]
  /// Files claimed into `work/` by a run that has not finished.
  public var inFlightFiles: Int
  /// Runs committed but not yet fully published.
  public var unpublishedRuns: [String]

  /// Reads the state without taking the run lock and without changing anything.
  public static func gather(root: DataRoot, configuration: Configuration, runs limit: Int = 10)
    throws -> StatusReport
  {
    let inbox = Inbox(
      root: root, minAgeSeconds: configuration.minAge, maxFileSize: Int64(configuration.maxFileSize)
    )
    var waiting: [Waiting] = []
    if try Posix.exists(root.inbox) {
      let now = Int64(Date().timeIntervalSince1970 * 1_000_000_000)
      for entry in try inbox.scan(realNowNanos: now) {
        let folder: String
        switch entry.folder {
        case .ops: folder = "."
        case .partner(let y): folder = y.value
        case .unknown(let bytes): folder = FileNameEscaping.escape(bytes)
        }
        let (state, reason) = describe(entry.eligibility, minAge: configuration.minAge)
        waiting.append(
          Waiting(
            folder: folder, name: FileNameEscaping.escape(entry.name), bytes: entry.info.size,
            state: state, reason: reason))
      }
    }
    var runs: [RunRow] = []
    var inFlight = 0
    var unpublished: [String] = []
    if try Posix.exists(root.database) {
      let queue = try DatabaseQueue(path: root.database.string)
      try queue.read { db in
        guard try db.tableExists("run") else { return }
        runs = try RunRow.order(Column("seq").desc).limit(limit).fetchAll(db)
        inFlight = try WorkItemRow.fetchCount(db)
        unpublished = try String.fetchAll(
          db, sql: "SELECT id FROM run WHERE state = ? ORDER BY seq", arguments: [RunRow.committed])
      }
    }
    return StatusReport(
      root: root.path.string, waiting: waiting, runs: runs, inFlightFiles: inFlight,
      unpublishedRuns: unpublished)
  }

  static func describe(_ eligibility: Eligibility, minAge: Int) -> (String, String) {
    switch eligibility {
    case .eligible: return ("eligible", "picked up by the next run")
    case .tooYoung(let left):
      return ("too-young", "modified less than \(minAge) s ago; eligible in \(left) s")
    case .temporaryName: return ("temporary-name", "a name upload tools use while copying; skipped")
    case .notRegular: return ("not-regular", "not a regular file; the next run rejects it unread")
    case .tooLarge: return ("too-large", "over max_file_size; the next run rejects it unread")
    case .senderUnknown:
      return ("sender-unknown", "the folder is not a valid Y-tunnus; the next run rejects it")
    case .nestedFolder: return ("nested-folder", "a folder below a partner folder is never read")
    }
  }

  /// The text for a terminal, readable at a glance.
  public var text: String {
    var out = "Data root: \(root)\n\nInbox:\n"
    if waiting.isEmpty { out += "  (empty)\n" }
    for w in waiting {
      let place = w.folder == "." ? w.name : "\(w.folder)/\(w.name)"
      out +=
        "  \(w.state.padding(toLength: 15, withPad: " ", startingAt: 0)) \(place) (\(w.bytes) bytes): \(w.reason)\n"
    }
    out += "\nLast runs:\n"
    if runs.isEmpty { out += "  (none yet)\n" }
    for r in runs {
      out += "  \(r.id)  files \(r.files): \(r.accepted) accepted, \(r.partial) partly, "
      out += "\(r.rejected) rejected, \(r.duplicates) duplicate  exit \(r.exitCode)"
      out += r.state == RunRow.published ? "\n" : "  (not fully published)\n"
    }
    if inFlightFiles > 0 || !unpublishedRuns.isEmpty {
      out += "\nIn flight: \(inFlightFiles) file(s) in work/"
      if !unpublishedRuns.isEmpty {
        out += "; unpublished run(s): \(unpublishedRuns.joined(separator: ", "))"
      }
      out += ". The next run finishes them.\n"
    }
    return PrivacyFilter.redact(out)
  }

  public var json: String {
    struct Body: Codable {
      var root: String
      var waiting: [Waiting]
      var runs: [RunRow]
      var inFlightFiles: Int
      var unpublishedRuns: [String]
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let body = Body(
      root: root, waiting: waiting, runs: runs, inFlightFiles: inFlightFiles,
      unpublishedRuns: unpublishedRuns)
    return PrivacyFilter.redact(
      String(decoding: (try? encoder.encode(body)) ?? Data(), as: UTF8.self))
  }
}
