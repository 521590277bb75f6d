import Foundation
import SiirtoCore
import SiirtoFormats
import SiirtoReports
import Testing

@Suite struct PrivacyTests {
  /// Every text the scenario writes outside the Kela batch.
  func outputs() throws -> [(String, String)] {
    let notifications = NotificationMessages.documents(
      runID: Scenario.runID, createdAt: Scenario.now, events: Scenario.events)
    return [
      ("receipt", String(decoding: try ReceiptWriter.render(Scenario.receipt), as: UTF8.self)),
      (
        "duplicate",
        String(decoding: try ReceiptWriter.render(Scenario.duplicateReceipt), as: UTF8.self)
      ),
      ("html", ReportHTML.render(Scenario.report)),
      ("json", try ReportJSON.render(Scenario.report)),
      ("csv", ProblemsCSV.render(Scenario.report.problems, runID: Scenario.runID)),
      ("index", ReportIndexHTML.render(Scenario.index)),
    ]
      + (try notifications.map {
        ("notifications", String(decoding: try NotificationsWriter.render($0), as: UTF8.self))
      })
  }

  @Test func noOutputButTheBatchHoldsAHenkilotunnus() throws {
    for (name, text) in try outputs() {
      #expect(!PrivacyFilter.containsIdentityCode(text), "\(name)")
      for hetu in [Scenario.client, Scenario.protectedClient, Scenario.employee] {
        #expect(!text.contains(hetu.value), "\(name)")
      }
    }
    // The scenario did put codes where they do not belong, and they were masked.
    #expect(try outputs().contains { $0.1.contains(PrivacyFilter.mask) })
    let batch = String(
      decoding: try ClaimBatchWriter.render(
        batchID: Scenario.runID, createdAt: Scenario.now,
        records: ClaimBatchWriter.sorted(Scenario.batch)
      ).bytes, as: UTF8.self)
    #expect(batch.contains(Scenario.client.value))
    #expect(batch.contains(#"nonDisclosure="true""#))
  }

  @Test func protectedClaimAppearsByClaimIDOnly() throws {
    let protectedPseudonym = Scenario.pseudonymizer.pseudonym(for: Scenario.protectedClient)
    let visiblePseudonym = Scenario.pseudonymizer.pseudonym(for: Scenario.client)
    let html = ReportHTML.render(Scenario.report)
    let json = try ReportJSON.render(Scenario.report)
    for text in [html, json] {
      #expect(text.contains("HKI-2026-000124"))
      #expect(!text.contains(protectedPseudonym))
      #expect(text.contains(visiblePseudonym))
      #expect(!text.contains("1234.56"), "the protected claim's amount is detail")
    }
    #expect(html.contains("HKI-2026-000124 <span class=\"protected\">(protected)</span>"))
    let row = try #require(Scenario.report.claims.first { $0.claimID == "HKI-2026-000124" })
    #expect(row.isProtected && row.claimant == nil && row.client == nil && row.amount == nil)
    let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
    let listed = (decoded["claims"] as! [String: Any])["listed"] as! [[String: Any]]
    let item = try #require(listed.first { $0["claimId"] as? String == "HKI-2026-000124" })
    #expect(Set(item.keys) == ["claimId", "action", "protected"])
    #expect(item["protected"] as? Bool == true)
    // Listed last, so that its place among the claimant's claims does not tell the claimant.
    #expect(listed.last?["claimId"] as? String == "HKI-2026-000124")
  }

  @Test func cancellationOfAProtectedClaimIsProtected() {
    let row = ClaimRow(
      .cancel(claimID: "HKI-9", claimant: Scenario.helsinki), pseudonymizer: Scenario.pseudonymizer,
      protected: true)
    #expect(row.isProtected && row.claimant == nil)
  }
}

@Suite struct NotificationMessageTests {
  @Test func everyCodeRendersInBothLanguages() {
    for code in NotificationCode.allCases {
      let event = NotificationEvent(
        recipient: Scenario.helsinki.value, code: code, refType: "x", refID: "R-1",
        arguments: [
          "name": "n", "type": "KUNTA", "fields": "name", "reasons": "ENUM",
          "matter": "kela-ajanvaraus", "lastValidDay": "2026-12-01", "agent": "A", "employee": "E",
          "count": "3", "claimant": "0201256-6", "total": "1.00", "cancelled": "0", "batch": "b",
        ])
      let fi = NotificationMessages.render(event, in: .fi)
      let en = NotificationMessages.render(event, in: .en)
      #expect(fi != en, "\(code)")
      #expect(!fi.contains("{") && !en.contains("{"), "\(code)")
      #expect(!fi.contains("–") && !en.contains("–"), "\(code) uses an argument it is not given")
    }
  }

  @Test func revokedMandateHasItsOwnMessageAndMissingArgumentsShowADash() {
    let event = NotificationEvent(
      recipient: Scenario.helsinki.value, code: .MANDATE_ENDED, refID: "M-9",
      arguments: ["reason": "revoked"])
    #expect(
      NotificationMessages.render(event, in: .en) == "Mandate M-9 (matter –, agent –) was revoked.")
  }

  @Test func aCodeInAnArgumentIsMasked() {
    let event = NotificationEvent(
      recipient: Scenario.helsinki.value, code: .CLAIMS_UNAUTHORISED,
      arguments: ["employee": Scenario.employee.value, "count": "1", "claimant": "0201256-6"])
    #expect(!PrivacyFilter.containsIdentityCode(NotificationMessages.render(event, in: .fi)))
  }
}
