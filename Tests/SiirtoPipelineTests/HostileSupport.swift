import Foundation
import GRDB
import SiirtoCore

#if canImport(Glibc)
  import Glibc
#endif

/// One finished child process, with what the kernel measured of it.
struct Spawned {
  var status: Int32
  var signal: Int32?
  /// Killed by the harness because it ran past its time limit.
  var timedOut: Bool
  /// Peak resident memory (VmHWM), in KiB, as last seen while it ran.
  var peakKiB: Int
  var seconds: Double
  var stdout: String
  var stderr: String

  var peakMiB: Double { Double(peakKiB) / 1024 }
}

/// Runs the real `siirto` with `posix_spawn`, watching its VmHWM in
/// `/proc/<pid>/status` while it runs, so that each run's own peak memory is
/// known and a hang ends in a kill after `timeout` seconds instead of a stuck
/// test. (`ru_maxrss` from `wait4` would not do: a child started by vfork
/// inherits the test runner's figure.)
enum Spawn {
  static func siirto(
    _ arguments: [String], root: URL, environment: [String: String] = [:],
    timeout: Double = 120, killAfter: Double? = nil
  ) throws -> Spawned {
    var env = ProcessInfo.processInfo.environment
    env["SIIRTO_ROOT"] = root.path
    env.removeValue(forKey: "SIIRTO_TEST_CRASH_AT")
    for (key, value) in environment { env[key] = value }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "siirto-spawn-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outPath = scratch.appendingPathComponent("stdout").path
    let errPath = scratch.appendingPathComponent("stderr").path

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    let argv = ([Sandbox.binary.path] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let started = Date()
    let rc = posix_spawn(&pid, Sandbox.binary.path, &actions, nil, argv, envp)
    guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }

    var status: Int32 = 0
    var timedOut = false
    var killed = false
    var peak = 0
    while true {
      peak = max(peak, Spawn.highWaterMark(of: pid))
      let reaped = waitpid(pid, &status, WNOHANG)
      if reaped == pid { break }
      if reaped < 0 && errno != EINTR { throw POSIXError(.ECHILD) }
      let elapsed = Date().timeIntervalSince(started)
      if !killed, let killAfter, elapsed >= killAfter {
        kill(pid, SIGKILL)
        killed = true
      }
      if !killed, elapsed >= timeout {
        timedOut = true
        kill(pid, SIGKILL)
        killed = true
      }
      usleep(5_000)
    }
    let seconds = Date().timeIntervalSince(started)
    // WIFSIGNALED / WTERMSIG / WEXITSTATUS, which Swift does not import.
    let signal = status & 0x7F
    return Spawned(
      status: signal == 0 ? (status >> 8) & 0xFF : -1, signal: signal == 0 ? nil : signal,
      timedOut: timedOut, peakKiB: peak, seconds: seconds,
      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
  }

  /// VmHWM of a running process in KiB; 0 once it has exited.
  static func highWaterMark(of pid: pid_t) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
  }
}

/// What a receipt says, read back from the published XML.
struct ReceiptFacts {
  var path: String
  var text: String
  var status: String
  var codes: [String]
  var fileName: String

