import CLibXML2
import Foundation

/// Keeps libxml2 from printing while the writers and the outbound validator
/// use it: messages that reach no structured handler (a failed write, say)
/// fall back to libxml2's generic handler, which would write to stderr.
enum WriterQuiet {
  /// Where the generic handler writes instead: nowhere.
  nonisolated(unsafe) private static let devNull = fopen("/dev/null", "w")

  /// Runs `body` with this thread's generic error output pointed at
  /// `/dev/null`, restoring what was there before.
  static func run<T>(_ body: () throws -> T) rethrows -> T {
    _ = writersLibXMLInitialised
    let oldContext = __xmlGenericErrorContext()?.pointee
    let oldHandler = __xmlGenericError()?.pointee
    xmlSetGenericErrorFunc(UnsafeMutableRawPointer(devNull), nil)
    defer { xmlSetGenericErrorFunc(oldContext ?? nil, oldHandler ?? nil) }
    return try body()
  }
}
