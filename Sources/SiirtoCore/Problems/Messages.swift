/// The languages messages are written in.
public enum Language: String, Sendable, CaseIterable, Codable {
  case fi, en
}

/// Renders a problem's message for people, in Finnish or English.
///
/// Messages are built only from the code, its variant and its safe arguments;
/// the result still passes the privacy filter, as every written text does.
public enum Messages {
  public static func render(_ problem: Problem, in language: Language) -> String {
    let template =
      catalog[key(problem)]?[language] ?? catalog[problem.code.rawValue]?[language]
      ?? problem.code.rawValue
    return PrivacyFilter.redact(fill(template, with: problem.arguments))
  }

  static func key(_ problem: Problem) -> String {
    problem.variant.map { "\(problem.code.rawValue).\($0)" } ?? problem.code.rawValue
  }

  /// Replaces `{name}` by the argument `name`.
  static func fill(_ template: String, with arguments: [String: String]) -> String {
    guard template.contains("{") else { return template }
    var out = template
    for (name, value) in arguments { out = out.replacingOccurrences(of: "{\(name)}", with: value) }
    return out
  }

  /// Message templates by `CODE` or `CODE.variant`, merged from the catalog's
  /// parts (general codes, reader variants, domain variants).
  static let catalog: [String: [Language: String]] = MessageCatalog.general
    .merging(MessageCatalog.reader) { a, _ in a }
    .merging(MessageCatalog.domain) { a, _ in a }
}

/// The message templates, one part per area: `{name}` stands for an argument.
enum MessageCatalog {}

extension String {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
