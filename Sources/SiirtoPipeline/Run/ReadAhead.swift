import Foundation
import SiirtoCore
import SiirtoFormats

/// Reads a file on a thread of its own, a few thousand records ahead of the
/// caller, and runs its kind's checks that need no state there: a run has
/// two cores, and for a million claims one parses and checks while the other
/// asks and writes the database. The caller sees the reader's events in file
/// order, as ``InputReader/read(path:onEvent:)`` gives them.
enum ReadAhead {
  /// A reader's event, its record prepared.
  enum Event: Sendable {
    case header(FileHeader)
    case record(PreparedRecord)
    case problem(Problem)
  }

  /// Records handed over at a time, and batches waiting: enough to keep both
  /// threads busy. Each record in flight holds a few kilobytes; for a million
  /// claims, 2 × 256 ran as fast as 4 × 512 with 20 MB less at the peak.
  static let batchSize = 256
  static let batchesAhead = 2

  /// Streams `path` as ``InputReader`` does; `preparer` makes the preparer for
  /// the header the file turns out to have. An error `onEvent` throws stops the
  /// reading; the reader's own error comes after the events before it.
  static func read(
    path: String, preparer: @escaping @Sendable (FileHeader) -> any RecordPreparer,
    onEvent: (Event) throws -> Void
  ) throws -> ReadSummary {
    let channel = Channel()
    let reader = BackgroundWork<ReadSummary> {
      defer { channel.close() }
      var batch: [Event] = []
      batch.reserveCapacity(batchSize)
      var prepare: any RecordPreparer = UnpreparedRecords()
      let summary = try InputReader.read(path: path) { event in
        switch event {
        case .header(let header):
          prepare = preparer(header)
          batch.append(.header(header))
        case .record(let record): batch.append(.record(prepare.prepare(record)))
        case .problem(let problem): batch.append(.problem(problem))
        }
        if batch.count >= batchSize {
          try channel.put(batch)
          batch.removeAll(keepingCapacity: true)
        }
      }
      if !batch.isEmpty { try channel.put(batch) }
      return summary
    }
    do {
      while let batch = channel.take() {
        for event in batch { try onEvent(event) }
        channel.giveBack(batch)
      }
    } catch {
      channel.cancel()
      reader.finish()
      throw error
    }
    return try reader.wait()
  }

  /// The batches between the reader's thread and the caller's.
  private final class Channel: @unchecked Sendable {
    // Every field is guarded by `condition`.
    private let condition = NSCondition()
    private var batches: [[Event]] = []
    /// Batches the caller is done with, for the reader to free: memory freed
    /// on the thread that did not allocate it made the two threads contend
    /// for malloc's lock (a third more CPU time for a million claims).
    private var spent: [[Event]] = []
    private var closed = false
    private var cancelled = false

    struct Cancelled: Error {}

    /// Waits for room; throws once the caller stopped taking.
    func put(_ batch: [Event]) throws {
      condition.lock()
      while batches.count >= ReadAhead.batchesAhead, !cancelled { condition.wait() }
      if cancelled {
        condition.unlock()
        throw Cancelled()
      }
      batches.append(batch)
      let done = spent
      spent.removeAll()
      condition.broadcast()
      condition.unlock()
      // The last references to the caller's spent batches end here, on this thread.
      withExtendedLifetime(done) {}
    }

    /// A batch the caller has handled, to be freed by the reader.
    func giveBack(_ batch: [Event]) {
      condition.lock()
      spent.append(batch)
      condition.unlock()
    }

    /// The next batch, or `nil` once the reader closed and all were taken.
    func take() -> [Event]? {
      condition.lock()
      defer { condition.unlock() }
      while batches.isEmpty, !closed { condition.wait() }
      if batches.isEmpty { return nil }
      let batch = batches.removeFirst()
      condition.broadcast()
      return batch
    }

    /// The reader is done: no more batches come.
    func close() {
      condition.lock()
      closed = true
      condition.broadcast()
      condition.unlock()
    }

    /// The caller stops: a waiting or later `put` throws.
    func cancel() {
      condition.lock()
      cancelled = true
      condition.broadcast()
      condition.unlock()
    }
  }
}
