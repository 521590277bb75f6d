import SiirtoCore

/// The `File@name` rule of outputs.md: the name as dropped, masked by the
/// privacy filter, then with C0 controls, DEL and bytes that are not UTF-8
/// written as `\xNN` (upper-case hex).
public enum FileNameEscaping {
  /// The name's raw bytes (as the file system gave them) made printable.
  public static func escape(_ name: [UInt8]) -> String {
    var out = ""
    var run: [UInt8] = []
    // Valid UTF-8 runs are masked whole before escaping, so the filter sees
    // the text as dropped; an invalid byte is never a letter or digit, so
    // masking run by run finds the same codes as masking the whole name.
    func flush() {
      guard !run.isEmpty else { return }
      let masked = PrivacyFilter.redact(String(decoding: run, as: UTF8.self))
      for scalar in masked.unicodeScalars {
        if scalar.value < 0x20 || scalar.value == 0x7F || !XMLWriter.isXMLChar(scalar) {
          for byte in String(scalar).utf8 { out += hexEscape(byte) }
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
      run.removeAll(keepingCapacity: true)
    }
    var i = 0
    while i < name.count {
      let length = validSequenceLength(name, at: i)
      if length == 0 {
        flush()
        out += hexEscape(name[i])
        i += 1
      } else {
        run.append(contentsOf: name[i..<(i + length)])
        i += length
      }
    }
    flush()
    return out
  }

  /// A name already held as a `String` (so valid Unicode).
  public static func escape(_ name: String) -> String { escape(Array(name.utf8)) }

  /// The length of the well-formed UTF-8 sequence at `i`, or 0 if there is none
  /// (overlong forms, surrogates and code points past U+10FFFF are not UTF-8).
  static func validSequenceLength(_ u: [UInt8], at i: Int) -> Int {
    let b0 = u[i]
    if b0 < 0x80 { return 1 }
    func cont(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
      i + k < u.count && range.contains(u[i + k])
    }
    switch b0 {
    case 0xC2...0xDF: return cont(1) ? 2 : 0
    case 0xE0: return cont(1, 0xA0...0xBF) && cont(2) ? 3 : 0
    case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
    case 0xED: return cont(1, 0x80...0x9F) && cont(2) ? 3 : 0
    case 0xF0: return cont(1, 0x90...0xBF) && cont(2) && cont(3) ? 4 : 0
    case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
    case 0xF4: return cont(1, 0x80...0x8F) && cont(2) && cont(3) ? 4 : 0
    default: return 0
    }
  }
}
