import Foundation

/// Work started on a thread of its own and joined later: a run has two cores,
/// and some outputs need nothing the main pass touches. The caller must join
/// it (``wait()`` or ``finish()``) on every way out, so that no file is
/// written after the run has moved on.
final class BackgroundWork: @unchecked Sendable {
  // `failure` is written by the worker before `done` is signalled and read by
  // the caller only after waiting on it: the semaphore orders the two.
  private let done = DispatchSemaphore(value: 0)
  private var failure: (any Error)?
  private var joined = false

  init(_ work: @escaping @Sendable () throws -> Void) {
    let thread = Thread { [self] in
      do { try work() } catch { failure = error }
      done.signal()
    }
    thread.start()
  }

  /// Waits for the work; rethrows its error.
  func wait() throws {
    finish()
    if let failure { throw failure }
  }

  /// Waits for the work, if not yet joined; its error is for ``wait()``.
  func finish() {
    guard !joined else { return }
    done.wait()
    joined = true
  }
}
