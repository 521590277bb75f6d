import CLibXML2
import SiirtoCore

/// The options every parse uses: no network, line numbers past 65,535. Never
/// `XML_PARSE_NOENT`, `XML_PARSE_DTDLOAD` or `XML_PARSE_HUGE`: no entity is
/// expanded, no DTD loaded, and libxml2's default limits hold.
private let parseOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

/// One libxml2 push parser (`xmlParserCtxt`), optionally with an XSD validator
/// plugged into its SAX stream; all of it freed with the object.
final class XMLPushParser {
  let ctxt: xmlParserCtxtPtr
  private var validation: xmlSchemaValidCtxtPtr?
  private var plug: xmlSchemaSAXPlugPtr?

  /// A parser that calls `context`'s handlers; `start` (up to four bytes) lets
  /// libxml2 detect the encoding.
  init?(context: SAXContext, start: UnsafeRawBufferPointer) {
    var handler = xmlSAXHandler()
    handler.initialized = XML_SAX2_MAGIC
    handler.startElementNs = saxStart
    handler.endElementNs = saxEnd
    handler.characters = saxCharacters
    handler.ignorableWhitespace = saxCharacters
    handler.cdataBlock = saxCharacters
    handler.internalSubset = saxInternalSubset
    handler.endDocument = saxEndDocument
    handler.serror = parserErrorHandler
    let opaque = Unmanaged.passUnretained(context).toOpaque()
    let created = start.withMemoryRebound(to: CChar.self) {
      xmlCreatePushParserCtxt(&handler, opaque, $0.baseAddress, Int32($0.count), nil)
    }
    guard let created else { return nil }
    ctxt = created
    _ = xmlCtxtUseOptions(ctxt, parseOptions)
    ctxt.pointee._private = opaque
  }

  deinit {
    if let plug { _ = xmlSchemaSAXUnplug(plug) }
    xmlFreeParserCtxt(ctxt)
    if let validation { xmlSchemaFreeValidCtxt(validation) }
  }

  /// Plugs a validator against `schema` into the SAX stream; its errors go to
  /// `context`'s ``SAXContext/schemaError(_:)``.
  func validate(against schema: CompiledSchema, context: SAXContext) -> Bool {
    guard let validation = xmlSchemaNewValidCtxt(schema.pointer) else { return false }
    self.validation = validation
    let opaque = Unmanaged.passUnretained(context).toOpaque()
    xmlSchemaSetValidStructuredErrors(validation, schemaErrorHandler, opaque)
    let raw = UnsafeMutableRawPointer(ctxt)
    let sax = (raw + MemoryLayout<xmlParserCtxt>.offset(of: \.sax)!)
      .assumingMemoryBound(to: xmlSAXHandlerPtr?.self)
    let user = (raw + MemoryLayout<xmlParserCtxt>.offset(of: \.userData)!)
      .assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    guard let plug = xmlSchemaSAXPlug(validation, sax, user) else { return false }
    self.plug = plug
    // The plug's own handler has no structured error channel: give it ours.
    ctxt.pointee.sax.pointee.serror = parserErrorHandler
    return true
  }

  /// Parses `bytes`; non-zero when the parser stopped.
  @discardableResult
  func feed(_ bytes: UnsafeRawBufferPointer) -> Int32 {
    bytes.withMemoryRebound(to: CChar.self) {
      xmlParseChunk(ctxt, $0.baseAddress, Int32($0.count), 0)
    }
  }

  /// Ends the document.
  @discardableResult
  func finish() -> Int32 { xmlParseChunk(ctxt, nil, 0, 1) }

  func stop() { xmlStopParser(ctxt) }

  /// The parser's current line: exact during a callback.
  var line: Int { Int(ctxt.pointee.input?.pointee.line ?? 0) }

