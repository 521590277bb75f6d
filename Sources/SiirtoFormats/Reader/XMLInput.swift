import CLibXML2
import SiirtoCore

/// libxml2's default text-size limit, held here because no tree is built: a
/// text longer than this in one element is `XML_MALFORMED`, as it would be for
/// libxml2's tree builder without `XML_PARSE_HUGE`.
private let maxTextBytes = 10_000_000
/// libxml2's default nesting limit.
private let maxDepth = 256

/// Reads an XML file: a first pass up to the root element recognises the kind
/// (and stops at a DOCTYPE before anything in it is parsed), a second pass
/// validates against the kind's XSD while it streams the records.
///
/// Both passes use libxml2's SAX2 push parser with the validator plugged into
/// its event stream, not `xmlTextReader`: the reader's nodes carry line
/// numbers clipped at 65,535, and its validator runs ahead of the node the
/// reader is on, so errors could not be told to their record. Here every
/// event and error arrives in document order with the parser's exact line.
enum XMLInput {
  static func read(_ file: FileInput, into sink: EventSink) throws {
    let sniff = RootSniff()
    try run(sniff, file: file, schema: nil)
    if let problem = sniff.problem { return sink.fileProblem(problem) }
    guard let root = sniff.root else {
      return sink.fileProblem(Problem(.XML_MALFORMED, variant: "no_root"))
    }
    guard let namespace = root.namespace, let kind = InputKind(namespace: namespace) else {
      let expected = InputKind.allCases.map(\.namespace).joined(separator: ", ")
      return sink.fileProblem(
        Problem(
          .FILE_UNKNOWN_KIND, at: Location(line: root.line), variant: "namespace",
          arguments: ["expected": expected]))
    }
    guard root.name == kind.rootElement else {
      sink.header(FileHeader(kind: kind, format: .xml))
      let path = "/\(root.name)"
      return sink.fileProblem(
        Problem(
          .XML_SCHEMA, at: Location(line: root.line, path: path), variant: "root",
          arguments: ["expected": kind.rootElement, "path": path]))
    }
    guard let schema = CompiledSchema.of(kind) else {
      preconditionFailure("schemas/\(kind.xsdName) is not embedded or not valid")
    }
    try file.rewind()
    let document = XMLDocumentReader(kind: kind, schema: schema, sink: sink)
    try run(document, file: file, schema: schema)
    document.finish()
  }

  /// Feeds the file through a push parser until its end or until `context` is done.
  private static func run(_ context: XMLContext, file: FileInput, schema: CompiledSchema?) throws {
    let opaque = Unmanaged.passUnretained(context as SAXContext).toOpaque()
    try LibXML.silenced(structured: contextErrorHandler, context: opaque) {
      let first = try file.next()
      let head = min(4, first.count)
      guard
        let parser = XMLPushParser(
          context: context, start: UnsafeRawBufferPointer(rebasing: first[0..<head]))
      else { return context.failed(code: nil) }
      context.parser = parser
      defer { context.parser = nil }
      if let schema, !parser.validate(against: schema, context: context) {
        return context.failed(code: nil)
      }
      parser.feed(UnsafeRawBufferPointer(rebasing: first[head...]))
      while !context.done, parser.ctxt.pointee.instate != XML_PARSER_EOF {
        let chunk = try file.next()
        if chunk.isEmpty { break }
        parser.feed(chunk)
      }
      guard !context.done else { return }
      if parser.ctxt.pointee.instate != XML_PARSER_EOF { parser.finish() }
      if !context.done, parser.ctxt.pointee.wellFormed == 0 {
        context.failed(code: parser.ctxt.pointee.errNo)
      }
    }
  }
}

/// What both passes share: the parser, the stop flag, errors that stop the parse.
class XMLContext: SAXContext {
  var parser: XMLPushParser?
  var done = false

  /// The parser stopped without saying why in a structured error.
  func failed(code: Int32?) {}

