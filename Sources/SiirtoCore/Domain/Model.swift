import Crypto

/// The stored forms of register entries, mandates and claims.

/// One period of validity of a registration; both ends included, `end == nil` open.
public struct RegistrationPeriod: Sendable, Hashable, Codable {
  public var start: LocalDate
  public var end: LocalDate?
  /// Ended by a removal (missing from a snapshot, or a `REMOVE` request), so
  /// that the organisation appearing again starts a new period.
  public var removed: Bool

  public init(start: LocalDate, end: LocalDate?, removed: Bool = false) {
    self.start = start
    self.end = end
    self.removed = removed
  }

  public var period: DatePeriod { DatePeriod(start: start, end: end) }
}

/// A type an organisation held before its current one, through `until` (included).
public struct EarlierType: Sendable, Hashable, Codable {
  public var until: LocalDate
  public var type: OrganisationType

  public init(until: LocalDate, type: OrganisationType) {
    self.until = until
    self.type = type
  }
}

/// An organisation of the partner register with its history of validity and of type.
public struct Organisation: Sendable, Hashable, Codable {
  public var yTunnus: YTunnus
  public var name: String
  public var nameSv: String?
  /// The current type; ``type(on:)`` answers for past dates.
  public private(set) var type: OrganisationType
  public var municipalityCode: MunicipalityCode?
  /// Oldest first; they do not overlap.
  public var periods: [RegistrationPeriod]
  /// The types held before `type`, oldest first, so that a claim decided
  /// while a `MUU` organisation was not yet a municipality is judged by then.
  public private(set) var earlierTypes: [EarlierType]

  public init(
    yTunnus: YTunnus, name: String, nameSv: String? = nil, type: OrganisationType,
    municipalityCode: MunicipalityCode? = nil, periods: [RegistrationPeriod],
    earlierTypes: [EarlierType] = []
  ) {
    self.yTunnus = yTunnus
    self.name = name
    self.nameSv = nameSv
    self.type = type
    self.municipalityCode = municipalityCode
    self.periods = periods
    self.earlierTypes = earlierTypes
  }

  /// The type the organisation had on `date`.
  public func type(on date: LocalDate) -> OrganisationType {
    earlierTypes.first { $0.until >= date }?.type ?? type
  }

  /// Gives the organisation `newType` from `date` on; what it was before stays history.
  public mutating func changeType(to newType: OrganisationType, asOf date: LocalDate) {
    guard newType != type else { return }
    let dayBefore = date.adding(days: -1)
    // A change dated on or before an earlier one replaces it: the type held
    // before `date` is the oldest of those it supersedes.
    let before = earlierTypes.first { $0.until >= dayBefore }?.type ?? type
    earlierTypes.removeAll { $0.until >= dayBefore }
    if before != newType { earlierTypes.append(EarlierType(until: dayBefore, type: before)) }
    type = newType
  }

  /// Whether the organisation is registered on `date` (any period holds it).
  public func isActive(on date: LocalDate) -> Bool {
    periods.contains { $0.period.contains(date) }
  }

  /// Ends the current registration as of `date` (valid through the day
  /// before), as a removal: appearing again starts a new period.
  public mutating func remove(asOf date: LocalDate) {
    guard !periods.isEmpty else { return }
    periods[periods.count - 1].end = date.adding(days: -1)
    periods[periods.count - 1].removed = true
  }

  /// Whether the latest period is still running on `date` or starts later,
  /// and was not ended by a removal: what a snapshot or request may end.
  public func isCurrent(on date: LocalDate) -> Bool {
    guard let last = periods.last, !last.removed else { return false }
    return last.end.map { $0 >= date } ?? true
  }
}

/// The two kinds of party a mandate names.
public enum PartyType: String, Sendable, Hashable, Codable, CaseIterable {
  case ORG, PERSON
}

