import SiirtoCore

/// The status a receipt gives a file (inputs.md, "Status and place").
public enum ReceiptStatus: String, Sendable, Codable, CaseIterable {
  case ACCEPTED, PARTIALLY_ACCEPTED, REJECTED, DUPLICATE
}

/// The counts of a receipt (inputs.md, "Counts in a receipt").
public struct ReceiptCounts: Sendable, Hashable, Codable {
  public var records: Int
  public var accepted: Int
  public var rejected: Int
  public var ignored: Int
  public var warnings: Int

  public init(records: Int, accepted: Int, rejected: Int, ignored: Int, warnings: Int) {
    self.records = records
    self.accepted = accepted
    self.rejected = rejected
    self.ignored = ignored
    self.warnings = warnings
  }

  public static let zero = ReceiptCounts(
    records: 0, accepted: 0, rejected: 0, ignored: 0, warnings: 0)
}

/// Where the content of a `DUPLICATE` was handled before.
public struct ReceiptDuplicate: Sendable, Hashable, Codable {
  public var runID: String
  /// The receipt's file name, e.g. `receipt-20261121-020000-3.xml`.
  public var receipt: String

  public init(runID: String, receipt: String) {
    self.runID = runID
    self.receipt = receipt
  }
}

/// Everything one receipt says about one input file.
public struct ReceiptDocument: Sendable, Hashable {
  /// How many problems a receipt lists; the rest are counted (and are all in
  /// the run's `problems.csv`).
  public static let problemLimit = 1_000

  public var runID: String
  public var createdAt: Timestamp
  /// The file's name as dropped, without folder, as the file system's bytes.
  public var fileName: [UInt8]
  public var bytes: Int64
  public var receivedAt: Timestamp
  /// `nil` only for a file that was not read at all.
  public var sha256: String?
  /// `nil` when the kind was not recognised, and for a `DUPLICATE`.
  public var kind: InputKind?
  public var format: InputFormat?
  public var status: ReceiptStatus
  public var counts: ReceiptCounts
  /// For a `DUPLICATE`: the run and the receipt file that handled the content.
  public var duplicateOf: ReceiptDuplicate?
  /// The first ``problemLimit`` problems, in file order.
  public private(set) var problems: [Problem]
  /// How many problems there were past the listed ones.
  public private(set) var moreProblems: Int

  /// `problems` in file order; past ``problemLimit`` only the count is kept.
  /// `moreProblems` adds problems the caller already left out (a reader that
  /// streams keeps only the first thousand and counts the rest).
  public init(
    runID: String, createdAt: Timestamp, fileName: [UInt8], bytes: Int64, receivedAt: Timestamp,
    sha256: String?, kind: InputKind?, format: InputFormat?, status: ReceiptStatus,
    counts: ReceiptCounts, duplicateOf: ReceiptDuplicate? = nil,
    problems: [Problem], moreProblems: Int = 0
  ) {
    self.runID = runID
    self.createdAt = createdAt
    self.fileName = fileName
    self.bytes = bytes
    self.receivedAt = receivedAt
    self.sha256 = sha256
    self.kind = kind
    self.format = format
    self.status = status
    self.counts = counts
    self.duplicateOf = duplicateOf
    self.problems = Array(problems.prefix(Self.problemLimit))
    self.moreProblems = moreProblems + max(0, problems.count - Self.problemLimit)
  }
}

/// Writes `urn:siirto:receipt:1` documents.
public enum ReceiptWriter {
  public static let namespace = OutboundSchema.receipt.namespace

  /// The receipt's bytes. Every text passes the privacy filter; the file
  /// name is masked, then escaped (outputs.md).
  public static func render(_ receipt: ReceiptDocument) throws -> [UInt8] {
    let w = try XMLWriter()
    try w.startDocument()
    try w.startElement("Receipt", namespace: namespace)
    try w.attribute("runId", receipt.runID)
    try w.attribute("createdAt", receipt.createdAt.iso)

    try w.startElement("File")
    try w.attribute("name", FileNameEscaping.escape(receipt.fileName))
    try w.attribute("bytes", String(receipt.bytes))
    try w.attribute("receivedAt", receipt.receivedAt.iso)
    try w.attribute("sha256", receipt.sha256)
    if receipt.status != .DUPLICATE {
      try w.attribute("kind", receipt.kind?.rawValue)
      try w.attribute("format", receipt.format?.rawValue)
    }
    try w.endElement()

    try w.element("Status", text: receipt.status.rawValue)
    if let original = receipt.duplicateOf {
      try w.startElement("DuplicateOf")
      try w.attribute("runId", PrivacyFilter.redact(original.runID))
      try w.attribute("receipt", PrivacyFilter.redact(original.receipt))
      try w.endElement()
    }

    let c = receipt.status == .DUPLICATE ? ReceiptCounts.zero : receipt.counts
    try w.startElement("Counts")
    try w.attribute("records", String(c.records))
    try w.attribute("accepted", String(c.accepted))
    try w.attribute("rejected", String(c.rejected))
    try w.attribute("ignored", String(c.ignored))
    try w.attribute("warnings", String(c.warnings))
    try w.endElement()

    for problem in receipt.problems { try writeProblem(problem, to: w) }
    if receipt.moreProblems > 0 {
      try w.startElement("MoreProblems")
      try w.attribute("count", String(receipt.moreProblems))
      try w.endElement()
    }
    try w.endElement()
    try w.endDocument()
    return w.bytes()
  }

  static func writeProblem(_ problem: Problem, to w: XMLWriter) throws {
    let at = problem.location
    try w.startElement("Problem")
    try w.attribute("severity", problem.severity.rawValue)
    try w.attribute("code", problem.code.rawValue)
    try w.attribute("line", at.line.map(String.init))
    try w.attribute("column", at.column.map(String.init))
    try w.attribute("record", at.record.map(String.init))
    try w.attribute("field", at.field.map(PrivacyFilter.redact))
    try w.attribute("recordId", at.recordID.map(PrivacyFilter.redact))
    try w.attribute("path", at.path.map(PrivacyFilter.redact))
    for language in Language.allCases {
      try w.startElement("Message")
      try w.attribute("lang", language.rawValue)
      try w.text(PrivacyFilter.redact(Messages.render(problem, in: language)))
      try w.endElement()
    }
    try w.endElement()
  }
}
