import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("One run at a time")
struct LockTests {
  @Test("a second run exits 75 at once and changes nothing")
  func secondRunRefused() throws {
    let sandbox = try Sandbox()
    try sandbox.drop("night1")
    // Hold the lock from this process, as a running siirto would.
    _ = try sandbox.siirto(["status"])
    let lockPath = sandbox.root.appendingPathComponent("state/lock").path
    try FileManager.default.createDirectory(
      atPath: sandbox.root.appendingPathComponent("state").path, withIntermediateDirectories: true)
    let fd = open(lockPath, O_RDWR | O_CREAT, 0o600)
    #expect(fd >= 0)
    #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
    let before = try sandbox.files()
    let refused = try sandbox.run()
    #expect(refused.status == 75)
    #expect(refused.stderr.split(separator: "\n").count == 1)
    #expect(refused.stdout.isEmpty)
    #expect(try sandbox.files() == before)
    close(fd)
    let after = try sandbox.run()
    #expect(after.status == 1)
  }

  @Test("twenty runs started together: one works, the rest exit 75")
  func concurrentRuns() throws {
    let sandbox = try Sandbox()
    try sandbox.drop("night1")
    let results = ResultBox()
    DispatchQueue.concurrentPerform(iterations: 20) { _ in
      let result = try? sandbox.run()
      results.append(result?.status ?? -1)
    }
    let statuses = results.values
    // Exactly one run took the files; the others found the lock held, or
    // (started after it finished) an empty inbox.
    #expect(statuses.filter { $0 == 1 }.count == 1, "statuses: \(statuses)")
    #expect(statuses.allSatisfy { [0, 1, 75].contains($0) }, "statuses: \(statuses)")
    #expect(statuses.contains(75))
    let receipts = try sandbox.files(under: "outbox").keys.filter { $0.contains("receipt-") }
    #expect(receipts.count == 5, "each input file got exactly one receipt")
    let reference = try Sandbox()
    try reference.drop("night1")
    try reference.run()
    let (got, expected) = (try sandbox.endState(), try reference.endState())
    for key in Set(got.keys).union(expected.keys) where got[key] != expected[key] {
      Issue.record("\(key) differs: \(got[key] ?? "-") vs \(expected[key] ?? "-")")
    }
  }
}

final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [Int32] = []
  func append(_ value: Int32) { lock.withLock { storage.append(value) } }
  var values: [Int32] { lock.withLock { storage } }
}
