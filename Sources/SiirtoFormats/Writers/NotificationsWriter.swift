import SiirtoCore

/// One notification with its messages already rendered (the catalog lives
/// with the reports, see `NotificationMessages` in SiirtoReports).
public struct NotificationEntry: Sendable, Hashable {
  public var code: NotificationCode
  public var refType: String?
  public var refID: String?
  /// The message in each language, in ``Language`` order when written.
  public var messages: [Language: String]

  public init(
    code: NotificationCode, refType: String?, refID: String?, messages: [Language: String]
  ) {
    self.code = code
    self.refType = refType
    self.refID = refID
    self.messages = messages
  }
}

/// One organisation's notifications of one run.
public struct NotificationsDocument: Sendable, Hashable {
  /// The canonical Y-tunnus of the recipient.
  public var recipient: String
  public var runID: String
  public var createdAt: Timestamp
  public var entries: [NotificationEntry]

  public init(recipient: String, runID: String, createdAt: Timestamp, entries: [NotificationEntry])
  {
    self.recipient = recipient
    self.runID = runID
    self.createdAt = createdAt
    self.entries = entries
  }
}

/// Writes `urn:siirto:notification:1` documents.
public enum NotificationsWriter {
  public static let namespace = OutboundSchema.notification.namespace

  /// The document's bytes; every text passes the privacy filter.
  public static func render(_ document: NotificationsDocument) throws -> [UInt8] {
    let w = try XMLWriter()
    try w.startDocument()
    try w.startElement("Notifications", namespace: namespace)
    try w.attribute("recipient", document.recipient)
    try w.attribute("runId", document.runID)
    try w.attribute("createdAt", document.createdAt.iso)
    for entry in document.entries {
      try w.startElement("Notification")
      try w.attribute("code", entry.code.rawValue)
      try w.attribute("refType", entry.refType.map(PrivacyFilter.redact))
      try w.attribute("refId", entry.refID.map(PrivacyFilter.redact))
      for language in Language.allCases {
        guard let message = entry.messages[language] else { continue }
        try w.startElement("Message")
        try w.attribute("lang", language.rawValue)
        try w.text(PrivacyFilter.redact(message))
        try w.endElement()
      }
      try w.endElement()
    }
    try w.endElement()
    try w.endDocument()
    return w.bytes()
  }
}
