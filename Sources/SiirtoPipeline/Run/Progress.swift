import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A progress line for long files, on a terminal only: cron and log
/// collectors never see it.
final class Progress {
  private let enabled: Bool
  private var name = ""
  private var started = Date()
  private var lastDraw = Date.distantPast
  private var drawn = false

  /// Shows progress only when standard error is a terminal.
  init(enabled: Bool = isatty(STDERR_FILENO) == 1) { self.enabled = enabled }

  func start(_ displayName: String) {
    name = displayName
    started = Date()
    lastDraw = Date()
  }

  /// Called per record; redraws at most a few times a second, and only once a
  /// file has taken long enough for anyone to wonder.
  func tick(_ records: Int) {
    guard enabled, records & 1023 == 0 else { return }
    let now = Date()
    guard now.timeIntervalSince(lastDraw) > 0.25, now.timeIntervalSince(started) > 1 else { return }
    lastDraw = now
    let rate = Double(records) / max(now.timeIntervalSince(started), 0.001)
    let line = "\r\(name): \(records) records, \(Int(rate)) records/s"
    FileHandle.standardError.write(Data(line.utf8))
    drawn = true
  }

  func finish() {
    guard drawn else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    drawn = false
  }
}
