import CLibXML2
import SiirtoCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Process-wide libxml2 set-up and the silencing of its fallback error output.
enum LibXML {
  private static let initialised: Void = { xmlInitParser() }()

  /// Where libxml2's generic error fallback writes while Siirto parses: nowhere.
  nonisolated(unsafe) private static let devNull = fopen("/dev/null", "w")

  /// Runs `body` with libxml2's thread-local error fallbacks pointed away from
  /// stderr: errors that reach no context (an encoder failure, say) must not
  /// print. `structured` receives those that come as structured errors.
  static func silenced<T>(
    structured: xmlStructuredErrorFunc?, context: UnsafeMutableRawPointer?, _ body: () throws -> T
  ) rethrows -> T {
    _ = initialised
    let oldGenericContext = __xmlGenericErrorContext()?.pointee
    let oldGeneric = __xmlGenericError()?.pointee
    let oldStructured = __xmlStructuredError()?.pointee
    let oldStructuredContext = __xmlStructuredErrorContext()?.pointee
    xmlSetGenericErrorFunc(UnsafeMutableRawPointer(devNull), nil)
    xmlSetStructuredErrorFunc(context, structured ?? ignoreError)
    defer {
      xmlSetGenericErrorFunc(oldGenericContext ?? nil, oldGeneric ?? nil)
      xmlSetStructuredErrorFunc(oldStructuredContext ?? nil, oldStructured ?? nil)
    }
    return try body()
  }
}

/// A structured error handler that drops the error.
let ignoreError: xmlStructuredErrorFunc = { _, _ in }

/// One of the embedded XSDs, parsed once and shared: a parsed schema is
/// read-only while documents are validated against it.
final class CompiledSchema: @unchecked Sendable {
  let pointer: xmlSchemaPtr
  /// Every name and facet value of the XSD: quoted text in libxml2's messages
  /// that is one of these is the schema's, not the document's, and may stay.
  let vocabulary: Set<String>

  private init(pointer: xmlSchemaPtr, vocabulary: Set<String>) {
    self.pointer = pointer
    self.vocabulary = vocabulary
  }

  deinit { xmlSchemaFree(pointer) }

  /// The parsed XSD of `kind`; `nil` only if the build embedded a broken one.
  static func of(_ kind: InputKind) -> CompiledSchema? { all[kind] }

  /// All four, parsed on first use (a static's initialiser runs once, thread-safely).
  private static let all: [InputKind: CompiledSchema] = {
    var schemas: [InputKind: CompiledSchema] = [:]
    for kind in InputKind.allCases {
      guard let text = Schemas.text(named: kind.xsdName), let pointer = parse(text) else {
        continue
      }
      schemas[kind] = CompiledSchema(pointer: pointer, vocabulary: vocabulary(of: text))
    }
    return schemas
  }()

  private static func parse(_ text: String) -> xmlSchemaPtr? {
    LibXML.silenced(structured: nil, context: nil) {
      let bytes = Array(text.utf8)
      // The parser context reads the caller's buffer without copying it, so
      // the schema is parsed while the buffer is still pinned.
      return bytes.withUnsafeBufferPointer { buffer -> xmlSchemaPtr? in
        buffer.withMemoryRebound(to: CChar.self) { chars -> xmlSchemaPtr? in
          guard let parser = xmlSchemaNewMemParserCtxt(chars.baseAddress, Int32(chars.count))
          else { return nil }
          defer { xmlSchemaFreeParserCtxt(parser) }
          xmlSchemaSetParserStructuredErrors(parser, ignoreError, nil)
          return xmlSchemaParse(parser)
        }
      }
    }
  }

  /// The values of `name`, `value`, `type` and `base` attributes in the XSD,
  /// with built-in type names and facet names.
  private static func vocabulary(of text: String) -> Set<String> {
    var words: Set<String> = [
      "maxLength", "minLength", "length", "pattern", "enumeration", "totalDigits",
      "fractionDigits", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive",
      "element-only", "empty", "mixed", "true", "false",
    ]
    for attribute in ["name", "value", "type", "base"] {
      let marker = " \(attribute)=\""
      var rest = Substring(text)
      while let start = rest.firstRange(of: marker) {
        rest = rest[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { break }
        let word = String(rest[..<end])
        words.insert(word)
        if let colon = word.firstIndex(of: ":") {
          words.insert(String(word[word.index(after: colon)...]))
        }
        rest = rest[end...]
      }
    }
    for builtin in [
      "string", "token", "date", "dateTime", "decimal", "boolean", "integer", "anyURI",
    ] {
      words.insert("xs:\(builtin)")
    }
    return words
  }
}

/// libxml2's messages with the document's values taken out: a value may be a
/// henkilötunnus. Element and attribute names, the schema's own words and
/// small numbers (lengths) stay.
enum XMLMessage {
  static func sanitize(
    _ message: String, values: [String], vocabulary: Set<String>
  ) -> String {
    var text = String(message.prefix { $0 != "\n" }).trimmedASCII()
    // Encoding errors quote the offending input bytes: drop them.
    if let bytes = text.firstRange(of: ", bytes 0x") ?? text.firstRange(of: "Bytes: 0x") {
      text = String(text[..<bytes.lowerBound])
    }
    text = removingNamespaces(text)
    for value in values where !value.isEmpty {
      text = text.replacingAll("'\(value)'", with: "'…'")
    }
    return PrivacyFilter.redact(maskingQuotedValues(text, vocabulary: vocabulary))
  }

  /// `{urn:…}Name` → `Name`.
  private static func removingNamespaces(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      let after = rest[rest.index(after: open)...]
      if let close = after.firstIndex(of: "}"), after[..<close].contains(":"),
        !after[..<close].contains("'"), !after[..<close].contains(" ")
      {
        rest = after[after.index(after: close)...]
      } else {
        out.append("{")
        rest = after
      }
    }
    return out + rest
  }

  /// Replaces each quoted token by `…` unless it names an element or an
  /// attribute, is a word of the schema, or is a small number.
  private static func maskingQuotedValues(_ text: String, vocabulary: Set<String>) -> String {
    let chars = Array(text)
    var out = ""
    var i = 0
    while i < chars.count {
      guard chars[i] == "'" else {
        out.append(chars[i])
        i += 1
        continue
      }
      // A closing quote is one followed by the end, space or punctuation.
      var j = i + 1
      while j < chars.count {
        if chars[j] == "'", j + 1 == chars.count || " ,.;:)]}".contains(chars[j + 1]) { break }
        j += 1
      }
      guard j < chars.count else {
        out += "'…"
        break
      }
      let token = String(chars[(i + 1)..<j])
      let before =
        out.hasSuffix("Element ") || out.hasSuffix("attribute ")
        || out.hasSuffix("facet ") || out.hasSuffix("[facet ")
      let number = !token.isEmpty && token.count <= 9 && token.allSatisfy(\.isASCIIDigit)
      let keep =
        token == "…" || vocabulary.contains(token) || number
        || (before && isName(token))
      out += keep ? "'\(token)'" : "'…'"
      i = j + 1
    }
    return out
  }

  /// Whether `token` can be an XML name (a henkilötunnus cannot: it starts with a digit).
  private static func isName(_ token: String) -> Bool {
    guard let first = token.first, first.isLetter || first == "_" else { return false }
    return token.allSatisfy { $0.isLetter || $0.isNumber || "_-.:".contains($0) }
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
  fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
    guard contains(target) else { return self }
    return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
