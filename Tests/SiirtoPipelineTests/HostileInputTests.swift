import Foundation
import SiirtoCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Hostile inbox entries through the real `siirto run`: each one is dropped
/// beside a good file, and must end with its spec's receipt and problem code,
/// the right exit code, no crash, no hang, bounded memory, no identity code
/// in any output — and the good file accepted all the same.
@Suite("Hostile input")
struct HostileInputTests {
  @Test("a hostile entry beside a good file", arguments: HostileCorpus.all)
  func hostile(_ hostile: Hostile) throws {
    let sandbox = try Sandbox()
    let listener = try Listener()
    try sandbox.write(GoodFile.name, GoodFile.content)
    let entry = try hostile.make(sandbox, listener)

    if hostile.validates, case .receipt(let status, let codes) = hostile.outcome {
      try validate(sandbox, entry, status: status, codes: codes)
    }

    let run = try Spawn.siirto(
      ["run", "--now", Sandbox.now, "--min-age", "0"] + hostile.arguments, root: sandbox.root,
      timeout: hostile.timeout)
    #expect(!run.timedOut, "the run hung")
    #expect(run.signal == nil, "the run died of signal \(run.signal ?? 0): \(run.stderr)")
    #expect(run.status == hostile.exitCode, "exit code; stderr: \(run.stderr)")
    #expect(run.status < 64, "an internal or I/O error: \(run.stderr)")
    if let limit = hostile.memoryMiB {
      // ThreadSanitizer's shadow memory counts in the peak (scripts/sanitizers.sh says when).
      let slack = ProcessInfo.processInfo.environment["SIIRTO_SANITIZER"] == "thread" ? 2.0 : 1
      #expect(run.peakMiB < limit * slack, "peak memory \(run.peakMiB) MiB")
    }
    print(
      "hostile \(hostile.label): exit \(run.status), peak \(Int(run.peakMiB)) MiB, "
        + String(format: "%.1f s", run.seconds))

    let ledger = try sandbox.ledger()
    let good = try #require(ledger.first { $0.name == Array(GoodFile.name.utf8) })
    #expect(good.status == "ACCEPTED", "the good file beside it")
    #expect(good.storedPath.hasPrefix("archive/"))
    let goodReceipt = ReceiptFacts(path: good.receipt, text: try sandbox.read(good.receipt))
    #expect(goodReceipt.status == "ACCEPTED")

    let row = ledger.first { $0.name == entry.name && $0 != good }
    let entryPath = try sandbox.inboxPath(name: entry.name, folder: entry.folder)
    switch hostile.outcome {
    case .leftInInbox:
      #expect(row == nil, "not picked up")
      #expect(entryPath.exists, "still in the inbox")
    case .receipt(let status, let codes):
      let row = try #require(row, "a receipt for the entry")
      let receipt = ReceiptFacts(path: row.receipt, text: try sandbox.read(row.receipt))
      #expect(row.status == status)
      #expect(receipt.status == status)
      for code in codes {
        #expect(receipt.codes.contains(code), "\(code) in \(receipt.codes)")
      }
      #expect(!entryPath.exists, "taken out of the inbox")
      #expect(row.storedPath.hasPrefix(status == "REJECTED" ? "rejected/" : "archive/"))
      let stored = RawPath(sandbox.root.path).appending(row.storedPath)
      #expect(stored.exists, "kept at \(row.storedPath)")
    }

    try HostileInputTests.noIdentityCode(in: sandbox, run: run)
    let audit = try sandbox.siirto(["audit", "verify"])
    #expect(audit.status == 0, "audit verify: \(audit.stdout) \(audit.stderr)")
    try hostile.check?(
      Hostile.Context(
        sandbox: sandbox, run: run, listener: listener,
        ledger: ledger.first { $0.name == entry.name && $0 != good }))
  }

  /// `siirto validate` on the file where it lies finds the same codes.
  func validate(_ sandbox: Sandbox, _ entry: Hostile.Entry, status: String, codes: [String])
    throws
  {
    let path = try sandbox.inboxPath(name: entry.name, folder: entry.folder)
    let text = try #require(String(validating: path.bytes, as: UTF8.self))
    let result = try Spawn.siirto(
      ["validate", "--now", Sandbox.now, text], root: sandbox.root, timeout: 180)
    #expect(!result.timedOut && result.signal == nil, "validate hung or died")
    let errors = codes.contains { ProblemCode(rawValue: $0)?.severity == .error }
    #expect(result.status == (errors || status == "REJECTED" ? 1 : 0), "\(result.stdout)")
    for code in codes { #expect(result.stdout.contains(" \(code)"), "validate: \(result.stdout)") }
  }

  /// No valid henkilötunnus in any published text, file name, or the run's
  /// own output (the Kela batch alone may carry one).
  static func noIdentityCode(in sandbox: Sandbox, run: Spawned) throws {
    for (path, text) in try sandbox.publishedTexts() {
      #expect(!PrivacyFilter.containsIdentityCode(text), "an identity code in \(path)")
    }
    for folder in ["outbox", "archive", "rejected", "reports"] {
      for path in try sandbox.files(under: folder).keys {
        #expect(!PrivacyFilter.containsIdentityCode(path), "an identity code in a name: \(path)")
      }
    }
    #expect(!PrivacyFilter.containsIdentityCode(run.stdout + run.stderr))
  }
}