  /// `XML_MALFORMED` from a parser error, its message stripped of values.
  func malformed(_ error: xmlError, vocabulary: Set<String>) -> Problem {
    let message = error.message.map { String(cString: $0) } ?? ""
    let line = error.line > 0 ? Int(error.line) : parser?.line
    let detail = XMLMessage.sanitize(message, values: [], vocabulary: vocabulary)
    return Problem(
      .XML_MALFORMED, at: Location(line: line, column: error.int2 > 0 ? Int(error.int2) : nil),
      variant: "libxml", arguments: ["detail": detail])
  }

  func stop() {
    done = true
    parser?.stop()
  }
}

/// The first pass: the root element's name and namespace, or why there is none.
final class RootSniff: XMLContext {
  struct Root {
    var namespace: String?
    var name: String
    var line: Int
  }
  private(set) var root: Root?
  private(set) var problem: Problem?

  override func start(
    _ name: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?, _ attributes: Attributes
  ) {
    guard !done else { return }
    root = Root(
      namespace: uri.map { String(cString: $0) }, name: String(cString: name),
      line: parser?.startTagLine ?? 0)
    stop()
  }

  override func doctype() {
    guard !done else { return }
    problem = Problem(.XML_DTD_FORBIDDEN, at: Location(line: parser?.line))
    stop()
  }

  override func parserError(_ error: xmlError) {
    guard !done, error.level != XML_ERR_WARNING else { return }
    problem = malformed(error, vocabulary: [])
    // Not xmlStopParser: inside an error callback (an encoder's, say) halting
    // the parser pulls its input from under libxml2. The feed loop stops.
    done = true
  }

  override func failed(code: Int32?) {
    guard !done else { return }
    let arguments = code.map { ["code": String($0)] } ?? [:]
    problem = Problem(
      .XML_MALFORMED, at: Location(line: parser?.line), variant: "unreadable",
      arguments: arguments)
    stop()
  }
}

/// The second pass: validates and maps each record element onto its kind's columns.
final class XMLDocumentReader: XMLContext {
  private let kind: InputKind
  private let schema: CompiledSchema
  private let sink: EventSink
  private let recordMap: ElementMap
  private let idColumn: String?
  private let fieldNames: FieldNames

  private struct Frame {
    var name: String
    var index: Int
    var map: ElementMap?
    var isRecord = false
    var textBytes = 0
    /// How many children of each (interned) name have started, for positional paths.
    var children: [(name: UnsafePointer<xmlChar>, count: Int)] = []

    /// The frame of another element at this depth, keeping the storage of
    /// `children` (a new array for every element was a fifth of `start`).
    mutating func reuse(name: String, index: Int, map: ElementMap?, isRecord: Bool) {
      self.name = name
      self.index = index
      self.map = map
      self.isRecord = isRecord
      textBytes = 0
      children.removeAll(keepingCapacity: true)
    }

    mutating func nextIndex(of name: UnsafePointer<xmlChar>) -> Int {
      if let i = children.firstIndex(where: { $0.name == name }) {
        children[i].count += 1
        return children[i].count
      }
      children.append((name, 1))
      return 1
    }
  }

  /// The open elements are `frames[0..<depth]`; the frames past them are
  /// spare, kept for the next element at their depth.
  private var frames: [Frame] = []
  private var depth = 0
  /// An element has ended, but the validator's errors about it are still to
  /// come (it runs after this handler): the frame is popped at the next event.
  private var pendingPop = false
  private var record: RawRecord?
  private var records = 0
  private var text: [UInt8] = []
  private var collecting = false
  /// The last start tag's attributes (name, in a namespace, trimmed value): mapped
  /// onto columns, and their values taken out of messages.
  private var attributeValues: [(name: String, namespaced: Bool, value: String)] = []
  /// libxml2 interns names: their Swift strings are made once per parse. A
  /// file has a handful of distinct names, and a short list searched by
  /// pointer beats hashing; past its bound a name is simply made again.
  private var names: [(pointer: UnsafePointer<xmlChar>, name: String)] = []
  private var namespaces: [(pointer: UnsafePointer<xmlChar>, ours: Bool)] = []
  private static let internedLimit = 64

  init(kind: InputKind, schema: CompiledSchema, sink: EventSink) {
    self.kind = kind
    self.schema = schema
    self.sink = sink
    self.recordMap = ElementMap.record(kind)
    self.idColumn = RecordID.column(of: kind)
    self.fieldNames = FieldNames(recordMap.columns)
  }

