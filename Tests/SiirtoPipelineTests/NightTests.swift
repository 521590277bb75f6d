import Foundation
import GRDB
import Testing

/// The night1 drop through the real binary: receipts, archive, batch,
/// notifications and database rows.
@Suite("A night end to end")
struct NightTests {
  let run = "20261122-020000"

  @Test("every file gets its receipt with the right status and counts")
  func receipts() throws {
    let sandbox = try Sandbox()
    try sandbox.drop("night1")
    let result = try sandbox.run()
    #expect(result.status == 1, "night1 has rejections")
    #expect(result.stdout.contains("5 files"))
    #expect(result.stdout.contains("reports"))
    #expect(result.stderr.isEmpty, "\(result.stderr)")

    let register = try Receipt(sandbox.read("outbox/_ops/receipt-\(run)-1.xml"))
    #expect(register.status == "ACCEPTED")
    #expect(register.counts == ["records": "4", "accepted": "4", "rejected": "0", "ignored": "0"])
    #expect(register.file["kind"] == "register")
    #expect(register.file["format"] == "xml")

    let mandates = try Receipt(sandbox.read("outbox/_ops/receipt-\(run)-2.xml"))
    #expect(mandates.status == "ACCEPTED")
    #expect(mandates.counts == ["records": "4", "accepted": "3", "rejected": "0", "ignored": "1"])
    #expect(mandates.codes.contains("MANDATE_ISSUE_IGNORED"))

    let espoo = try Receipt(sandbox.read("outbox/0101263-6/receipt-\(run)-3.xml"))
    #expect(espoo.status == "PARTIALLY_ACCEPTED")
    #expect(espoo.counts == ["records": "2", "accepted": "1", "rejected": "1", "ignored": "0"])
    #expect(espoo.codes.contains("CLAIM_CANCEL_UNKNOWN"))

    let helsinki = try Receipt(sandbox.read("outbox/0201256-6/receipt-\(run)-4.xml"))
    #expect(helsinki.status == "PARTIALLY_ACCEPTED")
    #expect(helsinki.counts == ["records": "4", "accepted": "2", "rejected": "2", "ignored": "0"])
    #expect(helsinki.codes.contains("HETU_INVALID"))
    #expect(helsinki.codes.contains("CLAIM_NO_MANDATE"))
    #expect(helsinki.codes.contains("CLAIM_LATE"))
    #expect(helsinki.codes.contains("DATE_FINNISH_FORMAT"))
    #expect(helsinki.file["name"] == "maksuvaatimukset-marraskuu.csv")
    #expect(helsinki.file["sha256"]?.count == 64)

    let notes = try Receipt(sandbox.read("outbox/_ops/receipt-\(run)-5.xml"))
    #expect(notes.status == "REJECTED")
    #expect(notes.codes == ["FILE_UNKNOWN_KIND"])
  }

