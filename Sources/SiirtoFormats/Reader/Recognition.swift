import SiirtoCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the first bytes of a file say it is (inputs.md, "Recognising a file").
enum Recognition: Equatable {
  /// Nothing to read: `zero_bytes`, or `blank` (only a byte-order mark and white space).
  case empty(variant: String)
  /// The first character after an optional byte-order mark and white space is `<`.
  case xml
  /// A UTF-16 byte-order mark before something that is not XML: a UTF-16 CSV.
  case utf16Text
  /// Text that may be CSV, starting after a UTF-8 byte-order mark of `bomLength` bytes.
  case text(bomLength: Int)

  static func of(_ file: FileInput) throws(InputFileError) -> Recognition {
    var chunk = try file.next()
    if chunk.isEmpty { return .empty(variant: "zero_bytes") }
    var unit = 1
    var bigEndian = false
    var offset = 0
    if chunk.starts(with: [0xEF, 0xBB, 0xBF]) {
      offset = 3
    } else if chunk.starts(with: [0xFF, 0xFE]) {
      (unit, offset) = (2, 2)
    } else if chunk.starts(with: [0xFE, 0xFF]) {
      (unit, offset, bigEndian) = (2, 2, true)
    } else if chunk.starts(with: [0x00, 0x3C]) {
      // UTF-16 big-endian XML without a byte-order mark: libxml2 detects it.
      return .xml
    }
    let bomLength = offset
    func codeUnit(_ a: UInt8, _ b: UInt8) -> UInt16 {
      bigEndian ? UInt16(a) << 8 | UInt16(b) : UInt16(b) << 8 | UInt16(a)
    }
    // A UTF-16 code unit split between two reads is carried over.
    var carried: UInt8?
    while true {
      while offset < chunk.count {
        let c: UInt16
        if unit == 1 {
          c = UInt16(chunk[offset])
          offset += 1
        } else if let byte = carried {
          c = codeUnit(byte, chunk[offset])
          carried = nil
          offset += 1
        } else if offset + 1 < chunk.count {
          c = codeUnit(chunk[offset], chunk[offset + 1])
          offset += 2
        } else {
          carried = chunk[offset]
          offset += 1
          continue
        }
        switch c {
        case 0x20, 0x09, 0x0A, 0x0D: continue
        case 0x3C: return .xml
        default: return unit == 1 ? .text(bomLength: bomLength) : .utf16Text
        }
      }
      chunk = try file.next()
      offset = 0
      if chunk.isEmpty { return carried == nil ? .empty(variant: "blank") : .utf16Text }
    }
  }
}

/// The encodings a CSV file may be in.
enum TextEncoding: Sendable {
  case utf8, windows1252
}

/// One pass over a whole file that decides whether it is text, and in which
/// encoding: UTF-8, else Windows-1252 (what Finnish Excel writes), else neither.
struct EncodingScan {
  /// The bytes Windows-1252 leaves undefined.
  static func isUndefinedIn1252(_ b: UInt8) -> Bool {
    b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D
  }

  enum Verdict: Equatable {
    case text(TextEncoding)
    /// A NUL byte at this byte offset.
    case nul(offset: Int)
    /// Not UTF-8, and a byte undefined in Windows-1252 at this offset.
    case neither(offset: Int)
  }

  private var offset = 0
  /// UTF-8 continuation bytes still expected, and the range the next one must be in.
  private var pending = 0
  private var low: UInt8 = 0x80
  private var high: UInt8 = 0xBF
  private var validUTF8 = true
  private var firstUndefined: Int?

  static func run(_ file: FileInput) throws(InputFileError) -> Verdict {
    var scan = EncodingScan()
    while true {
      let chunk = try file.next()
      if chunk.isEmpty { break }
      if let nul = scan.feed(chunk) { return .nul(offset: nul) }
    }
    if scan.validUTF8 && scan.pending == 0 { return .text(.utf8) }
    if let undefined = scan.firstUndefined { return .neither(offset: undefined) }
    return .text(.windows1252)
  }

