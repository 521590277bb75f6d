import SiirtoCore
import Testing

@testable import SiirtoFormats

@Suite("Recognising a file")
struct RecognitionTests {
  @Test("zero bytes, only white space and a byte-order mark, a header without records")
  func empty() throws {
    for (name, variant) in [
      ("empty.csv", "zero_bytes"), ("bom-only.csv", "blank"), ("header-only.csv", "no_records"),
      ("claims-empty.xml", "no_records"),
    ] {
      let result = try read(fixture(name))
      #expect(result.codes == [.FILE_EMPTY], "\(name)")
      #expect(result.fileProblems.first?.variant == variant, "\(name)")
      #expect(result.summary.fileRejected)
    }
  }

  @Test("UTF-16 big-endian: white space only is empty, a document is XML")
  func utf16BigEndian() throws {
    let blank = try read(bytes: [0xFE, 0xFF, 0x00, 0x20, 0x00, 0x0A])
    #expect(blank.codes == [.FILE_EMPTY])
    #expect(blank.fileProblems.first?.variant == "blank")
    let xml = "\n<PaymentClaims xmlns=\"urn:siirto:claims:1\"><Claim id=\"Ä-1\"/></PaymentClaims>\n"
    let bytes: [UInt8] = [0xFE, 0xFF] + xml.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    let result = try read(bytes: bytes)
    #expect(result.allProblems.isEmpty)
    #expect(result.records.first?["claim_id"] == "Ä-1")
    #expect(result.records.first?.line == 2)
  }

  @Test("a header without records still names its kind")
  func headerOnly() throws {
    let result = try read(fixture("header-only.csv"))
    #expect(result.summary.kind == .claims)
    #expect(result.headers.first?.columns == ["claim_id", "claimant_y_tunnus", "amount"])
  }

  @Test("NUL bytes, bytes Windows-1252 leaves undefined, UTF-16 CSV are not text")
  func notText() throws {
    let nul = try read(fixture("nul.csv"))
    #expect(nul.codes == [.FILE_ENCODING])
    #expect(nul.fileProblems.first?.variant == "nul")
    #expect(nul.fileProblems.first?.location.line == 3)
    let undefined = try read(fixture("undefined-byte.csv"))
    #expect(undefined.codes == [.FILE_ENCODING])
    #expect(undefined.fileProblems.first?.location.line == 3)
    // The line of a bad byte counts a CRLF once and a CR alone as a line end.
    let mixed = try read(bytes: Array("claim_id;amount\r\nHKI-1;1\rHKI-2;2\n".utf8) + [0x00])
    #expect(mixed.fileProblems.first?.location.line == 4)
    let utf16 = try read(fixture("utf16.csv"))
    #expect(utf16.codes == [.FILE_ENCODING])
    #expect(utf16.fileProblems.first?.variant == "utf16")
    for result in [nul, undefined, utf16] {
      #expect(result.summary.fileRejected)
      #expect(result.summary.kind == nil)
      #expect(result.records.isEmpty)
    }
  }

  @Test("plain text, JSON, an ambiguous header and an unknown namespace are of no known kind")
  func unknownKind() throws {
    for (name, variant) in [
      ("notes.txt", "csv_header"), ("data.json", "json"), ("tie.csv", "csv_header"),
      ("unknown-namespace.xml", "namespace"),
    ] {
      let result = try read(fixture(name))
      #expect(result.codes == [.FILE_UNKNOWN_KIND], "\(name)")
      #expect(result.fileProblems.first?.variant == variant, "\(name)")
      #expect(result.summary.kind == nil)
      #expect(result.summary.fileRejected)
    }
  }

  @Test("a first line over 64 KiB is no header")
  func longHeader() throws {
    let line = "claim_id;claimant_y_tunnus;" + String(repeating: "x", count: 70_000)
    let result = try read(text: line + "\nHKI-1;0201256-6;1\n")
    #expect(result.codes == [.FILE_UNKNOWN_KIND])
    #expect(result.fileProblems.first?.variant == "header_too_long")
  }

  @Test("the kind comes from the columns, in any order and letter case")
  func kinds() throws {
    for (name, kind, delimiter) in [
      ("claims.csv", InputKind.claims, true), ("register.csv", .register, false),
      ("registration.csv", .registration, true), ("mandates.csv", .mandates, true),
    ] {
      let result = try read(fixture(name))
      #expect(result.summary.kind == kind, "\(name)")
      #expect(result.summary.format == .csv)
      #expect(result.headers.first?.decimalComma == delimiter, "\(name)")
      #expect(!result.summary.fileRejected, "\(name)")
      #expect(result.allProblems.isEmpty, "\(name): \(result.codes)")
    }
  }

  @Test("Windows-1252 is read with a warning, and ä, ö and å come through")
  func windows1252() throws {
    let result = try read(fixture("registration-windows1252.csv"))
    #expect(result.codes == [.FILE_ENCODING_WINDOWS_1252])
    #expect(result.fileProblems.first?.severity == .warning)
    #expect(!result.summary.fileRejected)
    #expect(result.records.first?["name"] == "Säätiö Åbo ö")
    let euro = try read(fixture("claims-windows1252.csv"))
    #expect(euro.records.last?["amount"] == "2,00 €")
  }

  @Test("the embedded Table Schemas name the spec's columns")
  func tableSchemas() {
    #expect(TableSchema.for(.claims).requiredColumns == ["claim_id", "claimant_y_tunnus"])
    #expect(TableSchema.for(.register).requiredColumns == ["y_tunnus", "name", "type"])
    #expect(TableSchema.for(.registration).requiredColumns == ["request_id", "action", "y_tunnus"])
    #expect(
      TableSchema.for(.mandates).requiredColumns == [
        "mandate_id", "status", "principal_type", "principal_id", "agent_type", "agent_id",
        "issue", "valid_from",
      ])
    #expect(TableSchema.for(.claims).columnNames.count == 15)
    #expect(TableSchema.for(.claims).field("benefit")?.constraints?.enum?.count == 12)
  }
}
