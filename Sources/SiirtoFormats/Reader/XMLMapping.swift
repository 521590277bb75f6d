import SiirtoCore

/// How an element of a record maps onto the CSV column names of its kind, so
/// that both forms go through the same rules.
struct ElementMap: Sendable {
  /// The column that takes the element's text.
  var text: String?
  /// Attribute local name → column.
  var attributes: [String: String] = [:]
  /// Column → value, set when the element occurs (the party type of a principal).
  var constants: [String: String] = [:]
  /// Column → value when the record has none (an omitted `action` is `ADD`).
  var defaults: [String: String] = [:]
  /// Child elements by local name.
  var children: [String: ElementMap] = [:]

  /// The record element's map for `kind`.
  static func record(_ kind: InputKind) -> ElementMap {
    switch kind {
    case .register: return register
    case .registration: return registration
    case .mandates: return mandates
    case .claims: return claims
    }
  }

  private static func text(_ column: String) -> ElementMap { ElementMap(text: column) }

  private static let register = ElementMap(children: [
    "YTunnus": text("y_tunnus"), "Name": text("name"), "NameSv": text("name_sv"),
    "Type": text("type"), "MunicipalityCode": text("municipality_code"),
    "ValidFrom": text("valid_from"), "ValidTo": text("valid_to"),
  ])

  private static let registration = ElementMap(
    attributes: ["id": "request_id", "action": "action"],
    defaults: ["action": "ADD"],
    children: [
      "YTunnus": text("y_tunnus"), "Name": text("name"),
      "Justification": text("justification"),
      "Contact": ElementMap(children: [
        "Name": text("contact_name"), "Email": text("contact_email"),
        "Phone": text("contact_phone"),
      ]),
    ])

  private static func party(_ prefix: String, name: String?) -> ElementMap {
    var organisation = ElementMap(
      attributes: ["yTunnus": "\(prefix)_id"], constants: ["\(prefix)_type": "ORG"])
    var person = ElementMap(
      attributes: ["hetu": "\(prefix)_id"], constants: ["\(prefix)_type": "PERSON"])
    if let name {
      organisation.attributes["name"] = name
      person.attributes["name"] = name
    }
    return ElementMap(children: ["Organisation": organisation, "Person": person])
  }

  private static let mandates = ElementMap(
    attributes: ["id": "mandate_id", "status": "status"],
    children: [
      "Principal": party("principal", name: nil),
      "Agent": party("agent", name: "agent_name"),
      "Issue": text("issue"), "ValidFrom": text("valid_from"), "ValidTo": text("valid_to"),
    ])

  private static let claims = ElementMap(
    attributes: ["id": "claim_id", "action": "action"],
    defaults: ["action": "ADD"],
    children: [
      "Claimant": ElementMap(attributes: ["yTunnus": "claimant_y_tunnus"]),
      "RegisteredBy": ElementMap(attributes: ["hetu": "registered_by"]),
      "Client": ElementMap(attributes: ["hetu": "client_hetu", "nonDisclosure": "non_disclosure"]),
      "Type": text("claim_type"), "LegalBasis": text("legal_basis"), "Benefit": text("benefit"),
      "Period": ElementMap(attributes: ["start": "period_start", "end": "period_end"]),
      "Amount": text("amount"), "Iban": text("iban"), "Reference": text("reference"),
      "DecisionDate": text("decision_date"),
    ])
}
