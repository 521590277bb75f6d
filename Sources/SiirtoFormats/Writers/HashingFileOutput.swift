import Crypto
import Foundation
import Glibc

/// A file written block by block and hashed on the way, so that a large
/// output is never read back for its SHA-256; each block can also go on to a
/// second reader (the outbound validator) as it is written.
///
/// With `ownThread`, the blocks are written, hashed and passed on by a
/// thread of the output's own, a few blocks behind the caller: a million-
/// claim batch spent a quarter of its writer's time there, while the writer
/// and the validator each kept a core busy.
///
/// The first failed write is kept, and every later block refused: ``close()``
/// throws it as a `POSIXError`, which the command line reports as an I/O
/// error (a full disk is not a bug).
public final class HashingFileOutput {
  private let sink: Sink
  private let worker: Worker?
  /// libxml2 flushes about 4 KB at a time; the file gets 256 KiB writes,
  /// whole pages (each small write made the kernel zero a page's rest).
  private var pending: [UInt8] = []
  private static let blockSize = 1 << 18

  /// Creates (or truncates) the file at `path`; `copy` gets every block too,
  /// and a `false` from it fails the write. With `ownThread`, `copy` is
  /// called on the output's thread.
  public init(
    path: String, copy: ((UnsafeRawBufferPointer) -> Bool)? = nil, ownThread: Bool = false
  ) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    if fd < 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    sink = Sink(fd: fd, copy: copy)
    worker = ownThread ? Worker(sink) : nil
    pending.reserveCapacity(Self.blockSize)
  }

  deinit {
    worker?.stop()
    sink.closeFile()
  }

  /// The first failed write, if any.
  public var failure: POSIXError? {
    // While the worker runs, the sink is its alone.
    (worker.map { $0.failed } ?? sink.failed).map { POSIXError($0) }
  }

  /// The bytes written to the file; complete once ``close()`` returned.
  public var bytes: Int64 { sink.bytes }

  /// Takes one block: written, hashed and passed on once enough has come.
  /// `false` once anything failed.
  public func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard failure == nil, sink.isOpen else { return false }
    pending.append(contentsOf: bytes)
    return pending.count < Self.blockSize || flush()
  }

  private func flush() -> Bool {
    guard let worker else {
      defer { pending.removeAll(keepingCapacity: true) }
      return pending.withUnsafeBytes { sink.put($0) }
    }
    return worker.put(&pending)
  }

  /// Closes the file; returns its SHA-256 as lower-case hex, or throws the
  /// first failure.
  public func close() throws -> String {
    if failure == nil, sink.isOpen, !pending.isEmpty { _ = flush() }
    worker?.stop()
    let result = sink.closeFile()
    if let failure { throw failure }
    if result != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    return FileDigest.hex(sink.hasher.finalize())
  }

  /// The file, its hash and the copy: used by one thread at a time (the
  /// worker's while it runs, the caller's before and after).
  private final class Sink: @unchecked Sendable {
    private var fd: Int32
    var hasher = SHA256()
    private let copy: ((UnsafeRawBufferPointer) -> Bool)?
    var failed: POSIXErrorCode?
    var bytes: Int64 = 0

    init(fd: Int32, copy: ((UnsafeRawBufferPointer) -> Bool)?) {
      self.fd = fd
      self.copy = copy
    }

    var isOpen: Bool { fd >= 0 }

    func put(_ block: UnsafeRawBufferPointer) -> Bool {
      var done = 0
      while done < block.count {
        let n = Glibc.write(fd, block.baseAddress! + done, block.count - done)
        if n < 0 {
          if errno == EINTR { continue }
          failed = POSIXErrorCode(rawValue: errno) ?? .EIO
          return false
        }
        done += n
      }
      bytes += Int64(block.count)
      hasher.update(bufferPointer: block)
      if let copy, !copy(block) {
        failed = .EPIPE
        return false
      }
      return true
    }

    /// `close(2)`'s result; harmless to call again.
    @discardableResult
    func closeFile() -> Int32 {
      guard fd >= 0 else { return 0 }
      let result = Glibc.close(fd)
      fd = -1
      return result
    }
  }

  /// The thread that drains full blocks into the sink. Spent blocks come
  /// back to the caller to be filled again: nothing is freed on the other
  /// thread, and two blocks are all the memory it takes.
  private final class Worker: @unchecked Sendable {
    // Every field is guarded by `condition`.
    private let condition = NSCondition()
    private var full: [[UInt8]] = []
    private var spent: [[UInt8]] = []
    private var stopping = false
    private var running = true
    private var failure: POSIXErrorCode?
    /// Blocks waiting for the thread, at most.
    private static let ahead = 2

    init(_ sink: Sink) {
      let thread = Thread { [self] in drain(sink) }
      thread.start()
    }

    var failed: POSIXErrorCode? {
      condition.lock()
      defer { condition.unlock() }
      return failure
    }

    /// Hands `block` over and gives back an empty one with its capacity;
    /// waits while the thread is behind. `false` once a write failed.
    func put(_ block: inout [UInt8]) -> Bool {
      condition.lock()
      defer { condition.unlock() }
      while full.count >= Self.ahead, failure == nil { condition.wait() }
      guard failure == nil else { return false }
      let capacity = block.capacity
      full.append(block)
      block = spent.popLast() ?? []
      block.reserveCapacity(capacity)
      condition.broadcast()
      return true
    }

    /// Waits until every block handed over is written, and ends the thread.
    func stop() {
      condition.lock()
      stopping = true
      condition.broadcast()
      while running { condition.wait() }
      condition.unlock()
    }

    private func drain(_ sink: Sink) {
      condition.lock()
      while true {
        while full.isEmpty, !stopping { condition.wait() }
        if full.isEmpty || failure != nil { break }
        var block = full.removeFirst()
        condition.unlock()
        let ok = block.withUnsafeBytes { sink.put($0) }
        block.removeAll(keepingCapacity: true)
        condition.lock()
        if !ok { failure = sink.failed ?? .EIO }
        spent.append(block)
        condition.broadcast()
      }
      running = false
      condition.broadcast()
      condition.unlock()
    }
  }
}
