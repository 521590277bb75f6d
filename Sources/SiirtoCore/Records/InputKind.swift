/// The four kinds of input file (inputs.md).
public enum InputKind: String, Sendable, CaseIterable, Codable, Comparable {
  case register, registration, mandates, claims

  /// Kinds are processed in this order within a run, so that the night's
  /// reference data is in place before the claims that depend on it.
  public var processingOrder: Int {
    switch self {
    case .register: return 0
    case .registration: return 1
    case .mandates: return 2
    case .claims: return 3
    }
  }

  /// The XML namespace URI of the kind's root element.
  public var namespace: String { "urn:siirto:\(rawValue):1" }

  /// The XML root element's local name.
  public var rootElement: String {
    switch self {
    case .register: return "Register"
    case .registration: return "RegistrationRequests"
    case .mandates: return "MandateExport"
    case .claims: return "PaymentClaims"
    }
  }

  /// The local name of the record elements under the root.
  public var recordElement: String {
    switch self {
    case .register: return "Organisation"
    case .registration: return "Request"
    case .mandates: return "Mandate"
    case .claims: return "Claim"
    }
  }

  /// Only claims may come from a partner folder; the rest are ops' national data.
  public var opsOnly: Bool { self != .claims }

  /// Whether one error rejects the whole file (the register snapshot).
  public var wholeFile: Bool { self == .register }

  /// The file name of the kind's XSD in `schemas/`.
  public var xsdName: String { "\(rawValue).xsd" }

  /// The file name of the kind's Frictionless Table Schema in `schemas/`.
  public var tableSchemaName: String { "\(rawValue).tableschema.json" }

  public init?(namespace: String) {
    guard let kind = InputKind.allCases.first(where: { $0.namespace == namespace }) else {
      return nil
    }
    self = kind
  }

  public static func < (lhs: InputKind, rhs: InputKind) -> Bool {
    lhs.processingOrder < rhs.processingOrder
  }
}

/// The two forms every kind comes in.
public enum InputFormat: String, Sendable, Codable {
  case csv, xml
}
