import Foundation
import Logging

extension Logger {
  /// Runs one step of a run and logs, at `info`, how long it took: ops staff
  /// see where a slow night went with `--log-level info`, without a profiler.
  func timed<T>(
    _ step: String, _ metadata: @autoclosure () -> Logger.Metadata = [:], _ body: () throws -> T
  ) rethrows -> T {
    let started = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    if logLevel <= .info {
      let nanos = DispatchTime.now().uptimeNanoseconds - started
      var fields = metadata()
      fields["step"] = "\(step)"
      fields["seconds"] = "\(String(format: "%.3f", Double(nanos) / 1e9))"
      info("step finished", metadata: fields)
    }
    return value
  }
}
