import Foundation
import SiirtoCore
import SiirtoFormats
import SiirtoReports

/// `problems.csv`, written on a thread of its own while the run reads its
/// files: each file's spool hands over every block it flushes, and the lines
/// are made from it meanwhile. Made after the last file instead, two million
/// lines took seconds beside the Kela batch and its check, three threads on
/// two cores; while a file is read the reader's core has room.
///
/// Files hand their blocks over one file after another, so the lines come in
/// the run's order: by file, then as each file's problems were found. The
/// run must ``finish()`` or ``cancel()`` the stream on every way out, so
/// that nothing writes after the run has moved on.
final class ProblemsCSVStream: @unchecked Sendable {
  /// Blocks handed over but not yet made into lines, at most: the memory
  /// stays bounded when the lines fall behind.
  static let blocksAhead = 16

  /// Spool bytes of one file (whole problems, ``SpoolCoding``).
  private struct Block {
    var seq: Int
    var name: [UInt8]
    var bytes: [UInt8]
  }

  // Every field below is guarded by `condition`.
  private let condition = NSCondition()
  private var blocks: [Block] = []
  private var closed = false
  private var cancelled = false
  /// Why the writing thread stopped early; a later hand-over throws it.
  private var failure: (any Error)?

  private var worker: BackgroundWork<WrittenFile>?

  /// Creates the staged file at `path` exclusively, as every staged file
  /// is, and starts the writing thread.
  init(runID: String, path: BytePath) throws {
    try Posix.writeNew(path, [])
    worker = BackgroundWork { [self] in
      do {
        return try write(runID: runID, to: path)
      } catch {
        condition.lock()
        failure = error
        condition.broadcast()
        condition.unlock()
        throw error
      }
    }
  }

  /// Hands over one flushed block of file `seq`'s spool; waits while too
  /// many are in flight. Throws once the writing has failed.
  func append(seq: Int, name: [UInt8], bytes: [UInt8]) throws {
    condition.lock()
    defer { condition.unlock() }
    while blocks.count >= Self.blocksAhead, failure == nil, !cancelled { condition.wait() }
    if let failure { throw failure }
    blocks.append(Block(seq: seq, name: name, bytes: bytes))
    condition.broadcast()
  }

  /// No more blocks come: waits for the last lines, durable on the disk,
  /// and returns the file's digest and size.
  func finish() throws -> WrittenFile {
    close(cancelling: false)
    return try worker!.wait()
  }

  /// Stops at once, for a run that is failing: the file is left unfinished
  /// in the staging folder, which the run discards. Harmless after
  /// ``finish()``.
  func cancel() {
    close(cancelling: true)
    worker!.finish()
  }

  private func close(cancelling: Bool) {
    condition.lock()
    closed = true
    if cancelling { cancelled = true }
    condition.broadcast()
    condition.unlock()
  }

  /// The next block; `nil` once closed and all were taken, or cancelled.
  private func next() -> Block? {
    condition.lock()
    defer { condition.unlock() }
    while blocks.isEmpty, !closed { condition.wait() }
    if cancelled || blocks.isEmpty { return nil }
    condition.broadcast()
    return blocks.removeFirst()
  }

  private struct Cancelled: Error {}

  private func write(runID: String, to path: BytePath) throws -> WrittenFile {
    let output = try HashingFileOutput(path: path.string)
    var buffer = Array(ProblemsCSV.header.utf8)
    var lines = ProblemsCSV.Lines(runID: runID)
    while let block = next() {
      var start = 0
      while let (problem, end) = try SpoolCoding.problem(in: block.bytes, at: start) {
        lines.append(
          ProblemRow(file: block.seq, fileName: block.name, problem: problem), to: &buffer)
        start = end
      }
      // A spool flushes whole problems only.
      guard start == block.bytes.count else { throw SpoolCoding.Damaged() }
      if buffer.count > 1 << 16 {
        let taken = buffer.withUnsafeBytes { output.write($0) }
        if !taken, let failure = output.failure { throw failure }
        buffer.removeAll(keepingCapacity: true)
      }
    }
    condition.lock()
    let wasCancelled = cancelled
    condition.unlock()
    if wasCancelled { throw Cancelled() }
    // A refused last block leaves its failure for close() to throw.
    _ = buffer.withUnsafeBytes { output.write($0) }
    let sha256 = try output.close()
    // Durable here, on this thread, so that the adopting fsync finds it done.
    try Posix.fsync(path)
    return (sha256, output.bytes)
  }
}
