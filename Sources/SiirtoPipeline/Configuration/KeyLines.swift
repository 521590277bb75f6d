/// The line each key of a TOML document is defined on.
///
/// TOMLKit reports lines for syntax errors only, not for the keys of a parsed
/// document, so the text is scanned again for error messages. The document has
/// already parsed, so the scanner can assume it is valid TOML and only needs
/// to follow table headers, key paths and where values end (strings, arrays
/// spanning lines, comments). Keys inside inline tables and arrays of tables
/// are not followed; they resolve to the line of the enclosing key.
struct KeyLines {
  private var lines: [[String]: Int] = [:]

  init(text: String) {
    var scanner = Scanner(text)
    lines = scanner.scan()
  }

  /// The line of `path`, else of its longest defined prefix.
  func line(of path: [String]) -> Int? {
    for length in stride(from: path.count, through: 1, by: -1) {
      if let line = lines[Array(path.prefix(length))] { return line }
    }
    return nil
  }
}

private struct Scanner {
  let s: [Unicode.Scalar]
  var i = 0
  var line = 1
  var found: [[String]: Int] = [:]

  init(_ text: String) {
    s = Array(text.unicodeScalars)
    // A byte order mark is not part of the first key.
    if s.first == "\u{FEFF}" { i = 1 }
  }

  mutating func scan() -> [[String]: Int] {
    var table: [String] = []
    while i < s.count {
      skipBlank()
      guard i < s.count else { break }
      switch s[i] {
      case "\n":
        line += 1
        i += 1
      case "#":
        skipToEndOfLine()
      case "[":
        let start = line
        i += 1
        if i < s.count, s[i] == "[" { i += 1 }
        if let path = keyPath() {
          table = path
          record(path, start)
        }
        skipToEndOfLine()
      default:
        let start = line
        if let path = keyPath(), i < s.count, s[i] == "=" {
          i += 1
          record(table + path, start)
          skipValue()
        } else {
          skipToEndOfLine()
        }
      }
    }
    return found
  }

  /// Records `path` (never empty) and the tables its dotted form defines on
  /// the way, each at the first line that names it.
  mutating func record(_ path: [String], _ line: Int) {
    for length in 1...path.count {
      let prefix = Array(path.prefix(length))
      if found[prefix] == nil { found[prefix] = line }
    }
  }

  mutating func skipBlank() {
    while i < s.count, s[i] == " " || s[i] == "\t" || s[i] == "\r" { i += 1 }
  }

  mutating func skipToEndOfLine() {
    while i < s.count, s[i] != "\n" { i += 1 }
  }

  /// A dotted key (`a."b c".d`), leaving `i` on what follows it.
  mutating func keyPath() -> [String]? {
    var parts: [String] = []
    while true {
      skipBlank()
      guard let part = key() else { return nil }
      parts.append(part)
      skipBlank()
      guard i < s.count, s[i] == "." else { return parts }
      i += 1
    }
  }

  mutating func key() -> String? {
    guard i < s.count else { return nil }
    if s[i] == "\"" || s[i] == "'" { return quotedKey(s[i]) }
    var part = String.UnicodeScalarView()
    while i < s.count, isBare(s[i]) {
      part.append(s[i])
      i += 1
    }
    return part.isEmpty ? nil : String(part)
  }

  func isBare(_ c: Unicode.Scalar) -> Bool {
    ("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "_"
      || c == "-"
  }

  mutating func quotedKey(_ quote: Unicode.Scalar) -> String? {
    i += 1
    var part = String.UnicodeScalarView()
    while i < s.count, s[i] != quote, s[i] != "\n" {
      if quote == "\"", s[i] == "\\", i + 1 < s.count {
        i += 1
        part.append(contentsOf: escape())
      } else {
        part.append(s[i])
        i += 1
      }
    }
    guard i < s.count, s[i] == quote else { return nil }
    i += 1
    return String(part)
  }

  /// The escape after a backslash in a basic string, leaving `i` after it.
  mutating func escape() -> [Unicode.Scalar] {
    let c = s[i]
    i += 1
    switch c {
    case "n": return ["\n"]
    case "t": return ["\t"]
    case "r": return ["\r"]
    case "b": return ["\u{8}"]
    case "f": return ["\u{C}"]
    case "e": return ["\u{1B}"]
    case "u", "U":
      let width = c == "u" ? 4 : 8
      let end = min(s.count, i + width)
      var hex = String.UnicodeScalarView()
      hex.append(contentsOf: s[i..<end])
      i = end
      return UInt32(String(hex), radix: 16).flatMap(Unicode.Scalar.init).map { [$0] } ?? []
    default: return [c]
    }
  }

  /// Skips a value to the end of its statement: the newline outside any
  /// string, array or inline table.
  mutating func skipValue() {
    var depth = 0
    while i < s.count {
      switch s[i] {
      case "\n":
        if depth == 0 { return }
        line += 1
        i += 1
      case "#": skipToEndOfLine()
      case "\"", "'": skipString(s[i])
      case "[", "{":
        depth += 1
        i += 1
      case "]", "}":
        depth = max(0, depth - 1)
        i += 1
      default: i += 1
      }
    }
  }

  mutating func skipString(_ quote: Unicode.Scalar) {
    let multiline = i + 2 < s.count && s[i + 1] == quote && s[i + 2] == quote
    i += multiline ? 3 : 1
    while i < s.count {
      let c = s[i]
      if c == quote, !multiline || (i + 2 < s.count && s[i + 1] == quote && s[i + 2] == quote) {
        i += multiline ? 3 : 1
        // Up to two quotes may sit right before the closing delimiter.
        while multiline, i < s.count, s[i] == quote { i += 1 }
        return
      }
      if c == "\n" {
        guard multiline else { return }
        line += 1
      }
      if quote == "\"", c == "\\", i + 1 < s.count, s[i + 1] != "\n" { i += 1 }
      i += 1
    }
  }
}
