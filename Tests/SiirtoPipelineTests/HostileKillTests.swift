import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The kill test in CI size (scripts/killtest.sh is the one at scale): the
/// night1 drop plus hostile entries — a link to /etc/passwd, a FIFO, names
/// with newlines, bytes that are not UTF-8 and an identity code, an XXE, a
/// file from a folder that is no Y-tunnus — killed at every named step with
/// several hit counts, and again while recovering. Each time the next run
/// must end in the uninterrupted run's state, with nothing left in the inbox.
@Suite("Crash safety with hostile entries", .serialized)
struct HostileKillTests {
  /// One second apart from night1's fixed times, so the order never varies.
  static let base = 1_795_262_400 + 100

  static func drop(_ sandbox: Sandbox) throws {
    try sandbox.drop("night1")
    var when = base
    func fixed(_ path: RawPath) throws {
      try path.touch(at: when)
      when += 1
    }
    try fixed(
      try sandbox.writeBytes(
        Array(HostileCorpus.registration("REQ-K1").utf8), name: Array("rivi\nvaihto.csv".utf8)))
    try fixed(
      try sandbox.writeBytes(
        Array(HostileCorpus.registration("REQ-K2", "7654321-2").utf8),
        name: [0x6B, 0xFF, 0xE4, 0x2E, 0x63, 0x73, 0x76]))
    try fixed(
      try sandbox.writeBytes(
        Array(HostileCorpus.registration("REQ-K3", "2345679-9").utf8),
        name: Array("henkilo-\(TestCodes.employee).csv".utf8)))
    try fixed(
      try sandbox.writeBytes(
        try HostileCorpus.fixture("xxe-file.xml", port: 9), name: Array("xxe.xml".utf8)))
    try fixed(
      try sandbox.writeBytes(
        Array(HostileCorpus.registration("REQ-K4").utf8), name: Array("claims.csv".utf8),
        folder: Array("helsinki".utf8)))
    let link = try sandbox.inboxPath(name: Array("passwd.csv".utf8))
    guard link.withCString({ symlink("/etc/passwd", $0) }) == 0 else { throw POSIXError(.EIO) }
    try fixed(link)
    let fifo = try sandbox.inboxPath(name: Array("putki.csv".utf8))
    guard fifo.withCString({ mkfifo($0, 0o644) }) == 0 else { throw POSIXError(.EIO) }
    try fixed(fifo)
  }

  static let inputs = 12

  static let reference: [String: String] = {
    let sandbox = try! Sandbox()
    try! drop(sandbox)
    _ = try! sandbox.run()
    return try! sandbox.endState()
  }()

  /// Every named point; the counted ones at their first, middle and last hits.
  static let points: [String] = {
    var points = ["claims-recorded", "after-claim", "before-commit", "after-commit"]
    points += ["before-published"]
    for n in [1, 2, 6, 11, 12] { points.append("claim-move:\(n)") }
    for n in [1, 3, 7, 10, 12] { points.append("after-file:\(n)") }
    for n in [1, 2, 5, 9, 14, 20] { points.append("publish-output:\(n)") }
    for n in [1, 4, 8, 12] { points.append("publish-input:\(n)") }
    return points
  }()

  /// A first kill, then a second one while the next run recovers.
  static let twice = [
    ("after-commit", "publish-output:1"), ("publish-output:4", "publish-output:2"),
    ("publish-input:3", "before-published"), ("after-file:6", "after-file:2"),
    ("claim-move:5", "after-claim"),
  ]

  @Test("killed at a named step among hostile entries", arguments: points)
  func killed(_ point: String) throws {
    try trial([point])
  }

  @Test("killed, then killed again while recovering", arguments: twice)
  func killedTwice(_ first: String, _ second: String) throws {
    try trial([first, second])
  }

  @Test("ten runs at once among hostile entries, some of them killed")
  func concurrentWithKills() throws {
    let sandbox = try Sandbox()
    try HostileKillTests.drop(sandbox)
    let results = ResultBox()
    // Whichever run holds the lock may be one that dies at its crash point;
    // the others wait for nothing: they exit 75 at once, or find the inbox
    // empty, or recover what the dead one left.
    let points = ["after-file:3", "publish-output:2", "", "", "claim-move:4", "", "", "", "", ""]
    DispatchQueue.concurrentPerform(iterations: points.count) { index in
      let environment = points[index].isEmpty ? [:] : ["SIIRTO_TEST_CRASH_AT": points[index]]
      let run = try? Spawn.siirto(
        ["run", "--now", Sandbox.now, "--min-age", "0"], root: sandbox.root,
        environment: environment, timeout: 60)
      results.append(run.map { $0.signal.map { -$0 } ?? $0.status } ?? -100)
    }
    #expect(
      results.values.allSatisfy { [0, 1, 75, -SIGKILL].contains($0) }, "\(results.values)")
    let last = try Spawn.siirto(
      ["run", "--now", Sandbox.now, "--min-age", "0"], root: sandbox.root, timeout: 60)
    #expect(last.status <= 1)
    let state = try sandbox.endState()
    for key in Set(state.keys).union(HostileKillTests.reference.keys)
    where state[key] != HostileKillTests.reference[key] {
      Issue.record("\(key) differs after concurrent runs: \(results.values)")
    }
  }

  func trial(_ kills: [String]) throws {
    let sandbox = try Sandbox()
    try HostileKillTests.drop(sandbox)
    for point in kills {
      let killed = try Spawn.siirto(
        ["run", "--now", Sandbox.now, "--min-age", "0"], root: sandbox.root,
        environment: ["SIIRTO_TEST_CRASH_AT": point], timeout: 60)
      #expect(killed.signal == SIGKILL, "the run should have died at \(point)")
    }
    let again = try Spawn.siirto(
      ["run", "--now", Sandbox.now, "--min-age", "0"], root: sandbox.root, timeout: 60)
    #expect(again.signal == nil && !again.timedOut)
    #expect(again.status <= 1, "\(again.stderr)")
    let state = try sandbox.endState()
    #expect(state.keys.sorted() == HostileKillTests.reference.keys.sorted())
    for (key, value) in HostileKillTests.reference where state[key] != value {
      Issue.record("\(key) differs after kills at \(kills)")
    }
    let inbox = try sandbox.ledger().count
    #expect(inbox == HostileKillTests.inputs, "every entry processed exactly once")
    var leftovers = 0
    if let names = try? FileManager.default.contentsOfDirectory(atPath: sandbox.inbox.path) {
      leftovers =
        names.filter { $0 != "0101263-6" && $0 != "0201256-6" && $0 != "helsinki" }
        .count
    }
    #expect(leftovers == 0, "nothing left in the inbox")
  }
}
