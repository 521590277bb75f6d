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
    let candidates = [catalog[key(problem)]?[language], catalog[problem.code.rawValue]?[language]]
    // The most specific message whose placeholders the problem fills; a
    // caller that left an argument out never shows a raw `{name}`.
    for template in candidates.compactMap({ $0 }) {
      let text = fill(template, with: problem.arguments)
      if !hasPlaceholder(text) { return PrivacyFilter.redact(text) }
    }
    let fallback = candidates.compactMap({ $0 }).first ?? problem.code.rawValue
    return PrivacyFilter.redact(stripPlaceholders(fill(fallback, with: problem.arguments)))
  }

  /// Rendered messages by what they are made of (code, variant, arguments,
  /// language): files repeat the same few warnings on every record, and
  /// rendering cost more than the rest of a problem's line (measured).
  public struct Cache {
    private struct Key: Hashable {
      var code: ProblemCode
      var variant: String?
      var arguments: [String: String]
      var language: Language
    }
    /// Bounds the memory when messages differ (libxml2's details): past it, render each.
    private static let capacity = 4096
    private var entries: [Key: String] = [:]

    public init() {}

    /// What ``Messages/render(_:in:)`` gives, from the cache when an earlier problem made it.
    public mutating func render(_ problem: Problem, in language: Language) -> String {
      let key = Key(
        code: problem.code, variant: problem.variant, arguments: problem.arguments,
        language: language)
      if let known = entries[key] { return known }
      let rendered = Messages.render(problem, in: language)
      if entries.count < Self.capacity { entries[key] = rendered }
      return rendered
    }
  }

  static func hasPlaceholder(_ text: String) -> Bool {
    guard let open = text.firstIndex(of: "{") else { return false }
    return text[open...].contains("}")
  }

  /// Removes `{name}` left unfilled (and a colon or space before it).
  static func stripPlaceholders(_ text: String) -> String {
    var out = ""
    var skipping = false
    for c in text {
      if c == "{" {
        skipping = true
        while out.hasSuffix(" ") || out.hasSuffix(":") { out.removeLast() }
      } else if c == "}" && skipping {
        skipping = false
      } else if !skipping {
        out.append(c)
      }
    }
    return out
  }

  static func key(_ problem: Problem) -> String {
    problem.variant.map { "\(problem.code.rawValue).\($0)" } ?? problem.code.rawValue
  }

  /// Replaces `{name}` by the argument `name`.
  static func fill(_ template: String, with arguments: [String: String]) -> String {
    // A byte scan: `contains` with a string argument goes through Foundation's NSString search.
    guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
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
