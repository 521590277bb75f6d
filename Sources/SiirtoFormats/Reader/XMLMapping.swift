import SiirtoCore

/// How an element of a record maps onto the CSV column names of its kind, so
/// that both forms go through the same rules. A class: the reader keeps one
/// per open element, and copying four dictionaries per element showed.
final class ElementMap: Sendable {
  /// The column that takes the element's text.
  let text: String?
  /// Attribute local name → column.
  let attributes: [String: String]
  /// Column → value, set when the element occurs (the party type of a principal).
  let constants: [String: String]
  /// Column → value when the record has none (an omitted `action` is `ADD`).
  let defaults: [String: String]
  /// Child elements by local name.
  let children: [String: ElementMap]

  init(
    text: String? = nil, attributes: [String: String] = [:], constants: [String: String] = [:],
    defaults: [String: String] = [:], children: [String: ElementMap] = [:]
  ) {
    self.text = text
    self.attributes = attributes
    self.constants = constants
    self.defaults = defaults
    self.children = children
    self.childList = children.map { ($0.key, $0.value) }
    self.attributeList = attributes.map { ($0.key, $0.value) }
  }

  // The same as lists: an element has a handful of children and attributes,
  // and comparing a few short names is cheaper than hashing one (looked up
  // for every element and attribute of a file).
  private let childList: [(name: String, map: ElementMap)]
  private let attributeList: [(name: String, column: String)]

  /// The map of the child element `name`, if the element maps it.
  func child(_ name: String) -> ElementMap? {
    for entry in childList where entry.name == name { return entry.map }
    return nil
  }

  /// The column the attribute `name` fills, if any.
  func column(ofAttribute name: String) -> String? {
    for entry in attributeList where entry.name == name { return entry.column }
    return nil
  }

  /// Every column this element and its descendants fill, sorted, once each.
  var columns: [String] {
    var all = Set(attributes.values).union(constants.keys).union(defaults.keys)
    if let text { all.insert(text) }
    for child in children.values { all.formUnion(child.columns) }
    return all.sorted()
  }

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
    let named = name.map { ["name": $0] } ?? [:]
    let organisation = ElementMap(
      attributes: named.merging(["yTunnus": "\(prefix)_id"]) { $1 },
      constants: ["\(prefix)_type": "ORG"])
    let person = ElementMap(
      attributes: named.merging(["hetu": "\(prefix)_id"]) { $1 },
      constants: ["\(prefix)_type": "PERSON"])
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
