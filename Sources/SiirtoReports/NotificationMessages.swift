import SiirtoCore
import SiirtoFormats

/// The messages of notifications, in Finnish and English, rendered from a
/// ``NotificationEvent``'s code and safe arguments.
///
/// The arguments each code reads (the event's `refID` is also `{ref}`):
///
/// | code | arguments |
/// | --- | --- |
/// | `REGISTER_ADDED` | `name`, `type` |
/// | `REGISTER_CHANGED` | `fields`: the changed fields, comma-separated |
/// | `REGISTER_REMOVED` | `lastValidDay`: the last day it was registered |
/// | `REGISTRATION_REJECTED` | `reasons`: the problem codes, comma-separated |
/// | `MANDATE_MISSING` | `matter` |
/// | `MANDATE_EXPIRING` | `matter`, `lastValidDay`, `agent` (a name, or a pseudonym) |
/// | `MANDATE_ENDED` | `matter`, `lastValidDay`, `agent`, `reason`: `expired` or `revoked` |
/// | `CLAIMS_UNAUTHORISED` | `employee` (a name, or a pseudonym), `count`, `claimant` |
/// | `CLAIMS_FORWARDED` | `claimant`, `count`, `total` (euros), `cancelled`, `batch` |
///
/// A missing argument is written as `–`, so a message never shows a raw
/// placeholder.
public enum NotificationMessages {
  /// The message for `event` in `language`, through the privacy filter.
  public static func render(_ event: NotificationEvent, in language: Language) -> String {
    var arguments = event.arguments
    if let ref = event.refID { arguments["ref"] = arguments["ref"] ?? ref }
    let key =
      event.code == .MANDATE_ENDED && arguments["reason"] == "revoked"
      ? "MANDATE_ENDED.revoked" : event.code.rawValue
    let template = catalog[key]?[language] ?? event.code.rawValue
    return PrivacyFilter.redact(fill(template, with: arguments))
  }

  /// The event as a written notification.
  public static func entry(_ event: NotificationEvent) -> NotificationEntry {
    var messages: [Language: String] = [:]
    for language in Language.allCases { messages[language] = render(event, in: language) }
    return NotificationEntry(
      code: event.code, refType: event.refType, refID: event.refID, messages: messages)
  }

  /// One document per recipient with a valid Y-tunnus, sorted by recipient;
  /// events keep their order within a recipient. Other events are left out:
  /// a notification goes only to an organisation with a valid Y-tunnus —
  /// except the rejection of a request whose Y-tunnus is itself invalid,
  /// which goes to `_ops` (inputs.md, registration rule 4).
  public static func documents(
    runID: String, createdAt: Timestamp, events: [NotificationEvent]
  ) -> [NotificationsDocument] {
    var byRecipient: [String: [NotificationEntry]] = [:]
    for event in events {
      let toOps = event.recipient == opsRecipient && event.code == .REGISTRATION_REJECTED
      guard toOps || YTunnus(event.recipient)?.value == event.recipient else { continue }
      byRecipient[event.recipient, default: []].append(entry(event))
    }
    return byRecipient.keys.sorted().map {
      NotificationsDocument(
        recipient: $0, runID: runID, createdAt: createdAt, entries: byRecipient[$0]!)
    }
  }

  /// The recipient, and outbox folder, of what goes to operations staff.
  static let opsRecipient = "_ops"

  static func fill(_ template: String, with arguments: [String: String]) -> String {
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      out += rest[..<open]
      let name = String(rest[rest.index(after: open)..<close])
      let value = arguments[name] ?? ""
      out += value.isEmpty ? "–" : value
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }

  static let catalog: [String: [Language: String]] = [
    "REGISTER_ADDED": [
      .fi: "Organisaatio {name} on lisätty Kelan kumppanirekisteriin (tyyppi {type}).",
      .en: "The organisation {name} was added to Kela's partner register (type {type}).",
    ],
    "REGISTER_CHANGED": [
      .fi: "Organisaation tiedot Kelan kumppanirekisterissä muuttuivat: {fields}.",
      .en: "The organisation's details in Kela's partner register changed: {fields}.",
    ],
    "REGISTER_REMOVED": [
      .fi: "Organisaatio on poistettu Kelan kumppanirekisteristä; viimeinen voimassaolopäivä "
        + "oli {lastValidDay}.",
      .en: "The organisation was removed from Kela's partner register; its last valid day "
        + "was {lastValidDay}.",
    ],
    "REGISTRATION_REJECTED": [
      .fi: "Rekisteröintipyyntö {ref} hylättiin. Syyt: {reasons}.",
      .en: "Registration request {ref} was rejected. Reasons: {reasons}.",
    ],
    "MANDATE_MISSING": [
      .fi:
        "Organisaatiolla ei ole ketään, joka voi toimia sen puolesta valtuusasiassa {matter}. "
        + "Valtuus annetaan Suomi.fi-valtuuksissa.",
      .en:
        "Nobody may act for the organisation in the mandate matter {matter}. "
        + "Mandates are granted in Suomi.fi e-Authorizations.",
    ],
    "MANDATE_EXPIRING": [
      .fi: "Valtuus {ref} (valtuusasia {matter}, valtuutettu {agent}) päättyy: "
        + "viimeinen voimassaolopäivä on {lastValidDay}.",
      .en: "Mandate {ref} (matter {matter}, agent {agent}) is ending: "
        + "its last valid day is {lastValidDay}.",
    ],
    "MANDATE_ENDED": [
      .fi: "Valtuus {ref} (valtuusasia {matter}, valtuutettu {agent}) on päättynyt; "
        + "viimeinen voimassaolopäivä oli {lastValidDay}.",
      .en: "Mandate {ref} (matter {matter}, agent {agent}) has ended; "
        + "its last valid day was {lastValidDay}.",
    ],
    "MANDATE_ENDED.revoked": [
      .fi: "Valtuus {ref} (valtuusasia {matter}, valtuutettu {agent}) on peruttu.",
      .en: "Mandate {ref} (matter {matter}, agent {agent}) was revoked.",
    ],
    // The counts stand as "label: number", which reads right for 1 as for 2
    // in both languages (Finnish would need a singular and a partitive).
    "CLAIMS_UNAUTHORISED": [
      .fi: "Maksuvaatimuksia hylättiin, koska rekisteröijällä {employee} ei ollut "
        + "valtuutta toimia organisaation {claimant} puolesta. Hylättyjä: {count}.",
      .en: "Payment claims were rejected because {employee}, who registered them, "
        + "had no mandate to act for {claimant}. Rejected: {count}.",
    ],
    "CLAIMS_FORWARDED": [
      .fi: "Organisaation {claimant} maksuvaatimukset välitettiin Kelalle erässä {batch}. "
        + "Maksuvaatimuksia: {count} (yhteensä {total} euroa); peruutuksia: {cancelled}.",
      .en: "Payment claims of {claimant} were forwarded to Kela in batch {batch}. "
        + "Claims: {count} (total {total} euros); cancellations: {cancelled}.",
    ],
  ]
}