/// A principal or agent: its type and canonical identifier (Y-tunnus or henkilötunnus).
public struct Party: Sendable, Hashable, Codable {
  public var type: PartyType
  /// Personal data when `type == .PERSON`: never written outside the database.
  public var id: String

  public init(type: PartyType, id: String) {
    self.type = type
    self.id = id
  }

  public static func organisation(_ y: YTunnus) -> Party { Party(type: .ORG, id: y.value) }
  public static func person(_ h: Hetu) -> Party { Party(type: .PERSON, id: h.value) }

  /// The organisation's Y-tunnus, when the party is one.
  public var yTunnus: YTunnus? { type == .ORG ? YTunnus(id) : nil }
}

/// `ACTIVE` or `REVOKED`, as the export said.
public enum MandateStatus: String, Sendable, Hashable, Codable, CaseIterable {
  case ACTIVE, REVOKED
}

/// A stored mandate. `effectiveEnd` is the last valid day the rules use: the
/// export's `valid_to`, cut at the day before a child's 18th birthday for
/// `huoltajuus` and at the day before the export date for a revocation.
public struct Mandate: Sendable, Hashable, Codable {
  public var id: String
  public var status: MandateStatus
  public var principal: Party
  public var agent: Party
  public var agentName: String?
  public var matter: String
  public var validFrom: LocalDate
  public var effectiveEnd: LocalDate?
  /// The end still has to be told to the principal (`MANDATE_ENDED`).
  public var endNoticePending: Bool
  /// The last valid day `MANDATE_EXPIRING` was sent for.
  public var expiryWarnedFor: LocalDate?

  public init(
    id: String, status: MandateStatus, principal: Party, agent: Party, agentName: String?,
    matter: String, validFrom: LocalDate, effectiveEnd: LocalDate?,
    endNoticePending: Bool = false, expiryWarnedFor: LocalDate? = nil
  ) {
    self.id = id
    self.status = status
    self.principal = principal
    self.agent = agent
    self.agentName = agentName
    self.matter = matter
    self.validFrom = validFrom
    self.effectiveEnd = effectiveEnd
    self.endNoticePending = endNoticePending
    self.expiryWarnedFor = expiryWarnedFor
  }

  public var period: DatePeriod { DatePeriod(start: validFrom, end: effectiveEnd) }

  public func isValid(on date: LocalDate) -> Bool { period.contains(date) }
}

/// What the rules need to know of an accepted claim.
public struct StoredClaim: Sendable, Hashable {
  public var digest: String
  public var active: Bool

  public init(digest: String, active: Bool) {
    self.digest = digest
    self.active = active
  }
}

extension ClaimData {
  /// SHA-256 (hex) over the canonical content: two claims are identical when
  /// their canonical data is, however the file wrote it (`450,00` or `450.00`).
  public var contentDigest: String {
    // Hashed for every claim of a night: the fields go straight into one
    // byte buffer, joined by the unit separator, and the hex straight into
    // the string (not through an array of its own).
    var bytes: [UInt8] = []
    bytes.reserveCapacity(192)
    var first = true
    func add(_ part: String) {
      if !first { bytes.append(0x1F) }
      first = false
      var part = part
      part.withUTF8 { bytes.append(contentsOf: $0) }
    }
    add(claimID)
    add(claimant.value)
    add(registeredBy.value)
    add(client.value)
    add(type.rawValue)
    add(legalBasis.rawValue)
    add(benefit.rawValue)
    add(period.start.iso)
    add(period.end?.iso ?? "")
    add(String(amount.value))
    add(iban.value)
    add(reference?.value ?? "")
    add(decisionDate.iso)
    add(nonDisclosure ? "1" : "0")
    let digest = SHA256.hash(data: bytes)
    return String(unsafeUninitializedCapacity: 64) { out in
      for (i, byte) in digest.enumerated() {
        out[2 * i] = Self.hexDigits[Int(byte >> 4)]
        out[2 * i + 1] = Self.hexDigits[Int(byte & 0x0F)]
      }
      return 64
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)
}
