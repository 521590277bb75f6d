import ArgumentParser
import Foundation
import Logging
import SiirtoCore

enum LogFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// swift-log to stderr, every line through the privacy filter: a log line is
/// written text like any other output, so no henkilötunnus may reach it.
struct PrivacyLogHandler: LogHandler {
  let label: String
  let format: LogFormat
  var logLevel: Logger.Level = .warning
  var metadata: Logger.Metadata = [:]

  init(label: String, format: LogFormat) {
    self.label = label
    self.format = format
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
    let time = Timestamp(Date()).iso
    let line: String
    switch format {
    case .text:
      let extra = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
        separator: " ")
      line = "\(time) \(event.level) \(label): \(event.message)\(extra.isEmpty ? "" : " " + extra)"
    case .json:
      var object: [String: String] = [
        "time": time, "level": event.level.rawValue, "label": label, "message": "\(event.message)",
      ]
      for (key, value) in all { object["meta." + key] = "\(value)" }
      let data =
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
      line = String(decoding: data, as: UTF8.self)
    }
    FileHandle.standardError.write(Data((PrivacyFilter.redact(line) + "\n").utf8))
  }
}
