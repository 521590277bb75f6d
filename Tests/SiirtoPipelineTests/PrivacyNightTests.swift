import Foundation
import GRDB
import SiirtoCore
import Testing

/// A large generated night, with identity codes also put where they do not
/// belong, through the real binary; then every byte Siirto wrote outside the
/// Kela batch is searched for a henkilötunnus, and for any trace of a client
/// under non-disclosure (turvakielto).
@Suite("Privacy of a large night", .serialized)
struct PrivacyNightTests {
  /// The generator built beside `siirto`.
  static let generator = Sandbox.binary.deletingLastPathComponent()
    .appendingPathComponent("siirto-gen")

  /// A valid henkilötunnus with a temporary individual number (900–999).
  static func hetu(_ birth: String, _ sign: String, _ individual: Int) -> String {
    let digits = Array("0123456789ABCDEFHJKLMNPRSTUVWXY")
    let number = Int(birth + String(individual))!
    return birth + sign + String(individual) + String(digits[number % 31])
  }

  /// A claims file that puts codes where a sender should not: in its own
  /// name, in an unknown column's name, as claim IDs, as a reference, as an
  /// employee without a mandate.
  static func misplacedCodes(claimant: String) -> (name: String, text: String, codes: [String]) {
    let client = hetu("120380", "-", 917)
    let inName = hetu("010203", "A", 925)
    let asID = hetu("311299", "-", 933)
    let asReference = hetu("290200", "A", 941)
    let employee = hetu("151065", "-", 958)
    let column = hetu("070707", "A", 962)
    let header =
      "claim_id;action;claimant_y_tunnus;registered_by;client_hetu;claim_type;legal_basis;"
      + "benefit;period_start;period_end;amount;iban;reference;decision_date;non_disclosure"
    let rest =
      "TOIMEENTULOTUKI_ENNAKKO;TOIMEENTULOTUKILAKI_23;YLEINEN_ASUMISTUKI;2026-10-01;2026-10-31;"
      + "100,00;FI2112345600000785"
    let lines = [
      header + ";" + column,
      "\(asID);ADD;\(claimant);\(employee);\(client);\(rest);;2026-10-05;false;x",
      "X-\(asID);ADD;\(claimant);\(employee);\(client);\(rest);\(asReference);2026-10-05;false;x",
      "\(client);CANCEL;\(claimant);\(employee);;;;;;;;;;;;",
    ]
    return (
      "asiakas \(inName).csv", lines.joined(separator: "\n") + "\n",
      [client, inName, asID, asReference, employee, column]
    )
  }

  /// Every file under `folder` (relative to the root), with its text.
  static func texts(in sandbox: Sandbox, skipping skipped: [String]) throws -> [(String, String)] {
    try sandbox.files().keys.sorted().filter { path in
      !skipped.contains { path.hasPrefix($0) }
    }.map { path in
      (
        path,
        String(
          decoding: try Data(contentsOf: sandbox.root.appendingPathComponent(path)), as: UTF8.self)
      )
    }
  }

  @Test("no henkilötunnus outside the Kela batch; a protected client appears by claim ID only")
  func largeNight() throws {
    let sandbox = try Sandbox()
    let generate = Process()
    generate.executableURL = PrivacyNightTests.generator
    generate.arguments = [
      "--out", sandbox.root.path, "--nightly", "--partners", "6", "--claims-per-partner", "1500",
      "--mandates", "3000", "--error-rate", "0.05", "--seed", "11", "--quiet",
    ]
    try generate.run()
    generate.waitUntilExit()
    try #require(generate.terminationStatus == 0)
    let partner = try #require(
      try FileManager.default.contentsOfDirectory(atPath: sandbox.inbox.path).filter {
        YTunnus($0) != nil
      }.sorted().first)
    let misplaced = PrivacyNightTests.misplacedCodes(claimant: partner)
    try sandbox.write(misplaced.name, misplaced.text, in: partner)
    try sandbox.write("muistiinpanot \(misplaced.codes[0]).txt", "asiakas \(misplaced.codes[0])\n")