  /// Sets a column of the record being read, unless an earlier element did.
  private func fill(_ column: String, _ value: String) {
    guard let position = fieldNames.position(of: column) else { return }
    record?.fill(position, with: value)
  }

  /// The records' parent's path: the root's, made once.
  private var parentPath: String?
  private func recordParent() -> String {
    if let parentPath { return parentPath }
    let path = "/" + frames[0].name
    parentPath = path
    return path
  }

  private func name(_ pointer: UnsafePointer<xmlChar>) -> String {
    for entry in names where entry.pointer == pointer { return entry.name }
    let name = String(cString: pointer)
    if names.count < Self.internedLimit { names.append((pointer, name)) }
    return name
  }

  private func isOurs(_ uri: UnsafePointer<xmlChar>?) -> Bool {
    guard let uri else { return false }
    for entry in namespaces where entry.pointer == uri { return entry.ours }
    let ours = String(cString: uri) == kind.namespace
    if namespaces.count < Self.internedLimit { namespaces.append((uri, ours)) }
    return ours
  }

  override func start(
    _ namePointer: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?,
    _ attributes: Attributes
  ) {
    guard !done else { return }
    settle()
    guard depth < maxDepth else {
      return fail(
        Problem(
          .XML_MALFORMED, at: Location(line: parser?.line), variant: "depth",
          arguments: ["limit": String(maxDepth)]))
    }
    let local = name(namePointer)
    let depth = self.depth
    let index = depth == 0 ? 1 : frames[depth - 1].nextIndex(of: namePointer)
    var isRecord = false
    var elementMap: ElementMap?
    attributeValues.removeAll(keepingCapacity: true)
    attributes.forEach { name, namespaced, value in
      attributeValues.append((self.name(name), namespaced, value))
    }
    if depth == 0 {
      var header: [String: String] = [:]
      for (name, namespaced, value) in attributeValues where !namespaced { header[name] = value }
      sink.header(FileHeader(kind: kind, format: .xml, attributes: header))
    } else if depth == 1, local == kind.recordElement, isOurs(uri) {
      records += 1
      isRecord = true
      elementMap = recordMap
      record = RawRecord(
        number: records, line: parser?.startTagLine ?? 0, names: fieldNames, values: [],
        path: ElementPath(parent: recordParent(), name: local, index: index))
      apply(recordMap)
    } else if depth >= 2, record != nil, isOurs(uri),
      let map = frames[depth - 1].map?.child(local)
    {
      elementMap = map
      apply(map)
      if map.text != nil {
        collecting = true
        text.removeAll(keepingCapacity: true)
      }
    }
    if depth < frames.count {
      frames[depth].reuse(name: local, index: index, map: elementMap, isRecord: isRecord)
    } else {
      frames.append(Frame(name: local, index: index, map: elementMap, isRecord: isRecord))
    }
    self.depth += 1
    done = done || sink.stopped
  }

  /// Sets the columns of an element's constants and of its attributes (just decoded).
  private func apply(_ map: ElementMap) {
    for (column, value) in map.constants { fill(column, value) }
    guard !map.attributes.isEmpty else { return }
    for (name, namespaced, value) in attributeValues where !namespaced && !value.isEmpty {
      if let column = map.column(ofAttribute: name) { fill(column, value) }
    }
  }

  override func end() {
    guard !done else { return }
    settle()
    pendingPop = true
  }

  override func characters(_ bytes: UnsafeBufferPointer<xmlChar>) {
    guard !done else { return }
    settle()
    guard depth > 0 else { return }
    frames[depth - 1].textBytes += bytes.count
    guard frames[depth - 1].textBytes <= maxTextBytes else {
      // Halting libxml2 inside its character-data loop crashes it; the rest of
      // the current chunk is parsed and ignored.
      return fail(
        Problem(
          .XML_MALFORMED, at: Location(line: parser?.line), variant: "text_size",
          arguments: ["limit": String(maxTextBytes)]), halting: false)
    }
    if collecting { text.append(contentsOf: bytes) }
  }