  /// Scans one chunk; returns the offset of a NUL byte, which settles the matter.
  private mutating func feed(_ chunk: UnsafeRawBufferPointer) -> Int? {
    let n = chunk.count
    var i = 0
    while i < n {
      // Fast path: eight ASCII bytes without NUL at a time.
      if pending == 0, i + 8 <= n {
        let w = chunk.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let hasZero = (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
        if w & 0x8080_8080_8080_8080 == 0, hasZero == 0 {
          i += 8
          continue
        }
      }
      let b = chunk[i]
      if b == 0 { return offset + i }
      if b >= 0x80, firstUndefined == nil, EncodingScan.isUndefinedIn1252(b) {
        firstUndefined = offset + i
      }
      if validUTF8 { checkUTF8(b) }
      i += 1
    }
    offset += n
    return nil
  }

  private mutating func checkUTF8(_ b: UInt8) {
    if pending > 0 {
      guard b >= low && b <= high else {
        validUTF8 = false
        return
      }
      pending -= 1
      (low, high) = (0x80, 0xBF)
      return
    }
    switch b {
    case 0x00...0x7F: return
    case 0xC2...0xDF: pending = 1
    case 0xE0: (pending, low) = (2, 0xA0)
    case 0xE1...0xEC, 0xEE, 0xEF: pending = 2
    case 0xED: (pending, high) = (2, 0x9F)
    case 0xF0: (pending, low) = (3, 0x90)
    case 0xF1...0xF3: pending = 3
    case 0xF4: (pending, high) = (3, 0x8F)
    default: validUTF8 = false
    }
  }

  /// The 1-based line of the byte at `offset`, for the rare file that needs it.
  static func line(ofOffset target: Int, in file: FileInput) throws(InputFileError) -> Int {
    try file.rewind()
    var ends = LineEnds()
    var seen = 0
    while seen < target {
      let chunk = try file.next()
      if chunk.isEmpty { break }
      let count = min(chunk.count, target - seen)
      ends.scan(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
      seen += chunk.count
    }
    return 1 + ends.count
  }
}

/// Counts line ends in text read in pieces: LF, CRLF and a CR alone each end
/// one line. inputs.md allows LF and CRLF; old Mac software ends lines with a
/// CR alone, and the reader still reads such a file, so its problems must
/// name the right lines too.
struct LineEnds {
  private(set) var count = 0
  private var afterCR = false

  mutating func scan(_ bytes: UnsafeRawBufferPointer) {
    // A byte loop, not memchr: a CR alone must be told from the CR of a CRLF.
    for byte in bytes {
      switch byte {
      case 0x0A:
        if !afterCR { count += 1 }
        afterCR = false
      case 0x0D:
        count += 1
        afterCR = true
      default:
        afterCR = false
      }
    }
  }
}

/// The number of line ends in `bytes` (see ``LineEnds``).
func newlines(in bytes: UnsafeRawBufferPointer) -> Int {
  // Called for every field, and hardly any holds a line break: two memchr
  // calls tell that sooner than the byte loop (a 20,000-claim validate under
  // callgrind: 29.9M -> 20.7M instructions here).
  guard let base = bytes.baseAddress,
    memchr(base, 0x0A, bytes.count) != nil || memchr(base, 0x0D, bytes.count) != nil
  else { return 0 }
  var ends = LineEnds()
  ends.scan(bytes)
  return ends.count
}

/// The first line of a CSV file, its delimiter and the kind its columns belong to.
enum HeaderSniff {
  /// A header line longer than this is no header (`FILE_UNKNOWN_KIND`).
  static let maxLength = 64 * 1024

  enum Outcome {
    case recognised(kind: InputKind, delimiter: UInt8)
    case unknown(variant: String)
  }

  /// Reads the first non-blank line after the byte-order mark and matches it.
  static func run(
    _ file: FileInput, bomLength: Int, encoding: TextEncoding
  ) throws(InputFileError) -> Outcome {
    try file.rewind()
    var line: [UInt8] = []
    var skip = bomLength
    var started = false
    reading: while true {
      let chunk = try file.next()
      if chunk.isEmpty { break }
      for b in chunk {
        if skip > 0 {
          skip -= 1
          continue
        }
        if !started {
          if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { continue }
          started = true
        }
        // LF, CRLF or a CR alone (see LineEnds) ends the header.
        if b == 0x0A || b == 0x0D { break reading }
        line.append(b)
        if line.count > maxLength { return .unknown(variant: "header_too_long") }
      }
    }
    if line.first == UInt8(ascii: "{") || line.first == UInt8(ascii: "[") {
      return .unknown(variant: "json")
    }
    let text = decode(line[...], encoding)
    var best: (kind: InputKind, delimiter: UInt8, score: Int)?
    for delimiter in [UInt8(ascii: ";"), UInt8(ascii: ",")] {
      let names = splitHeader(text, delimiter: Character(UnicodeScalar(delimiter)))
      guard let match = HeaderSniff.match(names) else { continue }
      if match.score > (best?.score ?? 0) { best = (match.kind, delimiter, match.score) }
    }
    guard let best else { return .unknown(variant: "csv_header") }
    return .recognised(kind: best.kind, delimiter: best.delimiter)
  }

  /// The kind sharing the most column names with `names`: at least two, and no
  /// other kind sharing as many.
  static func match(_ names: [String]) -> (kind: InputKind, score: Int)? {
    let given = Set(names.map(normaliseColumn))
    let scores = InputKind.allCases.map { kind in
      (kind, TableSchema.for(kind).columnNames.filter(given.contains).count)
    }
    guard let top = scores.map(\.1).max(), top >= 2,
      scores.filter({ $0.1 == top }).count == 1,
      let kind = scores.first(where: { $0.1 == top })?.0
    else { return nil }
    return (kind, top)
  }

  /// Splits one header line, honouring quotes; used only to recognise the kind.
  static func splitHeader(_ text: String, delimiter: Character) -> [String] {
    var cells: [String] = []
    var cell = ""
    var quoted = false
    var iterator = text.makeIterator()
    while let c = iterator.next() {
      if c == "\"" {
        quoted.toggle()
      } else if c == delimiter && !quoted {
        cells.append(cell)
        cell = ""
      } else {
        cell.append(c)
      }
    }
    cells.append(cell)
    return cells
  }
}

/// A header cell as compared with the schema's column names: trimmed, lower case.
func normaliseColumn(_ name: String) -> String {
  name.trimmedASCII().lowercased()
}

extension StringProtocol {
  /// The text without leading and trailing ASCII white space.
  func trimmedASCII() -> String {
    let u = Array(utf8)
    var start = 0
    var end = u.count
    while start < end, isASCIIWhitespace(u[start]) { start += 1 }
    while end > start, isASCIIWhitespace(u[end - 1]) { end -= 1 }
    return String(decoding: u[start..<end], as: UTF8.self)
  }
}

@inline(__always) func isASCIIWhitespace(_ b: UInt8) -> Bool {
  b == 0x20 || (b >= 0x09 && b <= 0x0D)
}

/// Decodes bytes known to be valid in `encoding`.
func decode(_ bytes: ArraySlice<UInt8>, _ encoding: TextEncoding) -> String {
  bytes.withUnsafeBytes { decode($0, encoding) }
}

/// Decodes bytes known to be valid in `encoding`.
func decode(_ bytes: UnsafeRawBufferPointer, _ encoding: TextEncoding) -> String {
  switch encoding {
  case .utf8:
    return String(decoding: bytes, as: UTF8.self)
  case .windows1252:
    var scalars = String.UnicodeScalarView()
    for b in bytes {
      let value = b >= 0x80 && b < 0xA0 ? Windows1252.high[Int(b - 0x80)] : UInt32(b)
      scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
    }
    return String(scalars)
  }
}

/// Windows-1252's characters for the bytes 0x80–0x9F; the rest is Latin-1.
enum Windows1252 {
  static let high: [UInt32] = [
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
  ]
}
