import CLibXML2

/// A failure of libxml2's text writer, naming the call that failed.
public struct XMLWriterError: Error, CustomStringConvertible, Sendable {
  public let operation: String
  public var description: String { "libxml2 text writer failed in \(operation)" }
}

/// A thin wrapper over libxml2's `xmlTextWriter`, writing UTF-8 XML indented
/// by two spaces, either into memory or block by block to an output (so a
/// large claims batch never has to fit in memory).
///
/// Every text and attribute value is made safe for XML 1.0 first: characters
/// XML cannot carry (C0 controls other than tab, line feed and carriage
/// return, U+FFFE, U+FFFF) are written as `\xNN` of their UTF-8 bytes, so
/// that no input can make an outbound file ill-formed.
public final class XMLWriter {
  private let writer: xmlTextWriterPtr
  private let buffer: xmlBufferPtr?
  /// Inside ``quietly(_:)``.
  private var quiet = false

  /// A writer into memory; read the result with ``bytes()`` after ``endDocument()``.
  public init() throws {
    _ = writersLibXMLInitialised
    guard let buffer = xmlBufferCreate() else { throw XMLWriterError(operation: "xmlBufferCreate") }
    guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
      xmlBufferFree(buffer)
      throw XMLWriterError(operation: "xmlNewTextWriterMemory")
    }
    self.buffer = buffer
    self.writer = writer
    try configure()
  }

  /// A writer handing every block it flushes to `output`, which returns
  /// whether it took the bytes (`false` makes the writer's calls fail).
  public init(output: @escaping (UnsafeRawBufferPointer) -> Bool) throws {
    _ = writersLibXMLInitialised
    // The output buffer holds the box until libxml2 closes it, when the
    // writer is freed.
    let box = Unmanaged.passRetained(OutputBox(output)).toOpaque()
    guard let out = xmlOutputBufferCreateIO(outputWrite, outputClose, box, nil) else {
      Unmanaged<OutputBox>.fromOpaque(box).release()
      throw XMLWriterError(operation: "xmlOutputBufferCreateIO")
    }
    guard let writer = xmlNewTextWriter(out) else {
      xmlOutputBufferClose(out)
      throw XMLWriterError(operation: "xmlNewTextWriter")
    }
    self.buffer = nil
    self.writer = writer
    try configure()
  }

  deinit {
    // Freeing the writer flushes and closes an output writer; the buffer is ours.
    WriterQuiet.run { xmlFreeTextWriter(writer) }
    if let buffer { xmlBufferFree(buffer) }
  }

  private func configure() throws {
    try check(xmlTextWriterSetIndent(writer, 1), "xmlTextWriterSetIndent")
    try check(xmlTextWriterSetIndentString(writer, "  "), "xmlTextWriterSetIndentString")
  }

  /// `<?xml version="1.0" encoding="UTF-8"?>`.
  public func startDocument() throws {
    try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
  }

  /// Opens an element; `namespace` writes a default `xmlns` declaration on it.
  public func startElement(_ name: String, namespace: String? = nil) throws {
    try check(
      withXMLChars(name) { xmlTextWriterStartElement(writer, $0) }, "xmlTextWriterStartElement")
    if let namespace { try attribute("xmlns", namespace) }
  }

  /// An attribute of the element just opened.
  public func attribute(_ name: String, _ value: String) throws {
    let value = XMLWriter.safe(value)
    try check(
      withXMLChars(name) { name in
        withXMLChars(value) { xmlTextWriterWriteAttribute(writer, name, $0) }
      },
      "xmlTextWriterWriteAttribute")
  }

  /// An attribute written only when `value` is not `nil`.
  public func attribute(_ name: String, _ value: String?) throws {
    if let value { try attribute(name, value) }
  }

  /// Character data inside the open element.
  public func text(_ value: String) throws {
    let value = XMLWriter.safe(value)
    try check(
      withXMLChars(value) { xmlTextWriterWriteString(writer, $0) }, "xmlTextWriterWriteString")
  }

  /// `<name>text</name>` on one line.
  public func element(_ name: String, text value: String) throws {
    try startElement(name)
    try text(value)
    try endElement()
  }

  public func endElement() throws {
    try check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
  }

  /// Closes every open element and flushes.
  public func endDocument() throws {
    try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
    try check(xmlTextWriterFlush(writer), "xmlTextWriterFlush")
  }

  /// The document written so far (memory writers only; empty for an output writer).
  public func bytes() -> [UInt8] {
    guard let buffer, let content = xmlBufferContent(buffer) else { return [] }
    let count = Int(xmlBufferLength(buffer))
    return Array(UnsafeBufferPointer(start: content, count: count))
  }

  /// Runs several writer calls with libxml2's generic error output silenced
  /// once for all of them: silenced per call, it was a tenth of the time of
  /// writing a million-record batch.
  public func quietly(_ body: () throws -> Void) throws {
    if quiet { return try body() }
    try WriterQuiet.run {
      quiet = true
      defer { quiet = false }
      try body()
    }
  }

  private func check(_ rc: @autoclosure () -> Int32, _ operation: String) throws {
    let code = quiet ? rc() : WriterQuiet.run(rc)
    if code < 0 { throw XMLWriterError(operation: operation) }
  }

  /// `value` with every character that XML 1.0 cannot carry written as `\xNN`.
  static func safe(_ value: String) -> String {
    guard mayNeedEscaping(value) else { return value }
    guard value.unicodeScalars.contains(where: { !isXMLChar($0) }) else { return value }
    var out = ""
    for scalar in value.unicodeScalars {
      if isXMLChar(scalar) {
        out.unicodeScalars.append(scalar)
      } else {
        for byte in String(scalar).utf8 { out += hexEscape(byte) }
      }
    }
    return out
  }

  /// Whether `value` has a byte that can start a character XML cannot
  /// carry: a C0 control other than tab, line feed and carriage return, or
  /// 0xEF, which leads U+FFFE and U+FFFF. Bytes are cheaper to scan than
  /// scalars, and nearly every value has neither.
  static func mayNeedEscaping(_ value: String) -> Bool {
    var value = value
    return value.withUTF8 { bytes in
      bytes.contains { byte in
        byte == 0xEF || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D)
      }
    }
  }

  static func isXMLChar(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x09, 0x0A, 0x0D: return true
    case 0x00..<0x20, 0xFFFE, 0xFFFF: return false
    default: return true
    }
  }
}

