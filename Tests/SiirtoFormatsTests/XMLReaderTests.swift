import Foundation
import SiirtoCore
import Testing

@testable import SiirtoFormats

/// Runs `xmllint --noout --schema` with the embedded XSD of `kind`; true when valid.
func xmllintAccepts(_ path: String, kind: InputKind) throws -> Bool {
  let directory = try TemporaryDirectory()
  let schema = try directory.file(kind.xsdName, try #require(Schemas.text(named: kind.xsdName)))
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
  process.arguments = ["--noout", "--nonet", "--schema", schema, path]
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  return process.terminationStatus == 0
}

@Suite("XML reader")
struct XMLReaderTests {
  @Test(
    "each valid sample passes xmllint and the reader",
    arguments: [
      ("claims-valid.xml", InputKind.claims, 3), ("register-valid.xml", .register, 2),
      ("registration-valid.xml", .registration, 3), ("mandates-valid.xml", .mandates, 3),
      ("mandates-utf16.xml", .mandates, 1),
    ])
  func valid(name: String, kind: InputKind, records: Int) throws {
    #expect(try xmllintAccepts(fixture(name), kind: kind))
    let result = try read(fixture(name))
    #expect(result.summary.kind == kind)
    #expect(result.summary.format == .xml)
    #expect(result.summary.records == records)
    #expect(!result.summary.fileRejected)
    #expect(result.allProblems.isEmpty, "\(result.allProblems)")
  }

  @Test("claims map onto the CSV columns; an omitted action is ADD")
  func claims() throws {
    let result = try read(fixture("claims-valid.xml"))
    let first = try #require(result.records.first)
    #expect(
      first.fields == [
        "claim_id": "HKI-2026-000123", "action": "ADD", "claimant_y_tunnus": "0201256-6",
        "registered_by": "010190-900P", "client_hetu": "150612A901N", "non_disclosure": "false",
        "claim_type": "TOIMEENTULOTUKI_ENNAKKO", "legal_basis": "TOIMEENTULOTUKILAKI_23",
        "benefit": "YLEINEN_ASUMISTUKI", "period_start": "2026-10-01", "period_end": "2026-10-31",
        "amount": "450.00", "iban": "FI2112345600000785", "reference": "12345672",
        "decision_date": "2026-10-05",
      ])
    #expect(first.line == 3)
    #expect(first.path == "/PaymentClaims/Claim[1]")
    #expect(
      result.records[1].fields == [
        "claim_id": "HKI-2026-000099", "action": "CANCEL", "claimant_y_tunnus": "0201256-6",
      ])
    #expect(result.records[2]["action"] == "ADD")
    #expect(result.records.map(\.number) == [1, 2, 3])
  }

  @Test("mandate parties, register rows, requests and root attributes")
  func otherKinds() throws {
    let mandates = try read(fixture("mandates-valid.xml"))
    #expect(
      mandates.headers.first?.attributes == [
        "exportId": "VAL-20261121-01", "exportedAt": "2026-11-21T22:00:00Z",
      ])
    let first = try #require(mandates.records.first)
    #expect(first.line == 4)
    #expect(first["principal_type"] == "ORG")
    #expect(first["principal_id"] == "0201256-6")
    #expect(first["agent_type"] == "PERSON")
    #expect(first["agent_id"] == "010190-900P")
    #expect(first["agent_name"] == "Testi Henkilö")
    #expect(first["mandate_id"] == "M-000001")
    #expect(mandates.records[1]["agent_type"] == "ORG")
    #expect(mandates.records[2]["principal_type"] == "PERSON")
    #expect(mandates.records[2]["principal_id"] == "050505A900K")

    let register = try read(fixture("register-valid.xml"))
    #expect(register.headers.first?.attributes == ["snapshotDate": "2026-11-21"])
    #expect(register.records.first?["municipality_code"] == "091")
    #expect(register.records.first?["name_sv"] == "Helsingfors stad")

    let requests = try read(fixture("registration-valid.xml"))
    #expect(requests.records.first?["contact_name"] == "Maija Mäkinotkelma")
    #expect(requests.records.first?["name"] == "Esimerkin Palvelusäätiö sr")
    #expect(requests.records.first?["contact_email"] == "maija@example.fi")
    #expect(requests.records[2]["action"] == "ADD")
    #expect(requests.records[2]["name"] == "Palvelu & Tuki Oy")
  }

  @Test(
    "every column the XML mapping fills is a column of the kind's Table Schema",
    arguments: InputKind.allCases)
  func mappingColumns(kind: InputKind) {
    func columns(_ map: ElementMap) -> Set<String> {
      var found = Set(map.attributes.values).union(map.constants.keys).union(map.defaults.keys)
      if let text = map.text { found.insert(text) }
      for child in map.children.values { found.formUnion(columns(child)) }
      return found
    }
    let mapped = columns(ElementMap.record(kind))
    let schema = Set(TableSchema.for(kind).columnNames)
    #expect(mapped.isSubset(of: schema), "\(mapped.subtracting(schema))")
    #expect(schema.subtracting(mapped).isEmpty, "\(schema.subtracting(mapped))")
  }

  /// Element and attribute names declared in `xsd`, with their `type` where given.
  static func declarations(_ xsd: String) -> [(name: String, type: String?)] {
    let pattern = try! Regex(
      #"<xs:(?:element|attribute) name="([A-Za-z]+)"(?: type="([A-Za-z:]+)")?"#)
    return xsd.matches(of: pattern).map { match in
      (String(match.output[1].substring!), match.output[2].substring.map(String.init))
    }
  }

  /// The `maxLength` of the simple type `type` of `xsd`.
  static func maxLength(of type: String, in xsd: String) -> Int? {
    guard let start = xsd.range(of: "<xs:simpleType name=\"\(type)\">"),
      let end = xsd[start.upperBound...].range(of: "</xs:simpleType>"),
      let limit = xsd[start.upperBound..<end.lowerBound].firstMatch(
        of: #/<xs:maxLength value="([0-9]+)"/>/#)
    else { return nil }
    return Int(limit.output.1)
  }

  @Test(
    "the XSD declares what the XML mapping reads, with the Table Schema's length limits",
    arguments: InputKind.allCases)
  func xsdAgreesWithMapping(kind: InputKind) throws {
    let xsd = try #require(Schemas.text(named: kind.xsdName))
    let rootAttributes: [InputKind: Set<String>] = [
      .register: ["snapshotDate"], .mandates: ["exportId", "exportedAt"],
    ]
    // Where each column is read from: element or attribute names.
    var sources: [String: Set<String>] = [:]
    var mapped: Set<String> = [kind.rootElement, kind.recordElement]
    mapped.formUnion(rootAttributes[kind] ?? [])
    func walk(_ map: ElementMap) {
      for (attribute, column) in map.attributes {
        mapped.insert(attribute)
        sources[column, default: []].insert(attribute)
      }
      for (element, child) in map.children {
        mapped.insert(element)
        if let column = child.text { sources[column, default: []].insert(element) }
        walk(child)
      }
    }
    walk(ElementMap.record(kind))
    let declared = Self.declarations(xsd)
    #expect(Set(declared.map(\.name)) == mapped)
    for field in TableSchema.for(kind).fields {
      guard let limit = field.constraints?.maxLength else { continue }
      let names = sources[field.name] ?? []
      #expect(!names.isEmpty, "\(field.name)")
      for declaration in declared where names.contains(declaration.name) {
        let type = try #require(declaration.type, "\(declaration.name)")
        #expect(
          Self.maxLength(of: type, in: xsd) == limit,
          "\(kind): \(declaration.name) of \(type) for \(field.name)")
      }
    }
  }

  @Test("code lists: the Table Schemas' enums are the Swift enums; the XSDs leave codes to Siirto")
  func codeLists() throws {
    func codes(_ kind: InputKind, _ column: String) -> [String]? {
      TableSchema.for(kind).field(column)?.constraints?.enum
    }
    #expect(codes(.claims, "claim_type") == ClaimType.allCases.map(\.rawValue))
    #expect(codes(.claims, "legal_basis") == LegalBasis.allCases.map(\.rawValue))
    #expect(codes(.claims, "benefit") == Benefit.allCases.map(\.rawValue))
    #expect(codes(.claims, "action") == ["ADD", "CANCEL"])
    #expect(codes(.registration, "action") == ["ADD", "REMOVE"])
    #expect(
      Set(codes(.register, "type") ?? [])
        == Set(OrganisationType.snapshotTypes.map(\.rawValue)))
    #expect(
      OrganisationType.allCases.map(\.rawValue) == [
        "KUNTA", "KUNTAYHTYMA", "HYVINVOINTIALUE", "MUU",
      ])
    #expect(codes(.mandates, "status") == MandateStatus.allCases.map(\.rawValue))
    #expect(codes(.mandates, "principal_type") == PartyType.allCases.map(\.rawValue))
    #expect(codes(.mandates, "agent_type") == PartyType.allCases.map(\.rawValue))
    // Matters that are not Kela's are ignored, not ENUM: the issue column is open.
    #expect(codes(.mandates, "issue") == nil)
    #expect(
      MandateMatter.allCases.map(\.rawValue) == [
        "kelmu-etuustiedot-maksuvaatimukset", "kelmu-tmt-aineistot", "kela-ajanvaraus",
        "huoltajuus",
      ])
    for kind in InputKind.allCases {
      let xsd = try #require(Schemas.text(named: kind.xsdName))
      #expect(!xsd.contains("xs:enumeration"), "\(kind.xsdName) would turn ENUM into XML_SCHEMA")
    }
  }

  @Test("UTF-16 with a byte-order mark is read")
  func utf16() throws {
    let result = try read(fixture("mandates-utf16.xml"))
    #expect(result.records.first?["agent_name"] == "Testi Henkilö")
    #expect(result.records.first?.line == 3)
    #expect(result.headers.first?.attributes["exportedAt"] == "2026-11-21T22:00:00+02:00")
  }

  @Test("a schema error in a record rejects that record, with line, path, field and ID")
  func schemaErrorInRecord() throws {
    let path = fixture("claims-invalid.xml")
    #expect(try !xmllintAccepts(path, kind: .claims))
    let result = try read(path)
    #expect(!result.summary.fileRejected)
    #expect(result.fileProblems.isEmpty)
    #expect(result.records.count == 3)
    #expect(result.records[0].problems.isEmpty)
    #expect(result.records[2].problems.isEmpty)
    let problems = result.records[1].problems
    #expect(problems.allSatisfy { $0.code == .XML_SCHEMA })
    #expect(problems.map(\.location.line) == [9, 10, 11])
    #expect(problems.map(\.location.field) == ["non_disclosure", "amount", nil])
    #expect(
      problems.map(\.location.path) == [
        "/PaymentClaims/Claim[2]/Client", "/PaymentClaims/Claim[2]/Amount",
        "/PaymentClaims/Claim[2]/Colour",
      ])
    #expect(problems.allSatisfy { $0.location.record == 2 && $0.location.recordID == "HKI-2" })
    #expect(problems[2].arguments["detail"]?.contains("Colour") == true)
    #expect(problems[2].arguments["detail"]?.contains("not expected") == true)
  }

  @Test("no henkilötunnus or other value reaches an XML_SCHEMA message")
  func privacy() throws {
    let result = try read(fixture("claims-invalid.xml"))
    let problems = result.problems(.XML_SCHEMA)
    #expect(problems.count == 3)
    for problem in problems {
      let texts =
        Array(problem.arguments.values) + Language.allCases.map { Messages.render(problem, in: $0) }
      for text in texts {
        #expect(!text.contains("010190-900P"), "\(text)")
        #expect(!PrivacyFilter.containsIdentityCode(text), "\(text)")
        #expect(!text.contains("red"), "\(text)")
      }
    }
    // The element and attribute names and the schema's words stay.
    #expect(
      problems[0].arguments["detail"]
        == "Element 'Client', attribute 'nonDisclosure': '…' is not a valid value of the atomic type 'xs:boolean'."
    )
    #expect(
      problems[1].arguments["detail"]
        == "Element 'Amount': '…' is not a valid value of the atomic type 'AmountValue'.")
  }

  @Test("values in facet messages are dropped, lengths kept")
  func facetMessages() throws {
    let hetu = String(repeating: "010190-900P", count: 6)
    let text = """
      <PaymentClaims xmlns="urn:siirto:claims:1">
        <Claim id="A1"><Client hetu="\(hetu)"/><Amount>12.345</Amount></Claim>
      </PaymentClaims>
      """
    let result = try read(text: text)
    let details = result.problems(.XML_SCHEMA).compactMap { $0.arguments["detail"] }
    #expect(details.count == 2)
    #expect(details.first?.contains("has a length of '66'") == true)
    #expect(details.last?.contains("The value '…' is not accepted by the pattern") == true)
    #expect(!details.contains { $0.contains("900P") || $0.contains("12.345") })
  }

  @Test("a schema error outside any record rejects the file")
  func schemaErrorOutsideRecords() throws {
    let path = fixture("register-no-snapshot-date.xml")
    #expect(try !xmllintAccepts(path, kind: .register))
    let result = try read(path)
    #expect(result.summary.fileRejected)
    let problem = try #require(result.fileProblems.first)
    #expect(problem.code == .XML_SCHEMA)
    #expect(problem.location.line == 2)
    #expect(problem.location.path == "/Register")
    #expect(problem.location.field == "snapshotDate")
    #expect(result.records.count == 1)
  }

  @Test("a known namespace with the wrong root element is XML_SCHEMA")
  func wrongRoot() throws {
    let result = try read(fixture("claims-wrong-root.xml"))
    #expect(result.codes == [.XML_SCHEMA])
    #expect(result.fileProblems.first?.location.path == "/Claims")
    #expect(result.fileProblems.first?.location.line == 2)
    #expect(result.summary.kind == .claims)
    #expect(result.summary.fileRejected)
  }

  @Test("not well-formed is XML_MALFORMED with line and column; earlier records were read")
  func malformed() throws {
    let result = try read(fixture("claims-malformed.xml"))
    #expect(result.summary.fileRejected)
    #expect(result.records.count == 1)
    let problem = try #require(result.fileProblems.first)
    #expect(result.fileProblems.count == 1)
    #expect(problem.code == .XML_MALFORMED)
    #expect(problem.location.line == 8)
    #expect(problem.location.column != nil)
  }

  @Test("undefined entities and bytes invalid in the encoding are XML_MALFORMED")
  func malformedBytes() throws {
    for (name, line) in [("claims-undefined-entity.xml", 2), ("claims-bad-bytes.xml", 3)] {
      let result = try read(fixture(name))
      #expect(result.codes == [.XML_MALFORMED], "\(name)")
      #expect(result.fileProblems.first?.location.line == line, "\(name)")
      #expect(result.records.isEmpty)
    }
  }

  @Test("past libxml2's nesting limit is XML_MALFORMED")
  func depth() throws {
    let text =
      "<PaymentClaims xmlns=\"urn:siirto:claims:1\"><Claim id=\"a\">"
      + String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
      + "</Claim></PaymentClaims>"
    let result = try read(text: text)
    #expect(result.problems(.XML_MALFORMED).first?.variant == "depth")
    #expect(result.summary.fileRejected)
  }

  @Test(
    "a DOCTYPE is XML_DTD_FORBIDDEN before any entity expands",
    arguments: ["billion-laughs.xml", "xxe.xml"])
  func doctype(name: String) throws {
    let result = try read(fixture(name))
    #expect(result.codes == [.XML_DTD_FORBIDDEN])
    #expect(result.fileProblems.first?.location.line == 2)
    #expect(result.records.isEmpty)
    #expect(result.summary.fileRejected)
  }

  @Test("a child's position in a path counts within its own parent only")
  func positionsPerParent() throws {
    let text = """
      <?xml version="1.0"?>
      <PaymentClaims xmlns="urn:siirto:claims:1">
        <Claim id="C-1">
          <Claimant yTunnus="0201256-6"/>
          <Amount>1.00</Amount>
          <Amount>2.00</Amount>
        </Claim>
        <Claim id="C-2">
          <Claimant yTunnus="0201256-6"/>
          <Amount>1,00</Amount>
        </Claim>
      </PaymentClaims>

      """
    let result = try read(text: text)
    #expect(result.records.map(\.path) == ["/PaymentClaims/Claim[1]", "/PaymentClaims/Claim[2]"])
    #expect(
      result.records.map { $0.problems.map(\.location.path) } == [
        ["/PaymentClaims/Claim[1]/Amount[2]"], ["/PaymentClaims/Claim[2]/Amount"],
      ])
  }

  @Test("line numbers stay exact past line 65,535")
  func largeFile() throws {
    var text = "<?xml version=\"1.0\"?>\n<PaymentClaims xmlns=\"urn:siirto:claims:1\">\n"
    let count = 25_000
    for i in 1...count {
      let amount = i == count ? "1,00" : "1.00"
      text +=
        "  <Claim id=\"C-\(i)\">\n    <Claimant yTunnus=\"0201256-6\"/>\n    <Amount>\(amount)</Amount>\n  </Claim>\n"
    }
    text += "</PaymentClaims>\n"
    let result = try read(text: text)
    #expect(result.records.count == count)
    let last = try #require(result.records.last)
    #expect(last.line == 3 + 4 * (count - 1))
    #expect(last.path == "/PaymentClaims/Claim[\(count)]")
    let problem = try #require(last.problems.first)
    #expect(problem.location.line == last.line + 2)
    #expect(problem.location.path == "/PaymentClaims/Claim[\(count)]/Amount")
    #expect(problem.location.recordID == "C-\(count)")
    #expect(result.records[20_000].line == 3 + 4 * 20_000)
    #expect(result.records.dropLast().allSatisfy { $0.problems.isEmpty })
  }

  @Test("a text past libxml2's 10 MB limit is XML_MALFORMED, read with bounded memory")
  func textSize() throws {
    let text =
      "<PaymentClaims xmlns=\"urn:siirto:claims:1\"><Claim id=\"a\"><Amount>"
      + String(repeating: "1", count: 10_500_000) + "</Amount></Claim></PaymentClaims>"
    let result = try read(text: text)
    #expect(result.codes == [.XML_MALFORMED])
    #expect(result.fileProblems.first?.variant == "text_size")
    #expect(result.records.isEmpty)
  }

  @Test("xsi attributes are allowed and stay out of the header")
  func schemaInstanceAttributes() throws {
    let text = """
      <PaymentClaims xmlns="urn:siirto:claims:1"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="urn:siirto:claims:1 claims.xsd">
        <Claim id="A1"><Claimant yTunnus="0201256-6"/></Claim>
      </PaymentClaims>
      """
    let result = try read(text: text)
    #expect(result.allProblems.isEmpty)
    #expect(result.headers.first?.attributes == [:])
    #expect(result.records.first?.line == 4)
  }

  @Test("an error thrown by the handler stops an XML read and comes out")
  func handlerError() throws {
    struct Stop: Error {}
    var records = 0
    #expect(throws: Stop.self) {
      _ = try InputReader.read(path: fixture("claims-valid.xml")) { event in
        if case .record = event {
          records += 1
          throw Stop()
        }
      }
    }
    #expect(records == 1)
  }
}
