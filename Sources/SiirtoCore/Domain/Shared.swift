/// Value types shared by the domain rules, the store and the outputs.

/// The mandate matters Siirto knows (inputs.md, kind `mandates`).
public enum MandateMatter: String, Sendable, CaseIterable, Codable {
  case kelmuEtuustiedot = "kelmu-etuustiedot-maksuvaatimukset"
  case kelmuTMT = "kelmu-tmt-aineistot"
  case ajanvaraus = "kela-ajanvaraus"
  case huoltajuus = "huoltajuus"
}

public enum ClaimType: String, Sendable, CaseIterable, Codable {
  case TOIMEENTULOTUKI_ENNAKKO, LAITOSHOITO, PERHEHOITO
}

public enum LegalBasis: String, Sendable, CaseIterable, Codable {
  case TOIMEENTULOTUKILAKI_23, ASIAKASMAKSULAKI_14
}

public enum Benefit: String, Sendable, CaseIterable, Codable {
  case TYOMARKKINATUKI, PERUSPAIVARAHA, YLEINEN_ASUMISTUKI, ELAKKEENSAAJAN_ASUMISTUKI
  case SAIRAUSPAIVARAHA, KANSANELAKE, TAKUUELAKE, KUNTOUTUSRAHA, VANHEMPAINPAIVARAHA
  case OPINTORAHA, LAPSILISA, ELATUSTUKI
}

/// The full, valid content of an `ADD` claim.
public struct ClaimData: Sendable, Hashable, Codable {
  public var claimID: String
  public var claimant: YTunnus
  public var registeredBy: Hetu
  public var client: Hetu
  public var type: ClaimType
  public var legalBasis: LegalBasis
  public var benefit: Benefit
  public var period: DatePeriod
  public var amount: Cents
  public var iban: IBAN
  public var reference: PaymentReference?
  public var decisionDate: LocalDate
  public var nonDisclosure: Bool

  public init(
    claimID: String, claimant: YTunnus, registeredBy: Hetu, client: Hetu, type: ClaimType,
    legalBasis: LegalBasis, benefit: Benefit, period: DatePeriod, amount: Cents, iban: IBAN,
    reference: PaymentReference?, decisionDate: LocalDate, nonDisclosure: Bool
  ) {
    self.claimID = claimID
    self.claimant = claimant
    self.registeredBy = registeredBy
    self.client = client
    self.type = type
    self.legalBasis = legalBasis
    self.benefit = benefit
    self.period = period
    self.amount = amount
    self.iban = iban
    self.reference = reference
    self.decisionDate = decisionDate
    self.nonDisclosure = nonDisclosure
  }
}

/// One record of the Kela claims batch.
public enum BatchRecord: Sendable, Hashable {
  case add(ClaimData)
  case cancel(claimID: String, claimant: YTunnus)

  public var claimant: YTunnus {
    switch self {
    case .add(let data): return data.claimant
    case .cancel(_, let claimant): return claimant
    }
  }

  public var claimID: String {
    switch self {
    case .add(let data): return data.claimID
    case .cancel(let id, _): return id
    }
  }
}

/// The notification codes of outputs.md.
public enum NotificationCode: String, Sendable, CaseIterable, Codable {
  case REGISTER_ADDED, REGISTER_CHANGED, REGISTER_REMOVED, REGISTRATION_REJECTED
  case MANDATE_MISSING, MANDATE_EXPIRING, MANDATE_ENDED, CLAIMS_UNAUTHORISED, CLAIMS_FORWARDED
}

/// Something an organisation is to hear of, recorded by the run that caused it.
/// Arguments hold safe values only (codes, dates, counts, amounts, an
/// employee's name as the mandate export gave it, problem codes).
public struct NotificationEvent: Sendable, Hashable, Codable {
  /// The canonical Y-tunnus of the organisation to notify, or `_ops`.
  public var recipient: String
  public var code: NotificationCode
  /// `organisation`, `mandate`, `request`, `claim`, `employee`…
  public var refType: String?
  public var refID: String?
  public var arguments: [String: String]

  public init(
    recipient: String, code: NotificationCode, refType: String? = nil, refID: String? = nil,
    arguments: [String: String] = [:]
  ) {
    self.recipient = recipient
    self.code = code
    self.refType = refType
    self.refID = refID
    self.arguments = arguments
  }
}

/// One line of the mandate coverage table: does anybody may act for the
/// organisation in a matter its type requires.
public struct CoverageRow: Sendable, Hashable, Codable {
  public var organisation: YTunnus
  public var name: String
  public var type: OrganisationType
  public var matter: String
  /// How many distinct persons may act (directly or through one organisation).
  public var authorisedPersons: Int

  public init(
    organisation: YTunnus, name: String, type: OrganisationType, matter: String,
    authorisedPersons: Int
  ) {
    self.organisation = organisation
    self.name = name
    self.type = type
    self.matter = matter
    self.authorisedPersons = authorisedPersons
  }
}

/// Claims of one claimant in one run, for reports and `CLAIMS_FORWARDED`.
public struct ClaimantTotals: Sendable, Hashable, Codable {
  public var claimant: YTunnus
  public var added: Int
  public var cancelled: Int
  public var total: Cents

  public init(claimant: YTunnus, added: Int, cancelled: Int, total: Cents) {
    self.claimant = claimant
    self.added = added
    self.cancelled = cancelled
    self.total = total
  }

  /// The totals of a run's Kela batch, added up as its records go by: the
  /// batch comes claimant by claimant, so the run's claims are read once
  /// for the batch and its totals both.
  public struct Tally: Sendable {
    /// Per claimant, in the order the records came.
    public private(set) var totals: [ClaimantTotals] = []
    private var bySender: [SenderClaimant: ClaimantTotals] = [:]

    private struct SenderClaimant: Hashable, Sendable {
      var sender: YTunnus
      var claimant: YTunnus
    }

    public init() {}

    /// Counts `record`, sent from `sender`'s folder.
    public mutating func add(_ record: BatchRecord, sender: Sender) {
      let claimant = record.claimant
      if totals.last?.claimant != claimant {
        totals.append(ClaimantTotals(claimant: claimant, added: 0, cancelled: 0, total: .zero))
      }
      totals[totals.count - 1].count(record)
      // Ops is no organisation: it hears of nothing it forwarded.
      if case .partner(let organisation) = sender, organisation != claimant {
        let key = SenderClaimant(sender: organisation, claimant: claimant)
        bySender[
          key, default: ClaimantTotals(claimant: claimant, added: 0, cancelled: 0, total: .zero)
        ]
        .count(record)
      }
    }

    /// The organisations that sent claims of another claimant, by sender,
    /// then claimant: `CLAIMS_FORWARDED` goes to them as well.
    public var forwarded: [ForwardingSender] {
      bySender.map { ForwardingSender(sender: $0.key.sender, totals: $0.value) }.sorted {
        ($0.sender.value, $0.totals.claimant.value) < ($1.sender.value, $1.totals.claimant.value)
      }
    }
  }

  private mutating func count(_ record: BatchRecord) {
    switch record {
    case .add(let data):
      added += 1
      total = total + data.amount
    case .cancel: cancelled += 1
    }
  }
}

/// An organisation that sent claims of another claimant in a run, and what it sent.
public struct ForwardingSender: Sendable, Hashable {
  public var sender: YTunnus
  public var totals: ClaimantTotals

  public init(sender: YTunnus, totals: ClaimantTotals) {
    self.sender = sender
    self.totals = totals
  }
}
