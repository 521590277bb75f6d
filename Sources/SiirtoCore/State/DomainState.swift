/// The state the domain rules read and change: the register, registration
/// requests, mandates, person names, claims, notification events and the
/// memory of the time-driven events.
///
/// Implementations work inside the caller's transaction and never begin or
/// commit one themselves: the pipeline wraps each file in a savepoint that it
/// may roll back. Every method may throw the storage's error.
public protocol DomainState {
  // MARK: Register

  /// The organisation with its whole history of validity, or `nil` if never registered.
  func organisation(_ yTunnus: YTunnus) throws -> Organisation?
  /// Every organisation ever registered, in Y-tunnus order.
  func allOrganisations() throws -> [Organisation]
  /// Stores `organisation` with its periods, replacing what was stored.
  func save(_ organisation: Organisation) throws

  // MARK: Registration requests

  /// Whether a request with this ID was processed before.
  func isRequestProcessed(_ requestID: String) throws -> Bool
  func markRequestProcessed(_ requestID: String) throws

  // MARK: Mandates

  func mandate(id: String) throws -> Mandate?
  /// Stores `mandate`, replacing the one with the same ID.
  func save(_ mandate: Mandate) throws
  /// Stores what the time-driven events remember of a stored mandate (its
  /// `endNoticePending` and `expiryWarnedFor`), leaving the rest as it is.
  func saveNotices(of mandate: Mandate) throws
  /// Mandates granted by `principal` for `matter` that are valid on `date`.
  func mandates(principal: Party, matter: String, validOn date: LocalDate) throws -> [Mandate]
  /// The agents of the mandates ``mandates(principal:matter:validOn:)`` gives,
  /// and nothing else of them: counting who may act reads a principal's every
  /// mandate, and decoding whole rows cost most of a run with a million mandates.
  func agents(principal: Party, matter: String, validOn date: LocalDate) throws -> [Party]
  /// Mandates held by `agent` for `matter` that are valid on `date`.
  func mandates(agent: Party, matter: String, validOn date: LocalDate) throws -> [Mandate]
  /// The content digest an export ID was first seen with, or `nil`.
  func exportDigest(exportID: String) throws -> String?
  func recordExport(exportID: String, digest: String) throws
  /// The name the latest mandate export gave this person.
  func personName(_ person: Hetu) throws -> String?
  func setPersonName(_ name: String, for person: Hetu) throws

  // MARK: Claims

  /// The accepted claim `id` of `claimant`, active or cancelled.
  func claim(claimant: YTunnus, id: String) throws -> StoredClaim?
  /// Whether an active claim of any claimant for `client` and `benefit`
  /// overlaps `period`, other than claim `claimID` of `claimant` itself.
  func hasOverlappingActiveClaim(
    client: Hetu, benefit: Benefit, period: DatePeriod, other claimant: YTunnus, claimID: String
  ) throws -> Bool
  /// Stores an accepted claim and puts its `ADD` into this run's batch,
  /// remembering who sent it (for `CLAIMS_FORWARDED` to the sender).
  func insert(_ claim: ClaimData, digest: String, sender: Sender) throws
  /// Marks a claim cancelled and puts its `CANCEL` into this run's batch.
  func cancelClaim(claimant: YTunnus, id: String, sender: Sender) throws

  // MARK: Notification events and their memory

  /// Records an event of this run.
  func record(_ event: NotificationEvent) throws
  /// Mandates granted by an organisation whose effective end is before `date`
  /// and whose end has not been notified yet.
  func mandatesAwaitingEndNotice(endedBefore date: LocalDate) throws -> [Mandate]
  /// Mandates granted by an organisation whose effective end lies in `from...through`.
  func mandatesEnding(from: LocalDate, through: LocalDate) throws -> [Mandate]
  /// Organisation + matter pairs that were last seen with nobody authorised.
  func uncoveredPairs() throws -> Set<CoveragePair>
  func setUncovered(_ pair: CoveragePair, _ uncovered: Bool) throws
}

/// An organisation and a mandate matter, for the memory of `MANDATE_MISSING`.
public struct CoveragePair: Sendable, Hashable {
  public var organisation: YTunnus
  public var matter: String

  public init(organisation: YTunnus, matter: String) {
    self.organisation = organisation
    self.matter = matter
  }
}
