import Foundation
import GRDB
import Testing

@Suite("siirto status")
struct StatusTests {
  @Test("shows why each waiting file is or is not yet eligible")
  func reasons() throws {
    let sandbox = try Sandbox()
    try sandbox.write("register.xml", "<Register/>", age: 3600)
    try sandbox.write("fresh.csv", "claim_id;action\n", age: 0)
    try sandbox.write("upload.csv.part", "x", age: 3600)
    try sandbox.write("claims.csv", "x", in: "kunta-x", age: 3600)
    try FileManager.default.createDirectory(
      at: sandbox.inbox.appendingPathComponent("0201256-6/old"), withIntermediateDirectories: true)
    let result = try sandbox.siirto(["status"])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    func line(_ name: String) -> String? { lines.first { $0.contains(name) } }
    #expect(line("register.xml")?.contains("eligible") == true)
    #expect(line("fresh.csv")?.contains("too-young") == true)
    #expect(line("fresh.csv")?.contains("modified less than 60 s ago") == true)
    #expect(line("upload.csv.part")?.contains("temporary-name") == true)
    #expect(line("kunta-x/claims.csv")?.contains("sender-unknown") == true)
    #expect(line("kunta-x/claims.csv")?.contains("not a valid Y-tunnus") == true)
    #expect(line("0201256-6/old")?.contains("nested-folder") == true)

    let json = try sandbox.siirto(["status", "--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let waiting = object?["waiting"] as? [[String: Any]] ?? []
    let fresh = waiting.first { $0["name"] as? String == "fresh.csv" }
    #expect(fresh?["state"] as? String == "too-young")
  }

  @Test("lists the last runs with their results")
  func lastRuns() throws {
    let sandbox = try Sandbox()
    try sandbox.run()
    let result = try sandbox.siirto(["status"])
    #expect(result.stdout.contains("20261122-020000"))
    #expect(result.stdout.contains("files 0"))
  }
}

@Suite("Command line")
struct CommandLineTests {
  @Test("a clean run with nothing to do prints nothing and exits 0")
  func silentCleanRun() throws {
    let sandbox = try Sandbox()
    let result = try sandbox.run()
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.isEmpty)
    let mode =
      try FileManager.default.attributesOfItem(
        atPath: sandbox.root.appendingPathComponent("state").path)[.posixPermissions] as? Int
    #expect(mode == 0o700)
    let keyMode =
      try FileManager.default.attributesOfItem(
        atPath: sandbox.root.appendingPathComponent("state/pseudonym.key").path)[.posixPermissions]
      as? Int
    #expect(keyMode == 0o600)
  }

  @Test("a usage error exits 64")
  func usage() throws {
    let sandbox = try Sandbox()
    #expect(try sandbox.siirto(["run", "--no-such-option"]).status == 64)
    #expect(try sandbox.siirto(["run", "--now", "yesterday"]).status == 64)
    #expect(try sandbox.siirto(["prune", "--older-than", "-1"]).status == 64)
  }

  @Test("--help lists the subcommands; --version prints the version")
  func help() throws {
    let sandbox = try Sandbox()
    let help = try sandbox.siirto(["--help"])
    for command in ["run", "validate", "status", "audit", "prune"] {
      #expect(help.stdout.contains("  \(command) "))
    }
    #expect(try sandbox.siirto(["--version"]).stdout.hasPrefix("0."))
  }

  @Test("run IDs come from the clock, with -2 when taken")
  func runIDs() throws {
    let sandbox = try Sandbox()
    try sandbox.run()
    try sandbox.run()
    let ids = try sandbox.database().read { db in
      try String.fetchAll(db, sql: "SELECT id FROM run ORDER BY seq")
    }
    #expect(ids == ["20261122-020000", "20261122-020000-2"])
  }
}