  override func endDocument() {
    guard !done else { return }
    settle()
  }

  private func settle() {
    guard pendingPop else { return }
    pendingPop = false
    depth -= 1
    if collecting, let column = frames[depth].map?.text {
      collecting = false
      let value = text.withUnsafeBufferPointer { String(decoding: trimmedASCII($0), as: UTF8.self) }
      if !value.isEmpty { fill(column, value) }
    }
    if frames[depth].isRecord, var record {
      self.record = nil
      for (column, value) in recordMap.defaults {
        if let position = fieldNames.position(of: column) { record.fill(position, with: value) }
      }
      let id = idColumn.flatMap { record[$0] }
      record.problems = record.problems.map { $0.located(Location(recordID: id)) }
      sink.record(record)
      done = done || sink.stopped
    }
  }

  /// After the last event: the last pops, and `FILE_EMPTY` for a root without records.
  func finish() {
    guard !done else { return }
    settle()
    if records == 0, !sink.summary.fileRejected {
      sink.fileProblem(Problem(.FILE_EMPTY, variant: "no_records"))
    }
  }

  private var path: String {
    var path = ""
    for (depth, frame) in frames[0..<depth].enumerated() {
      path += "/\(frame.name)"
      if frame.isRecord || (depth > 0 && frame.index > 1) { path += "[\(frame.index)]" }
    }
    return path
  }

  override func schemaError(_ error: xmlError) {
    guard !done, error.level != XML_ERR_WARNING else { return }
    let message = error.message.map { String(cString: $0) } ?? ""
    let attribute = attributeName(in: message)
    var field: String?
    if depth > 0, let map = frames[depth - 1].map {
      field = attribute.map { map.column(ofAttribute: $0) } ?? map.text
    } else if depth == 1 {
      field = attribute
    }
    var values = attributeValues.map(\.value)
    if collecting {
      let raw = String(decoding: text, as: UTF8.self)
      values += [raw, raw.trimmedASCII(), collapsed(raw)]
    }
    let detail = XMLMessage.sanitize(message, values: values, vocabulary: schema.vocabulary)
    let path = self.path
    let arguments = ["detail": detail, "path": path]
    if var current = record {
      current.problems.append(
        Problem(
          .XML_SCHEMA,
          at: Location(
            line: parser?.line, record: current.number,
            field: field, path: path), variant: "libxml", arguments: arguments))
      record = current
    } else {
      sink.fileProblem(
        Problem(
          .XML_SCHEMA, at: Location(line: parser?.line, field: field, path: path),
          variant: "libxml", arguments: arguments), rejectsFile: true)
      done = done || sink.stopped
    }
  }

  override func parserError(_ error: xmlError) {
    guard !done, error.level != XML_ERR_WARNING else { return }
    // As in the first pass, the parser is not halted from inside an error callback.
    fail(malformed(error, vocabulary: schema.vocabulary), halting: false)
  }

  override func doctype() {
    guard !done else { return }
    fail(Problem(.XML_DTD_FORBIDDEN, at: Location(line: parser?.line)))
  }

  override func failed(code: Int32?) {
    guard !done else { return }
    let arguments = code.map { ["code": String($0)] } ?? [:]
    fail(
      Problem(
        .XML_MALFORMED, at: Location(line: parser?.line), variant: "unreadable",
        arguments: arguments))
  }

  /// A problem that rejects the file and ends the parse; the record being read is dropped.
  private func fail(_ problem: Problem, halting: Bool = true) {
    record = nil
    sink.fileProblem(problem, rejectsFile: true)
    if halting { stop() } else { done = true }
  }

  /// The attribute a libxml2 message is about: `…, attribute 'name': …`.
  private func attributeName(in message: String) -> String? {
    guard let start = message.firstRange(of: "attribute '") else { return nil }
    let rest = message[start.upperBound...]
    guard let end = rest.firstIndex(of: "'") else { return nil }
    return String(rest[..<end])
  }

  /// White space collapsed as `xs:token` does, which is how libxml2 quotes the value.
  private func collapsed(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
      .joined(separator: " ")
  }
}
