import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Named points where a test can make the run die for real.
///
/// `SIIRTO_TEST_CRASH_AT=name` (or `name:N`, the N-th time the point is
/// reached) sends SIGKILL to the process itself at that point: no cleanup,
/// no flush, exactly as a power cut or `kill -9` would. Unset in production,
/// where each point costs one dictionary look-up.
enum CrashPoints {
  private static let target: (name: String, count: Int)? = {
    guard let spec = ProcessInfo.processInfo.environment["SIIRTO_TEST_CRASH_AT"], !spec.isEmpty
    else { return nil }
    let parts = spec.split(separator: ":")
    return (String(parts[0]), parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
  }()

  nonisolated(unsafe) private static var hits: [String: Int] = [:]

  /// Dies here if the test asked for this point.
  static func hit(_ name: String) {
    guard let target, target.name == name else { return }
    let count = (hits[name] ?? 0) + 1
    hits[name] = count
    if count == target.count { kill(getpid(), SIGKILL) }
  }
}
