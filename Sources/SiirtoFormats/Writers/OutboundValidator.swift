import CLibXML2
import Glibc

/// The project's schemas for the files Siirto writes.
public enum OutboundSchema: String, Sendable, CaseIterable {
  case receipt = "receipt.xsd"
  case notification = "notification.xsd"
  case kelaClaims = "kela-claims.xsd"

  /// The target namespace of the schema.
  public var namespace: String {
    switch self {
    case .receipt: return "urn:siirto:receipt:1"
    case .notification: return "urn:siirto:notification:1"
    case .kelaClaims: return "urn:siirto:kela-claims:1"
    }
  }
}

/// Why an outbound file could not be checked, or what was wrong with it.
public enum OutboundValidationError: Error, Sendable, CustomStringConvertible {
  /// The embedded schema is missing or does not compile: a bug.
  case schema(OutboundSchema, [String])
  /// The document breaks its schema (or is not well-formed): a bug, so
  /// nothing is published.
  case invalid(OutboundSchema, [String])

  public var description: String {
    switch self {
    case .schema(let s, let errors):
      return "schema \(s.rawValue) unusable: " + errors.joined(separator: "; ")
    case .invalid(let s, let errors):
      return "output breaks \(s.rawValue): " + errors.joined(separator: "; ")
    }
  }
}

/// Checks an outbound XML document against its XSD before it is published.
///
/// The schema is parsed once, from the text embedded at build time, and
/// documents are read with libxml2's streaming reader, so a large claims
/// batch is checked in bounded memory. Every libxml2 message goes to a
/// structured handler and is returned; nothing is printed.
///
/// The compiled schema is only read while documents are checked, so one
/// validator may check documents on several threads at once.
public final class OutboundValidator: @unchecked Sendable {
  public let schema: OutboundSchema
  private let compiled: xmlSchemaPtr

  public init(_ schema: OutboundSchema) throws {
    _ = writersLibXMLInitialised
    self.schema = schema
    guard let text = Schemas.text(named: schema.rawValue) else {
      throw OutboundValidationError.schema(schema, ["not embedded"])
    }
    let collector = ErrorCollector()
    let bytes = Array(text.utf8)
    let compiled: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { base in
        guard let parser = xmlSchemaNewMemParserCtxt(base, Int32(bytes.count)) else { return nil }
        defer { xmlSchemaFreeParserCtxt(parser) }
        let context = Unmanaged.passUnretained(collector).toOpaque()
        xmlSchemaSetParserStructuredErrors(parser, collectError, context)
        return WriterQuiet.run { xmlSchemaParse(parser) }
      }
    }
    guard let compiled else { throw OutboundValidationError.schema(schema, collector.messages) }
    self.compiled = compiled
  }

  deinit { xmlSchemaFree(compiled) }

  /// The problems of a document held in memory; empty when it is valid.
  public func problems(in document: [UInt8]) -> [String] {
    document.withUnsafeBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: document.count) { base in
        run { xmlReaderForMemory(base, Int32(document.count), nil, "UTF-8", $0) }
      }
    }
  }

  /// The problems of the file at `path`; empty when it is valid.
  public func problems(inFileAt path: String) -> [String] {
    run { xmlReaderForFile(path, nil, $0) }
  }

  /// The problems of the document read from the open descriptor `fd` (a
  /// pipe its writer fills meanwhile); empty when it is valid. Reads to the
  /// end of the input even when the document breaks off early, so that the
  /// writer never waits on a reader that has stopped. `fd` stays open.
  public func problems(readingFrom fd: Int32) -> [String] {
    let found = run { xmlReaderForFd(fd, nil, nil, $0) }
    var rest = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = rest.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n > 0 || (n < 0 && errno == EINTR) { continue }
      break
    }
    return found
  }

  /// Throws ``OutboundValidationError/invalid(_:_:)`` unless `document` is valid.
  public func check(_ document: [UInt8]) throws {
    let found = problems(in: document)
    if !found.isEmpty { throw OutboundValidationError.invalid(schema, found) }
  }

  /// Throws ``OutboundValidationError/invalid(_:_:)`` unless the file is valid.
  public func check(fileAt path: String) throws {
    let found = problems(inFileAt: path)
    if !found.isEmpty { throw OutboundValidationError.invalid(schema, found) }
  }

  private func run(_ open: (Int32) -> xmlTextReaderPtr?) -> [String] {
    WriterQuiet.run { validate(open) }
  }

  private func validate(_ open: (Int32) -> xmlTextReaderPtr?) -> [String] {
    let collector = ErrorCollector()
    // Our own output: no network, no entity substitution, no DTD loading.
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue)
    // The reader unplugs itself from the validation context when freed, so
    // the context is made first and freed last.
    guard let valid = xmlSchemaNewValidCtxt(compiled) else { return ["out of memory"] }
    defer { xmlSchemaFreeValidCtxt(valid) }
    guard let reader = open(options) else { return ["cannot open the document"] }
    defer { xmlFreeTextReader(reader) }
    let context = Unmanaged.passUnretained(collector).toOpaque()
    xmlTextReaderSetStructuredErrorHandler(reader, collectError, context)
    xmlSchemaSetValidStructuredErrors(valid, collectError, context)
    guard xmlTextReaderSchemaValidateCtxt(reader, valid, 0) == 0 else {
      return collector.messages + ["cannot attach the schema"]
    }
    var rc: Int32 = 1
    while rc == 1 { rc = xmlTextReaderRead(reader) }
    if rc < 0 && collector.messages.isEmpty { collector.messages.append("read error") }
    if xmlTextReaderIsValid(reader) != 1 && collector.messages.isEmpty {
      collector.messages.append("not valid")
    }
    return collector.messages
  }
}

/// Gathers libxml2's structured errors during one parse or validation.
private final class ErrorCollector {
  var messages: [String] = []
}

private func collectError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let context, let error else { return }
  let collector = Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
  let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
  let trimmed = message.hasSuffix("\n") ? String(message.dropLast()) : message
  collector.messages.append("line \(error.pointee.line): \(trimmed)")
}
