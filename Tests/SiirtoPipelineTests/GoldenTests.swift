import Foundation
import SiirtoPipeline
import Testing

/// The night1 drop through `siirto run --now …`, compared byte for byte with
/// committed goldens: what partners, Kela and auditors receive cannot change
/// unnoticed. After an intended change, `SIIRTO_UPDATE_GOLDENS=1 swift test
/// --skip-build --filter GoldenTests` rewrites the goldens in the source tree;
/// the diff is then reviewed like code.
@Suite("Golden outputs of a night")
struct GoldenTests {
  static let run = "20261122-020000"

  /// The goldens in the source tree, where an update writes them.
  static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/golden/night1")

  /// Every outbox file (receipts, notifications, the batch and its sidecar),
  /// and the run's `report.json` and `problems.csv`, by path under the root.
  /// The host name is the one fact of a report that belongs to the machine,
  /// so it is replaced by `{host}`.
  static func outputs(of sandbox: Sandbox) throws -> [String: Data] {
    let reports = ["reports/\(run)/report.json", "reports/\(run)/problems.csv"]
    var out: [String: Data] = [:]
    for path in try sandbox.files().keys where path.hasPrefix("outbox/") || reports.contains(path) {
      var data = try Data(contentsOf: sandbox.root.appendingPathComponent(path))
      if path.hasSuffix("report.json") {
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(
          of: "\"host\" : \"\(Siirto.hostName)\"", with: "\"host\" : \"{host}\"")
        data = Data(text.utf8)
      }
      out[path] = data
    }
    return out
  }

  static func goldens() throws -> [String: Data] {
    let folder = Sandbox.fixture("golden/night1")
    var out: [String: Data] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
      let url = folder.appendingPathComponent(path)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        out[path] = try Data(contentsOf: url)
      }
    }
    return out
  }

  /// The first line where `actual` parts from `golden`, for a readable failure.
  static func firstDifference(_ actual: Data, _ golden: Data) -> String {
    let a = String(decoding: actual, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    let g = String(decoding: golden, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(a.count, g.count) {
      let left = i < a.count ? String(a[i]) : "<end>"
      let right = i < g.count ? String(g[i]) : "<end>"
      if left != right {
        return "line \(i + 1): got \(left.prefix(300)) — golden \(right.prefix(300))"
      }
    }
    return "same lines, different bytes"
  }

  static func write(_ outputs: [String: Data]) throws {
    try? FileManager.default.removeItem(at: sourceFolder)
    for (path, data) in outputs {
      let url = sourceFolder.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url)
    }
  }

  /// Runs night1 in a fresh root and compares its outputs with the goldens.
  static func checkNight() throws {
    let sandbox = try Sandbox()
    try sandbox.drop("night1")
    #expect(try sandbox.run().status == 1)
    let outputs = try GoldenTests.outputs(of: sandbox)
    if ProcessInfo.processInfo.environment["SIIRTO_UPDATE_GOLDENS"] == "1" {
      try GoldenTests.write(outputs)
      return
    }
    let goldens = try GoldenTests.goldens()
    #expect(outputs.keys.sorted() == goldens.keys.sorted())
    for (path, golden) in goldens.sorted(by: { $0.key < $1.key }) {
      guard let actual = outputs[path] else { continue }
      #expect(actual == golden, "\(path): \(GoldenTests.firstDifference(actual, golden))")
    }
  }

  @Test("receipts, notifications, batch, report.json and problems.csv are the goldens")
  func matchesGoldens() throws {
    try GoldenTests.checkNight()
    guard ProcessInfo.processInfo.environment["SIIRTO_UPDATE_GOLDENS"] != "1" else { return }
    // The scenario has every kind of output the goldens stand for.
    let paths = Set(try GoldenTests.goldens().keys)
    #expect(paths.contains("outbox/kela/claims-\(GoldenTests.run).xml"))
    #expect(paths.contains("outbox/kela/claims-\(GoldenTests.run).xml.sha256"))
    #expect(paths.contains("outbox/0201256-6/notifications-\(GoldenTests.run).xml"))
    #expect(paths.contains("outbox/_ops/receipt-\(GoldenTests.run)-5.xml"))
    #expect(paths.contains("reports/\(GoldenTests.run)/problems.csv"))
  }

  /// Another root, another moment of the real clock: nothing of either may
  /// reach the outputs.
  @Test("a re-run in another fresh root writes the same bytes")
  func reRunInFreshRoot() throws {
    guard ProcessInfo.processInfo.environment["SIIRTO_UPDATE_GOLDENS"] != "1" else { return }
    try GoldenTests.checkNight()
  }
}
