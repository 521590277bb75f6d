import Foundation

/// Work started on a thread of its own and joined later: a run has two cores,
/// and some outputs need nothing the main pass touches. The caller must join
/// it (``wait()`` or ``finish()``) on every way out, so that no file is
/// written after the run has moved on.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
  // `outcome` is written by the worker before `done` is signalled and read by
  // the caller only after waiting on it: the semaphore orders the two.
  private let done = DispatchSemaphore(value: 0)
  private var outcome: Result<Value, any Error>?
  private var joined = false

  init(_ work: @escaping @Sendable () throws -> Value) {
    let thread = Thread { [self] in
      outcome = Result { try work() }
      done.signal()
    }
    thread.start()
  }

  /// Waits for the work; returns its value or rethrows its error.
  @discardableResult
  func wait() throws -> Value {
    finish()
    return try outcome!.get()
  }

  /// Waits for the work, if not yet joined; its outcome is for ``wait()``.
  func finish() {
    guard !joined else { return }
    done.wait()
    joined = true
  }
}
