import Foundation
import SiirtoCore

/// The control totals of a written batch.
public struct ClaimBatchSummary: Sendable, Hashable {
  public var addCount: Int
  public var cancelCount: Int
  /// The sum of the `ADD` amounts.
  public var totalAmount: Cents
  /// The SHA-256 of the written file, as in the sidecar.
  public var sha256: String
  /// The size of the written file (0 for a batch written into memory).
  public var bytes: Int64 = 0
}

/// Why a batch was not written.
public enum ClaimBatchError: Error, Sendable, Equatable {
  /// Records must come in the stable order (claimant, claim ID), each once.
  case outOfOrder(claimID: String)
  /// The stream was finished: nothing more can be written to it.
  case finished
}

/// Writes `urn:siirto:kela-claims:1`, the one output that carries full
/// henkilötunnukset (Kela is entitled to them), so it never passes the
/// privacy filter.
public enum ClaimBatchWriter {
  public static let namespace = OutboundSchema.kelaClaims.namespace

  /// `records` in the batch's stable order.
  public static func sorted(_ records: [BatchRecord]) -> [BatchRecord] {
    records.sorted { ($0.claimant.value, $0.claimID) < ($1.claimant.value, $1.claimID) }
  }

  /// Streams the batch into the file at `path` and writes the `sha256sum`
  /// sidecar beside it (`path` + `.sha256`). `records` must already be in
  /// order (claimant, claim ID): they are written as they come, so a batch
  /// of any size takes bounded memory.
  @discardableResult
  public static func write(
    batchID: String, createdAt: Timestamp, records: some Sequence<BatchRecord>, to path: String
  ) throws -> ClaimBatchSummary {
    let stream = try ClaimBatchStream(batchID: batchID, createdAt: createdAt, path: path)
    for record in records { try stream.append(record) }
    return try stream.finish()
  }

  /// The batch in memory, for tests and small runs. `summary.sha256` is the
  /// hash of the returned bytes.
  public static func render(
    batchID: String, createdAt: Timestamp, records: some Sequence<BatchRecord>
  ) throws -> (bytes: [UInt8], summary: ClaimBatchSummary) {
    let stream = try ClaimBatchStream(batchID: batchID, createdAt: createdAt, path: nil)
    for record in records { try stream.append(record) }
    var summary = try stream.finish()
    let bytes = stream.writer?.bytes() ?? []
    summary.sha256 = FileDigest.sha256(bytes)
    return (bytes, summary)
  }
}

/// A batch written record by record, for callers that read the records from
/// a cursor: start, ``append(_:)`` in (claimant, claim ID) order, ``finish()``.
public final class ClaimBatchStream {
  private(set) var writer: XMLWriter?
  private let path: String?
  private let file: HashingFileOutput?
  private var summary = ClaimBatchSummary(
    addCount: 0, cancelCount: 0, totalAmount: .zero, sha256: "")
  private var last: (String, String)?

  /// Writes to the file at `path` (with its sidecar at `finish()`), or to
  /// memory. `copy` gets every block of the file as it is written, for a
  /// reader that checks the batch meanwhile; a `false` from it fails the write.
  /// The file is written, hashed and copied on a thread of its own.
  public init(
    batchID: String, createdAt: Timestamp, path: String?,
    copy: ((UnsafeRawBufferPointer) -> Bool)? = nil
  ) throws {
    self.path = path
    let file = try path.map { try HashingFileOutput(path: $0, copy: copy, ownThread: true) }
    self.file = file
    let w = try file.map { file in try XMLWriter(output: { file.write($0) }) } ?? XMLWriter()
    writer = w
    try w.startDocument()
    try w.startElement("ClaimBatch", namespace: ClaimBatchWriter.namespace)
    try w.attribute("batchId", batchID)
    try w.attribute("createdAt", createdAt.iso)
  }

  /// One record; an `ADD` and a `CANCEL` of the same claim may follow each other.
  public func append(_ record: BatchRecord) throws {
    guard let w = writer else { throw ClaimBatchError.finished }
    let key = (record.claimant.value, record.claimID)
    if let last, key < last { throw ClaimBatchError.outOfOrder(claimID: record.claimID) }
    last = key
    try writing { try w.quietly { try Self.write(record, to: w, summary: &summary) } }
  }

  private static func write(
    _ record: BatchRecord, to w: XMLWriter, summary: inout ClaimBatchSummary
  ) throws {
    try w.startElement("Claim")
    switch record {
    case .add(let c):
      try w.attribute("action", "ADD")
      try w.attribute("id", c.claimID)
      try w.attribute("claimant", c.claimant.value)
      try w.attribute("registeredBy", c.registeredBy.value)
      try w.attribute("client", c.client.value)
      try w.attribute("type", c.type.rawValue)
      try w.attribute("legalBasis", c.legalBasis.rawValue)
      try w.attribute("benefit", c.benefit.rawValue)
      try w.attribute("periodStart", c.period.start.iso)
      try w.attribute("periodEnd", c.period.end?.iso)
      try w.attribute("amount", c.amount.description)
      try w.attribute("iban", c.iban.value)
      try w.attribute("reference", c.reference?.value)
      try w.attribute("decisionDate", c.decisionDate.iso)
      if c.nonDisclosure { try w.attribute("nonDisclosure", "true") }
      summary.addCount += 1
      summary.totalAmount = summary.totalAmount + c.amount
    case .cancel(let id, let claimant):
      try w.attribute("action", "CANCEL")
      try w.attribute("id", id)
      try w.attribute("claimant", claimant.value)
      summary.cancelCount += 1
    }
    try w.endElement()
  }

  /// Writes the control totals and closes the document; for a file, also the
  /// sidecar with its SHA-256.
  public func finish() throws -> ClaimBatchSummary {
    guard let w = writer else { throw ClaimBatchError.finished }
    try writing {
      try w.startElement("Control")
      try w.attribute("addCount", String(summary.addCount))
      try w.attribute("cancelCount", String(summary.cancelCount))
      try w.attribute("totalAmount", summary.totalAmount.description)
      try w.endElement()
      try w.endElement()
      try w.endDocument()
    }
    guard let path, let file else { return summary }
    // Freeing the writer flushes its last block into the file.
    writer = nil
    summary.sha256 = try file.close()
    summary.bytes = file.bytes
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let line = FileDigest.sidecarLine(sha256: summary.sha256, fileName: name)
    try Array(line.utf8).write(toFile: path + ".sha256")
    return summary
  }
}

extension ClaimBatchStream {
  /// Runs writer calls; when one fails because the file could not be
  /// written (a full disk), throws that instead of the writer's own error.
  fileprivate func writing(_ body: () throws -> Void) throws {
    do { try body() } catch let error as XMLWriterError {
      if let failure = file?.failure { throw failure }
      throw error
    }
  }
}

extension Array where Element == UInt8 {
  /// Writes the bytes to `path`, replacing what is there.
  func write(toFile path: String) throws {
    try Data(self).write(to: URL(fileURLWithPath: path))
  }
}