/// `text` as the NUL-terminated `xmlChar` string libxml2 takes, for the
/// call only. Passed as a `String`, a short value was first copied into a
/// new array on every call; `withCString` keeps it on the stack.
private func withXMLChars<R>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
  text.withCString { chars in
    // CChar and xmlChar (UInt8) differ only in sign, so their pointers may alias.
    body(UnsafeRawPointer(chars).assumingMemoryBound(to: xmlChar.self))
  }
}

/// The closure behind ``XMLWriter/init(output:)``, as libxml2's I/O context.
private final class OutputBox {
  let output: (UnsafeRawBufferPointer) -> Bool
  init(_ output: @escaping (UnsafeRawBufferPointer) -> Bool) { self.output = output }
}

private func outputWrite(
  _ context: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<CChar>?, _ count: Int32
) -> Int32 {
  guard let context else { return -1 }
  let box = Unmanaged<OutputBox>.fromOpaque(context).takeUnretainedValue()
  let taken = box.output(UnsafeRawBufferPointer(start: bytes, count: Int(count)))
  return taken ? count : -1
}

private func outputClose(_ context: UnsafeMutableRawPointer?) -> Int32 {
  if let context { Unmanaged<OutputBox>.fromOpaque(context).release() }
  return 0
}

/// `\xNN` with upper-case hex, the escape outputs.md gives for file names.
func hexEscape(_ byte: UInt8) -> String {
  let digits = Array("0123456789ABCDEF")
  return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
}

/// libxml2 must initialise its globals once before threads use it; calling
/// `xmlInitParser` again is harmless, so the readers may do the same.
let writersLibXMLInitialised: Void = xmlInitParser()