  @Test("inputs are archived or rejected under the run's date; the inbox is empty")
  func archive() throws {
    let sandbox = try Sandbox()
    try sandbox.drop("night1")
    try sandbox.run()
    let archived = try sandbox.files(under: "archive").keys.sorted()
    #expect(
      archived == [
        "archive/2026/11/22/\(run)/0101263-6/claims.xml",
        "archive/2026/11/22/\(run)/0201256-6/maksuvaatimukset-marraskuu.csv",
        "archive/2026/11/22/\(run)/_ops/mandates.xml",
        "archive/2026/11/22/\(run)/_ops/register.xml",
      ])
    #expect(
      try sandbox.files(under: "rejected").keys.sorted() == [
        "rejected/2026/11/22/\(run)/_ops/muistiinpanot.txt"
      ])
    #expect(try sandbox.files(under: "inbox").isEmpty)
    #expect(try sandbox.files(under: "work").isEmpty)
    let original = try Data(
      contentsOf: Sandbox.fixture("night1").appendingPathComponent("register.xml"))
    let stored = try Data(
      contentsOf: sandbox.root.appendingPathComponent("archive/2026/11/22/\(run)/_ops/register.xml")
    )
    #expect(original == stored)
  }

  @Test("the Kela batch carries the accepted claims with control totals")
  func batch() throws {
    let sandbox = try Sandbox()
    try sandbox.drop("night1")
    try sandbox.run()
    let batch = try sandbox.read("outbox/kela/claims-\(run).xml")
    #expect(batch.contains("addCount=\"3\""))
    #expect(batch.contains("cancelCount=\"0\""))
    #expect(batch.contains("totalAmount=\"1157.23\""))
    let sidecar = try sandbox.read("outbox/kela/claims-\(run).xml.sha256")
    let digest = try sandbox.files(under: "outbox/kela")["outbox/kela/claims-\(run).xml"]
    #expect(sidecar == "\(digest!)  claims-\(run).xml\n")
  }

  @Test("the same files again are duplicates: nothing applied twice")
  func duplicates() throws {
    let sandbox = try Sandbox()
    try sandbox.drop("night1")
    try sandbox.run()
    let claimsBefore = try sandbox.database().read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inputFile WHERE status != 'DUPLICATE'")
    }
    try sandbox.drop("night1")
    let second = try sandbox.run(now: "2026-11-23T02:00:00Z")
    #expect(second.status == 1, "the unknown-kind file is rejected again")
    let receipt = try Receipt(
      sandbox.read("outbox/0201256-6/receipt-20261123-020000-4.xml"))
    #expect(receipt.status == "DUPLICATE")
    #expect(receipt.counts == ["records": "0", "accepted": "0", "rejected": "0", "ignored": "0"])
    #expect(receipt.file["kind"] == nil)
    #expect(receipt.file["sha256"]?.count == 64)
    let rows = try sandbox.database().read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inputFile WHERE status = 'DUPLICATE'")
    }
    #expect(rows == 4)
    #expect(claimsBefore == 5)
    #expect(try sandbox.files(under: "outbox/kela").keys.filter { $0.contains("20261123") }.isEmpty)
  }

  @Test("a run is deterministic: the same state, files and clock give the same bytes")
  func deterministic() throws {
    let a = try Sandbox()
    let b = try Sandbox()
    for sandbox in [a, b] {
      try sandbox.drop("night1")
      try sandbox.run()
    }
    let filesA = try a.files()
    let filesB = try b.files()
    #expect(filesA == filesB)
  }
}

/// The facts of a receipt, read with a regular expression per element: the
/// test reads the bytes partners read, not a model of them.
struct Receipt {
  var status: String
  var counts: [String: String]
  var file: [String: String]
  var codes: [String]

  init(_ xml: String) throws {
    func attributes(of element: String) -> [String: String] {
      guard let range = xml.range(of: "<\(element) [^>]*>", options: .regularExpression) else {
        return [:]
      }
      let tag = String(xml[range])
      var out: [String: String] = [:]
      let pattern = try! NSRegularExpression(pattern: "([A-Za-z0-9]+)=\"([^\"]*)\"")
      for match in pattern.matches(in: tag, range: NSRange(tag.startIndex..., in: tag)) {
        out[String(tag[Range(match.range(at: 1), in: tag)!])] =
          String(tag[Range(match.range(at: 2), in: tag)!])
      }
      return out
    }
    let statusRange = xml.range(of: "<Status>[A-Z_]+</Status>", options: .regularExpression)
    status =
      statusRange.map {
        String(xml[$0]).replacingOccurrences(of: "<Status>", with: "")
          .replacingOccurrences(of: "</Status>", with: "")
      } ?? ""
    counts = attributes(of: "Counts").filter { $0.key != "warnings" }
    file = attributes(of: "File")
    let pattern = try NSRegularExpression(pattern: "<Problem [^>]*code=\"([A-Z_0-9]+)\"")
    codes = pattern.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).map {
      String(xml[Range($0.range(at: 1), in: xml)!])
    }
  }
}