    var streams: [(String, String)] = []
    let run = try sandbox.run(["--log-level", "trace"])
    #expect(run.status == 1, "the errors put in are rejected")
    streams += [("run stdout", run.stdout), ("run stderr", run.stderr)]
    let jsonLogs = try sandbox.siirto(["status", "--format", "json"])
    streams += [("status json", jsonLogs.stdout), ("status stderr", jsonLogs.stderr)]
    let status = try sandbox.siirto(["status"])
    streams += [("status", status.stdout)]
    let verify = try sandbox.siirto(["audit", "verify"])
    #expect(verify.status == 0, "\(verify.stdout)")
    streams += [("audit verify", verify.stdout + verify.stderr)]
    let stored = try sandbox.files().keys.filter {
      $0.hasPrefix("archive/") || $0.hasPrefix("rejected/")
    }.sorted().map { sandbox.root.appendingPathComponent($0).path }
    #expect(stored.count >= 10)
    for format in ["text", "json"] {
      let validate = try sandbox.siirto(
        ["validate", "--format", format, "--now", Sandbox.now] + stored)
      #expect(validate.status == 1)
      streams += [("validate \(format)", validate.stdout + validate.stderr)]
    }
    #expect(streams.contains { $0.1.contains(PrivacyFilter.mask) }, "the filter had work to do")

    // What Siirto wrote: receipts, notifications, reports; not the inputs it
    // keeps, its own state, or the generator's manifest.
    let written = try PrivacyNightTests.texts(
      in: sandbox,
      skipping: ["outbox/kela/", "archive/", "rejected/", "inbox/", "work/", "generated.json"])
    #expect(written.contains { $0.0.hasPrefix("outbox/") && $0.0.contains("notifications-") })
    #expect(written.contains { $0.0.hasSuffix("/report.html") })
    #expect(written.contains { $0.0.hasSuffix("/problems.csv") })
    for (name, text) in written + streams {
      #expect(!PrivacyFilter.containsIdentityCode(text), "a henkilötunnus in \(name)")
      for code in misplaced.codes {
        #expect(!text.contains(code), "\(code) in \(name)")
      }
    }

    // Clients under non-disclosure, as the state knows them.
    let key = try [UInt8](
      Data(contentsOf: sandbox.root.appendingPathComponent("state/pseudonym.key")))
    let pseudonymizer = Pseudonymizer(key: key)
    let protected = try sandbox.database().read { db in
      try Row.fetchAll(
        db, sql: "SELECT claim_id, client_hetu FROM claims WHERE non_disclosure = 1 AND active = 1"
      )
      .map { (id: $0["claim_id"] as String, hetu: Hetu($0["client_hetu"] as String)!) }
    }
    #expect(protected.count > 50)
    let everything = try PrivacyNightTests.texts(
      in: sandbox, skipping: ["outbox/kela/", "archive/", "rejected/", "inbox/", "generated.json"])
    for client in protected {
      let pseudonym = pseudonymizer.pseudonym(for: client.hetu)
      for (name, text) in everything + streams {
        #expect(!text.contains(client.hetu.value), "protected client's code in \(name)")
        #expect(!text.contains(pseudonym), "protected client's pseudonym in \(name)")
      }
    }

    // The report lists a protected claim by its claim ID, marked, and nothing else of it.
    let report = try #require(
      try JSONSerialization.jsonObject(
        with: Data(
          contentsOf: sandbox.root.appendingPathComponent("reports/20261122-020000/report.json")))
        as? [String: Any])
    let claims = (report["claims"] as? [String: Any])?["listed"] as? [[String: Any]] ?? []
    let listed = claims.filter { $0["protected"] as? Bool == true }
    #expect(!listed.isEmpty)
    // Every claim of a protected client is listed as protected, not only the flagged ones.
    let protectedIDs = Set(
      try sandbox.database().read { db in
        try String.fetchAll(
          db,
          sql: """
            SELECT claim_id FROM claims WHERE client_hetu IN
            (SELECT client_hetu FROM claims WHERE non_disclosure = 1)
            """)
      })
    for claim in listed {
      #expect(protectedIDs.contains(claim["claimId"] as? String ?? ""))
      #expect(Set(claim.keys).isSubset(of: ["claimId", "action", "protected"]), "\(claim.keys)")
    }
  }
}
