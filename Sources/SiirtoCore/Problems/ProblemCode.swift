/// The stable problem codes of `spec/problem-codes.md`. Partners' systems match
/// on the raw values: a code may be added, never renamed or given a new meaning.
public enum ProblemCode: String, Sendable, CaseIterable, Codable, Comparable {
  // File level
  case FILE_EMPTY, FILE_TOO_LARGE, FILE_NOT_REGULAR, FILE_UNKNOWN_KIND, FILE_ENCODING
  case FILE_ENCODING_WINDOWS_1252, FILE_SENDER_UNKNOWN, FILE_KIND_NOT_ALLOWED
  case FILE_TOO_MANY_ERRORS, FILE_DUPLICATE, EXPORT_ID_REUSED, REGISTER_MASS_REMOVAL
  // Syntax
  case XML_MALFORMED, XML_DTD_FORBIDDEN, XML_SCHEMA, CSV_MALFORMED, CSV_HEADER
  case CSV_FIELD_COUNT, CSV_BLANK_ROW
  // Fields
  case REQUIRED, TYPE, ENUM, LENGTH, FIELD_TOO_LONG, RANGE, YTUNNUS_INVALID
  case YTUNNUS_SIX_DIGIT, HETU_INVALID, HETU_TEMPORARY, IBAN_INVALID, IBAN_NOT_FINNISH
  case REFERENCE_INVALID, DATE_FINNISH_FORMAT, PERIOD_ORDER
  // Records
  case DUPLICATE_IN_FILE, REGISTER_CODE_DUPLICATE, REGISTER_MUNICIPALITY_CODE
  case REGISTRATION_INCOMPLETE, REGISTRATION_ALREADY_REGISTERED, REGISTRATION_PROTECTED_TYPE
  case REGISTRATION_NOT_REGISTERED, REQUEST_ALREADY_PROCESSED, MANDATE_ISSUE_IGNORED
  case MANDATE_PARTY_TYPE, MANDATE_GUARDIAN_NOT_MINOR, MANDATE_PRINCIPAL_UNREGISTERED
  case MANDATE_ID_CONFLICT, CLAIM_LEGAL_BASIS_MISMATCH, CLAIM_PERIOD_TOO_LONG
  case CLAIM_DECISION_IN_FUTURE, CLAIM_CLAIMANT_UNKNOWN, CLAIM_CLAIMANT_TYPE
  case CLAIM_SENDER_NOT_AUTHORISED, CLAIM_NO_MANDATE, CLAIM_SELF, CLAIM_ALREADY_ACCEPTED
  case CLAIM_ID_CONFLICT, CLAIM_PERIOD_OVERLAP, CLAIM_LATE, CLAIM_CANCEL_UNKNOWN
  case CLAIM_ALREADY_CANCELLED

  /// The severity the spec gives the code.
  public var severity: Severity {
    switch self {
    case .FILE_ENCODING_WINDOWS_1252, .CSV_BLANK_ROW, .YTUNNUS_SIX_DIGIT, .HETU_TEMPORARY,
      .DATE_FINNISH_FORMAT, .MANDATE_PRINCIPAL_UNREGISTERED, .CLAIM_LATE:
      return .warning
    case .FILE_DUPLICATE, .REGISTRATION_ALREADY_REGISTERED, .REQUEST_ALREADY_PROCESSED,
      .MANDATE_ISSUE_IGNORED, .CLAIM_ALREADY_ACCEPTED:
      return .info
    default:
      return .error
    }
  }

  /// Info codes that make a record "ignored": it changed nothing, and was not rejected.
  public var ignoresRecord: Bool {
    switch self {
    case .MANDATE_ISSUE_IGNORED, .CLAIM_ALREADY_ACCEPTED, .REGISTRATION_ALREADY_REGISTERED,
      .REQUEST_ALREADY_PROCESSED:
      return true
    default:
      return false
    }
  }

  public static func < (lhs: ProblemCode, rhs: ProblemCode) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

/// How much a problem weighs: `error` rejects the record (or the file, for
/// file-level codes and whole-file kinds); `warning` and `info` do not.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
  case error, warning, info

  private var rank: Int {
    switch self {
    case .error: return 0
    case .warning: return 1
    case .info: return 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