  init(path: String, text: String) {
    self.path = path
    self.text = text
    status = ReceiptFacts.first(#"<Status>([A-Z_]+)</Status>"#, in: text) ?? ""
    codes = ReceiptFacts.all(#"<Problem [^>]*code="([A-Z_0-9]+)""#, in: text)
    fileName = ReceiptFacts.first(#"<File name="([^"]*)""#, in: text) ?? ""
  }

  static func first(_ pattern: String, in text: String) -> String? {
    all(pattern, in: text).first
  }

  static func all(_ pattern: String, in text: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: pattern)
    let range = NSRange(text.startIndex..., in: text)
    return regex.matches(in: text, range: range).compactMap { match in
      Range(match.range(at: 1), in: text).map { String(text[$0]) }
    }
  }
}

/// One input file as the ledger recorded it.
struct LedgerFile: Equatable {
  var name: [UInt8]
  var sender: String
  var status: String
  var receipt: String
  var storedPath: String
}

extension Sandbox {
  /// Every input file the ledger knows, in processing order.
  func ledger() throws -> [LedgerFile] {
    try database().read { db in
      try Row.fetchAll(
        db, sql: "SELECT name, sender, status, receipt, storedPath FROM inputFile ORDER BY id"
      ).map { row in
        LedgerFile(
          name: [UInt8](row["name"] as Data), sender: row["sender"], status: row["status"],
          receipt: row["receipt"], storedPath: row["storedPath"])
      }
    }
  }

  /// Writes raw bytes into the inbox under a raw name, in an optional folder
  /// of a raw name, an hour old unless told otherwise; returns the path.
  @discardableResult
  func writeBytes(
    _ bytes: some Sequence<UInt8>, name: [UInt8], folder: [UInt8]? = nil, age: TimeInterval = 3600
  ) throws -> RawPath {
    let path = try inboxPath(name: name, folder: folder)
    let fd = path.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
    guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    let data = Array(bytes)
    let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    close(fd)
    guard written == data.count else { throw POSIXError(.EIO) }
    try path.age(by: age)
    return path
  }

  /// The inbox path of a raw name, with its (raw) folder created.
  func inboxPath(name: [UInt8], folder: [UInt8]? = nil) throws -> RawPath {
    try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    var dir = RawPath(inbox.path)
    if let folder {
      dir = dir.appending(folder)
      let rc = dir.withCString { mkdir($0, 0o755) }
      if rc != 0 && errno != EEXIST { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
    return dir.appending(name)
  }

  /// Every published text outside the Kela batch: receipts, notifications,
  /// reports, as (path, content).
  func publishedTexts() throws -> [(String, String)] {
    var out: [(String, String)] = []
    for folder in ["outbox", "reports"] {
      for path in try files(under: folder).keys.sorted() where !path.hasPrefix("outbox/kela/") {
        out.append((path, try read(path)))
      }
    }
    return out
  }
}

/// A path as raw bytes: inbox names in these tests need not be UTF-8.
struct RawPath {
  var bytes: [UInt8]

  init(_ text: String) { bytes = Array(text.utf8) }
  init(bytes: [UInt8]) { self.bytes = bytes }

  func appending(_ name: [UInt8]) -> RawPath { RawPath(bytes: bytes + [UInt8(ascii: "/")] + name) }
  func appending(_ name: String) -> RawPath { appending(Array(name.utf8)) }

  func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
    try (bytes + [0]).withUnsafeBufferPointer { buffer in
      try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
    }
  }

  /// Sets the modification time `seconds` into the past, on the entry itself
  /// (a symbolic link, not its target).
  func age(by seconds: TimeInterval) throws {
    try touch(at: Int(Date().addingTimeInterval(-seconds).timeIntervalSince1970))
  }

  /// Sets the modification time to `when` (seconds since the epoch), on the
  /// entry itself.
  func touch(at when: Int) throws {
    var times = [timespec(tv_sec: when, tv_nsec: 0), timespec(tv_sec: when, tv_nsec: 0)]
    let rc = withCString { utimensat(AT_FDCWD, $0, &times, AT_SYMLINK_NOFOLLOW) }
    guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
  }

  /// Whether anything (a link included) is there.
  var exists: Bool {
    var st = stat()
    return withCString { lstat($0, &st) } == 0
  }
}

/// A TCP listener on the loopback interface that counts who knocked: an XXE
/// or external DTD that made the parser reach out shows up here.
final class Listener {
  let fd: Int32
  let port: Int

  init() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var size = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) }
    }
    guard bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) }
    }
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    self.fd = fd
    port = Int(UInt16(bigEndian: address.sin_port))
  }

  deinit { close(fd) }

  /// How many connections arrived (and are closed at once).
  func knocks() -> Int {
    var count = 0
    while true {
      let client = accept(fd, nil, nil)
      if client < 0 { return count }
      close(client)
      count += 1
    }
  }
}

/// The henkilötunnus codes the hostile files use: temporary individual
/// numbers only (900–999).
enum TestCodes {
  static let employee = "010190-900P"
  static let client = "150612A901N"
}

/// A file that must be accepted whatever else arrives beside it: a complete
/// registration request, needing no prior state.
enum GoodFile {
  static let name = "hyva-rekisterointi.csv"
  static let content = """
    request_id;action;y_tunnus;name;justification;contact_name;contact_email
    REQ-GOOD-1;ADD;2077474-0;Esimerkin Palvelusäätiö sr;Ajanvaraus;Maija Mäkinotkelma;maija@example.fi

    """
}
