import Foundation
import Testing

/// Nothing lost, nothing twice: a run killed with SIGKILL at any moment and
/// then run again ends in the same state as a run that was never interrupted.
@Suite("Crash safety", .serialized)
struct CrashTests {
  /// The end state of the night1 drop processed without interruption.
  static let reference: [String: String] = {
    let sandbox = try! Sandbox()
    try! sandbox.drop("night1")
    _ = try! sandbox.run()
    return try! sandbox.endState()
  }()

  static let points = [
    "claims-recorded", "claim-move:1", "claim-move:3", "after-claim", "after-file:1",
    "after-file:4", "before-commit", "after-commit", "publish-output:1", "publish-output:4",
    "publish-input:1", "publish-input:5", "before-published",
  ]

  @Test("killed at a named step, then recovered", arguments: points)
  func namedStep(_ point: String) throws {
    let sandbox = try Sandbox()
    try sandbox.drop("night1")
    let killed = try sandbox.run(environment: ["SIIRTO_TEST_CRASH_AT": point])
    #expect(killed.signal == SIGKILL, "the run should have died at \(point)")
    let again = try sandbox.run()
    #expect(again.signal == nil)
    #expect(again.status == 1, "night1 has rejections: \(again.stderr)")
    let state = try sandbox.endState()
    #expect(state.keys.sorted() == CrashTests.reference.keys.sorted())
    for (key, value) in CrashTests.reference where state[key] != value {
      Issue.record("\(key) differs after a crash at \(point)")
    }
    let inbox = try sandbox.files(under: "inbox")
    #expect(inbox.isEmpty, "every input left the inbox: \(inbox.keys.sorted())")
  }

  @Test("killed at random moments until a run finishes")
  func randomMoments() throws {
    var generator = SplitMix(seed: 20_261_122)
    for round in 0..<6 {
      let sandbox = try Sandbox()
      try sandbox.drop("night1")
      var attempts = 0
      while true {
        attempts += 1
        let delay = Double(generator.next() % 400) / 1000 + 0.01
        let result = try sandbox.siirto(
          ["run", "--now", Sandbox.now, "--min-age", "0"], killAfter: attempts < 5 ? delay : nil)
        if result.signal == nil { break }
      }
      let state = try sandbox.endState()
      for (key, value) in CrashTests.reference where state[key] != value {
        Issue.record("round \(round): \(key) differs")
      }
      #expect(state.count == CrashTests.reference.count)
    }
  }
}

/// A small seeded generator, so that "random" kill times repeat run to run.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