  /// The line where the start tag just parsed begins: libxml2 is at its end,
  /// and a start tag holds no `<` but its first.
  var startTagLine: Int {
    guard let input = ctxt.pointee.input else { return 0 }
    let line = Int(input.pointee.line)
    guard let base = input.pointee.base, var p = input.pointee.cur else { return line }
    var breaks = 0
    while p > base {
      p -= 1
      if p.pointee == UInt8(ascii: "<") { return line - breaks }
      if p.pointee == 0x0A { breaks += 1 }
    }
    return line
  }
}

/// The receiver of one parse's SAX events and errors.
class SAXContext {
  func start(
    _ name: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?, _ attributes: Attributes
  ) {}
  func end() {}
  func characters(_ bytes: UnsafeBufferPointer<xmlChar>) {}
  func doctype() {}
  func endDocument() {}
  /// A well-formedness, encoding or I/O error of the parser.
  func parserError(_ error: xmlError) {}
  /// An XSD validity error.
  func schemaError(_ error: xmlError) {}
}

/// The attributes of a start tag as libxml2's SAX2 passes them: five pointers each.
struct Attributes {
  let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  let count: Int

  /// Each attribute's interned local name, whether it is in a namespace, and its
  /// value, trimmed of ASCII white space.
  func forEach(_ body: (UnsafePointer<xmlChar>, Bool, String) -> Void) {
    guard let base else { return }
    for i in 0..<count {
      guard let name = base[5 * i], let value = base[5 * i + 3], let end = base[5 * i + 4] else {
        continue
      }
      let bytes = trimmedASCII(UnsafeBufferPointer(start: value, count: end - value))
      var text = String(decoding: bytes, as: UTF8.self)
      // Without entity substitution libxml2 hands `&` on as `&#38;`.
      if bytes.contains(UInt8(ascii: "&")) {
        text = text.split(separator: "&#38;", omittingEmptySubsequences: false).joined(
          separator: "&")
      }
      body(name, base[5 * i + 2] != nil, text)
    }
  }
}

/// `bytes` without leading and trailing ASCII white space.
func trimmedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
  var start = 0
  var end = bytes.count
  while start < end, isASCIIWhitespace(bytes[start]) { start += 1 }
  while end > start, isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
  return UnsafeBufferPointer(rebasing: bytes[start..<end])
}

private func context(_ opaque: UnsafeMutableRawPointer?) -> SAXContext {
  Unmanaged<SAXContext>.fromOpaque(opaque!).takeUnretainedValue()
}

private let saxStart: startElementNsSAX2Func = {
  ctx, name, _, uri, _, _, count, _, attributes in
  guard let name else { return }
  context(ctx).start(name, uri, Attributes(base: attributes, count: Int(count)))
}

private let saxEnd: endElementNsSAX2Func = { ctx, _, _, _ in context(ctx).end() }

private let saxCharacters: charactersSAXFunc = { ctx, bytes, count in
  guard let bytes, count > 0 else { return }
  context(ctx).characters(UnsafeBufferPointer(start: bytes, count: Int(count)))
}

private let saxInternalSubset: internalSubsetSAXFunc = { ctx, _, _, _ in context(ctx).doctype() }

private let saxEndDocument: endDocumentSAXFunc = { ctx in context(ctx).endDocument() }

/// Parser errors carry the parser context, whose `_private` is ours (the
/// handler's own user data is the validator plug's once it is plugged in).
private let parserErrorHandler: xmlStructuredErrorFunc = { _, error in
  guard let error, let ctxt = error.pointee.ctxt?.assumingMemoryBound(to: xmlParserCtxt.self),
    let opaque = ctxt.pointee._private
  else { return }
  context(opaque).parserError(error.pointee)
}

/// Errors that reach no parser context (encoder failures) come through the
/// thread's structured handler, set to this for the parse.
let contextErrorHandler: xmlStructuredErrorFunc = { opaque, error in
  guard let opaque, let error else { return }
  context(opaque).parserError(error.pointee)
}

private let schemaErrorHandler: xmlStructuredErrorFunc = { opaque, error in
  guard let opaque, let error else { return }
  context(opaque).schemaError(error.pointee)
}
