import Crypto
import Foundation
import GRDB

#if canImport(Glibc)
  import Glibc
#endif

/// A temporary data root and the real `siirto` binary run against it as a
/// child process: the tests exercise exactly what cron runs.
final class Sandbox: @unchecked Sendable {
  let root: URL
  static let now = "2026-11-22T02:00:00Z"

  init() throws {
    let base = FileManager.default.temporaryDirectory
      .appendingPathComponent("siirto-test-\(getpid())-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    root = base
    // Every sandbox gets the same pseudonym key (part of the state), so that
    // end states of separate data roots can be compared byte for byte.
    let state = base.appendingPathComponent("state")
    try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
    try Data((0..<32).map { UInt8($0 * 7 & 0xFF) }).write(
      to: state.appendingPathComponent("pseudonym.key"))
  }

  deinit { try? FileManager.default.removeItem(at: root) }

  var inbox: URL { root.appendingPathComponent("inbox") }

  /// The `siirto` executable built beside the test bundle.
  static let binary: URL = {
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("siirto")
    if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return package.appendingPathComponent(".build/debug/siirto")
  }()

  static func fixture(_ name: String) -> URL {
    Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name)
  }

  /// Copies a fixture drop into the inbox. Modification times are fixed (one
  /// second apart in name order) so that runs are comparable byte for byte.
  func drop(_ fixture: String, at base: Date = Date(timeIntervalSince1970: 1_795_262_400)) throws {
    let source = Sandbox.fixture(fixture)
    let fm = FileManager.default
    try fm.createDirectory(at: inbox, withIntermediateDirectories: true)
    let files = try fm.subpathsOfDirectory(atPath: source.path).sorted()
    var offset = 0.0
    for relative in files {
      let from = source.appendingPathComponent(relative)
      let to = inbox.appendingPathComponent(relative)
      var isDir: ObjCBool = false
      if fm.fileExists(atPath: from.path, isDirectory: &isDir), isDir.boolValue {
        try fm.createDirectory(at: to, withIntermediateDirectories: true)
        continue
      }
      try fm.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
      if fm.fileExists(atPath: to.path) { try fm.removeItem(at: to) }
      try fm.copyItem(at: from, to: to)
      try fm.setAttributes(
        [.modificationDate: base.addingTimeInterval(offset)], ofItemAtPath: to.path)
      offset += 1
    }
  }

  /// Writes one file into the inbox (`folder` nil: the top).
  func write(_ name: String, _ content: String, in folder: String? = nil, age: TimeInterval = 3600)
    throws
  {
    var dir = inbox
    if let folder { dir = dir.appendingPathComponent(folder) }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(content.utf8).write(to: url)
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: url.path)
  }

  struct Result {
    var status: Int32
    /// The signal that ended the process, if one did.
    var signal: Int32?
    var stdout: String
    var stderr: String
  }

  /// Runs `siirto` with `arguments` (`--root` added for commands that take it).
  @discardableResult
  func siirto(
    _ arguments: [String], environment: [String: String] = [:], killAfter: TimeInterval? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = Sandbox.binary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["SIIRTO_ROOT"] = root.path
    env.removeValue(forKey: "SIIRTO_TEST_CRASH_AT")
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let outPipe = Pipe()
    let errPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    if let killAfter {
      usleep(useconds_t(killAfter * 1_000_000))
      kill(process.processIdentifier, SIGKILL)
    }
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    let err = errPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let signalled = process.terminationReason == .uncaughtSignal
    return Result(
      status: process.terminationStatus, signal: signalled ? process.terminationStatus : nil,
      stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
  }

  /// `siirto run` with the fixed clock and no minimum age.
  @discardableResult
  func run(_ extra: [String] = [], environment: [String: String] = [:], now: String = Sandbox.now)
    throws -> Result
  {
    try siirto(["run", "--now", now, "--min-age", "0"] + extra, environment: environment)
  }

  /// Every file under the root (relative path → SHA-256), except the state.
  /// Links and special files (moved to `rejected/` as they came) are never
  /// followed or opened: a link stands for its target's name, a FIFO for its type.
  func files(under folder: String = "") throws -> [String: String] {
    var out: [String: String] = [:]
    let base = folder.isEmpty ? root : root.appendingPathComponent(folder)
    guard let walker = FileManager.default.enumerator(atPath: base.path) else { return out }
    while let relative = walker.nextObject() as? String {
      let url = base.appendingPathComponent(relative)
      let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type]
      let data: Data
      switch type as? FileAttributeType {
      case .typeRegular?:
        data = (try? Data(contentsOf: url)) ?? Data()
      case .typeSymbolicLink?:
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? ""
        data = Data(("link:" + target).utf8)
      case .typeDirectory?, nil:
        continue
      case let other?:
        data = Data(("special:" + other.rawValue).utf8)
      }
      let key = folder.isEmpty ? relative : folder + "/" + relative
      if key.hasPrefix("state/") { continue }
      out[key] = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
    return out
  }

  func read(_ relative: String) throws -> String {
    String(decoding: try Data(contentsOf: root.appendingPathComponent(relative)), as: UTF8.self)
  }

  func database() throws -> DatabaseQueue {
    try DatabaseQueue(path: root.appendingPathComponent("state/siirto.sqlite").path)
  }

  /// The end state a run leaves: every database row and every file, with what
  /// may differ between an interrupted and an uninterrupted night taken out —
  /// the real start time, and runs that only recovered (processed no file),
  /// with their reports, and the derived index page.
  func endState() throws -> [String: String] {
    var state: [String: String] = [:]
    let queue = try database()
    var idle: Set<String> = []
    try queue.read { db in
      idle = Set(try String.fetchAll(db, sql: "SELECT id FROM run WHERE files = 0"))
      // Audit files belong to their record, which belongs to a run.
      let idleRecords = Set(
        try Int64.fetchAll(
          db,
          sql: "SELECT seq FROM audit_record WHERE run_id IN (SELECT id FROM run WHERE files = 0)"))
      let tables = try String.fetchAll(
        db,
        sql: """
          SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
          AND name NOT IN ('grdb_migrations', 'workItem') ORDER BY name
          """)
      for table in tables {
        let columns = try db.columns(in: table).map(\.name).filter { $0 != "startedAt" }
        let runColumn = columns.first { $0 == "runID" || $0 == "runId" || $0 == "run_id" }
        var lines: [String] = []
        for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") {
          if table == "run", let id: String = row["id"], idle.contains(id) { continue }
          if let runColumn, let id: String = row[runColumn], idle.contains(id) { continue }
          if table == "audit_file", let seq: Int64 = row["seq"], idleRecords.contains(seq) {
            continue
          }
          lines.append(
            columns.map { "\($0)=\((row[$0] as DatabaseValue).description)" }.joined(separator: "|")
          )
        }
        state["db:" + table] = lines.sorted().joined(separator: "\n")
      }
    }
    for (path, digest) in try files() {
      if path == "reports/index.html" || path.hasPrefix("work/") { continue }
      if idle.contains(where: { path.hasPrefix("reports/\($0)/") }) { continue }
      state["file:" + path] = digest
    }
    return state
  }
}
