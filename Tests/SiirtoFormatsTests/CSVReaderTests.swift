import Foundation
import SiirtoCore
import Testing

@testable import SiirtoFormats

@Suite("CSV reader")
struct CSVReaderTests {
  @Test("fields by column name, trimmed and unquoted; empty is missing")
  func fields() throws {
    let result = try read(fixture("claims.csv"))
    #expect(result.records.count == 3)
    let first = try #require(result.records.first)
    #expect(first.number == 1)
    #expect(first.line == 2)
    #expect(first["amount"] == "450,00")
    #expect(first["decision_date"] == "5.10.2026")
    let cancel = result.records[1]
    #expect(
      cancel.fields == ["claim_id": "HKI-2", "action": "CANCEL", "claimant_y_tunnus": "0201256-6"])
    let third = result.records[2]
    #expect(third["claim_id"] == "HKI-3")
    #expect(third["action"] == "ADD")
    #expect(third["iban"] == "FI21 1234 5600 0007 85")
    #expect(third["reference"] == nil)
    #expect(third["non_disclosure"] == "K")
    #expect(result.summary.records == 3)
  }

  @Test("a quoted field may hold the delimiter and line breaks; lines stay physical")
  func quotedLineBreaks() throws {
    let result = try read(fixture("registration.csv"))
    #expect(result.records.map(\.line) == [2, 4])
    #expect(
      result.records.first?["justification"] == "Asiakkaiden ajanvaraus;\nKelan puhelinpalveluun")
    #expect(result.records.first?["contact_phone"] == nil)
    let register = try read(fixture("register.csv"))
    #expect(register.records.last?["name"] == "Espoon seudun koulutuskuntayhtymä Omnia, Espoo")
  }

  @Test("quoted column names are recognised")
  func quotedHeader() throws {
    let result = try read(
      text: "\u{FEFF}\"claim_id\";\"Claimant_Y_Tunnus\"\r\n\"HKI-1\";\"0201256-6\"\r\n")
    #expect(result.summary.kind == .claims)
    #expect(result.headers.first?.columns == ["claim_id", "claimant_y_tunnus"])
    #expect(
      result.records.first?.fields == ["claim_id": "HKI-1", "claimant_y_tunnus": "0201256-6"])
  }

  @Test("a stray quote is CSV_MALFORMED at the line where its record starts")
  func strayQuote() throws {
    let result = try read(fixture("claims-stray-quote.csv"))
    #expect(result.records.map(\.line) == [2, 3])
    #expect(result.fileProblems.map(\.code) == [.CSV_MALFORMED])
    #expect(result.fileProblems.first?.location.line == 5)
    #expect(result.summary.fileRejected)
  }

  @Test("an unclosed quote is CSV_MALFORMED at the line where it starts")
  func unclosedQuote() throws {
    let result = try read(fixture("claims-unclosed-quote.csv"))
    #expect(result.fileProblems.map(\.code) == [.CSV_MALFORMED])
    #expect(result.fileProblems.first?.variant == "unclosed_quote")
    #expect(result.fileProblems.first?.location.line == 3)
    #expect(result.records.count == 1)
  }

  @Test("a row with the wrong number of fields is rejected, the others are not")
  func fieldCount() throws {
    let result = try read(fixture("claims-field-count.csv"))
    #expect(result.records.count == 3)
    #expect(!result.summary.fileRejected)
    #expect(result.records[0].problems.isEmpty)
    for (record, found) in [(result.records[1], "2"), (result.records[2], "4")] {
      let problem = try #require(record.problems.first)
      #expect(problem.code == .CSV_FIELD_COUNT)
      #expect(problem.arguments == ["expected": "3", "found": found])
      #expect(problem.location.line == record.line)
      #expect(problem.location.record == record.number)
      #expect(problem.location.recordID == record["claim_id"])
      #expect(record.hasReaderError)
    }
  }

  @Test("blank lines and rows of empty fields are skipped with a warning; CRLF; no final line end")
  func blankRows() throws {
    let result = try read(fixture("claims-blank-rows.csv"))
    #expect(result.records.map(\.line) == [2, 6])
    #expect(result.records.map(\.number) == [1, 2])
    #expect(result.records.last?["amount"] == "2,00")
    #expect(result.fileProblems.map(\.code) == [.CSV_BLANK_ROW, .CSV_BLANK_ROW, .CSV_BLANK_ROW])
    #expect(result.fileProblems.map { $0.location.line } == [3, 4, 5])
    #expect(result.fileProblems.allSatisfy { $0.severity == .warning })
    #expect(!result.summary.fileRejected)
  }

  @Test("lines ended by a CR alone are counted as lines, quoted line breaks included")
  func carriageReturnLineEnds() throws {
    let result = try read(
      text: "claim_id;claimant_y_tunnus;amount\rHKI-1;0201256-6;1,00\r\r"
        + "\"HKI-2\rsecond\";0201256-6;2,00\rHKI-3;0201256-6\rHKI-4;0201256-6;4,00")
    #expect(result.records.map(\.line) == [2, 4, 6, 7])
    #expect(result.fileProblems.map(\.code) == [.CSV_BLANK_ROW])
    #expect(result.fileProblems.first?.location.line == 3)
    #expect(result.records[2].problems.map(\.code) == [.CSV_FIELD_COUNT])
    #expect(result.records[2].problems.first?.location.line == 6)
    #expect(result.records.last?["amount"] == "4,00")
    // The header ends at its CR, also when the file is longer than a header may be.
    let long = try read(
      text: "claim_id;claimant_y_tunnus;amount\r"
        + (1...3_000).map { "HKI-\($0);0201256-6;1,00\r" }.joined())
    #expect(long.summary.kind == .claims)
    #expect(long.records.count == 3_000)
    #expect(long.records.last?.line == 3_001)
  }

  @Test(
    "unknown, missing and duplicated columns are CSV_HEADER naming the expected columns",
    arguments: [
      ("claims-header-unknown.csv", "unknown_column", "colour"),
      ("claims-header-missing.csv", "missing_column", "claimant_y_tunnus"),
      ("claims-header-duplicate.csv", "duplicate_column", "amount"),
    ])
  func header(name: String, variant: String, column: String) throws {
    let result = try read(fixture(name))
    #expect(result.summary.kind == .claims)
    #expect(result.summary.fileRejected)
    #expect(result.records.isEmpty)
    let problem = try #require(result.fileProblems.first)
    #expect(result.fileProblems.count == 1)
    #expect(problem.code == .CSV_HEADER)
    #expect(problem.variant == variant)
    #expect(problem.location.field == column)
    #expect(problem.location.line == 1)
    #expect(problem.arguments["column"] == column)
    #expect(problem.arguments["expected"]?.hasPrefix("claim_id, action, claimant_y_tunnus") == true)
    #expect(problem.arguments["required"] == "claim_id, claimant_y_tunnus")
    #expect(Messages.render(problem, in: .en).contains(column))
  }

  @Test("an unknown column is quoted short and without identity codes")
  func unknownColumnQuoted() throws {
    let long = String(repeating: "z", count: 100)
    let result = try read(
      text: "claim_id;claimant_y_tunnus;010190-900P;\(long)\nHKI-1;0201256-6;x;y\n")
    let columns = result.problems(.CSV_HEADER).compactMap { $0.arguments["column"] }
    #expect(columns == [PrivacyFilter.mask, String(repeating: "z", count: 64) + "…"])
    #expect(result.problems(.CSV_HEADER).allSatisfy { $0.location.field == $0.arguments["column"] })
  }

  @Test("a value longer than the Table Schema allows is LENGTH, with the field named")
  func length() throws {
    let result = try read(fixture("claims-length.csv"))
    let problem = try #require(result.records.first?.problems.first)
    #expect(problem.code == .LENGTH)
    #expect(problem.location.field == "claim_id")
    #expect(problem.location.line == 2)
    #expect(problem.arguments == ["max": "40", "length": "41"])
    #expect(result.records.last?.problems.isEmpty == true)
  }

  @Test("a Table Schema's minLength gives LENGTH too")
  func minLength() throws {
    let json = """
      {"fields": [
        {"name": "claim_id", "type": "string", "constraints": {"required": true, "minLength": 3}},
        {"name": "claimant_y_tunnus", "type": "string", "constraints": {"required": true}}
      ]}
      """
    let schema = try JSONDecoder().decode(TableSchema.self, from: Data(json.utf8))
    let directory = try TemporaryDirectory()
    let path = try directory.file(
      "short.csv", "claim_id;claimant_y_tunnus\nHK;0201256-6\nHKI;0201256-6\n")
    var records: [RawRecord] = []
    let sink = EventSink { event in
      if case .record(let record) = event { records.append(record) }
    }
    let reader = CSVInput(
      kind: .claims, schema: schema, delimiter: UInt8(ascii: ";"), encoding: .utf8, bomLength: 0,
      sink: sink)
    try reader.read(FileInput(path: path))
    #expect(records.count == 2)
    #expect(records[0].problems.map(\.code) == [.LENGTH])
    #expect(records[0].problems.first?.arguments == ["min": "3", "length": "2"])
    #expect(records[1].problems.isEmpty)
  }

  @Test("a field over 10,000 bytes is FIELD_TOO_LONG for its record only")
  func fieldTooLong() throws {
    let long = String(repeating: "a", count: 10_001)
    let result = try read(text: "claim_id;claimant_y_tunnus\nHKI-1;\(long)\nHKI-2;0201256-6\n")
    #expect(!result.summary.fileRejected)
    let problem = try #require(result.records.first?.problems.first)
    #expect(problem.code == .FIELD_TOO_LONG)
    #expect(problem.location.field == "claimant_y_tunnus")
    #expect(problem.location.recordID == "HKI-1")
    #expect(result.records.first?["claimant_y_tunnus"] == nil)
    #expect(result.records.last?.problems.isEmpty == true)
  }

  @Test("a field past the buffer's hard cap rejects the file without reading it all into memory")
  func fieldPastCap() throws {
    let huge = String(repeating: "b", count: 3 * 1024 * 1024)
    let result = try read(text: "claim_id;claimant_y_tunnus\nHKI-1;0201256-6\nHKI-2;\"\(huge)\"\n")
    #expect(result.fileProblems.map(\.code) == [.FIELD_TOO_LONG])
    #expect(result.fileProblems.first?.variant == "file")
    #expect(result.fileProblems.first?.location.line == 3)
    #expect(result.summary.fileRejected)
    #expect(result.records.count == 1)
  }

  @Test("line numbers stay exact past line 65,535, quoted line breaks included")
  func largeFile() throws {
    var text = "claim_id,claimant_y_tunnus,amount\r\n"
    for i in 1...70_000 {
      text +=
        i % 1000 == 0
        ? "\"HKI-\(i)\r\nsecond line\",0201256-6,1.00\r\n" : "HKI-\(i),0201256-6,1.00\r\n"
    }
    text += "HKI-last,0201256-6\r\n"
    let result = try read(text: text)
    #expect(result.records.count == 70_001)
    // Each thousandth record takes two lines.
    let last = try #require(result.records.last)
    #expect(last.line == 2 + 70_000 + 70)
    #expect(last.problems.first?.code == .CSV_FIELD_COUNT)
    #expect(last.problems.first?.location.line == 70_072)
    #expect(result.records[68_999].line == 2 + 68_999 + 68)
  }

  @Test("an error thrown by the handler stops the reading and comes out")
  func handlerError() throws {
    struct Stop: Error {}
    var seen = 0
    #expect(throws: Stop.self) {
      _ = try InputReader.read(path: fixture("claims.csv")) { event in
        if case .record = event {
          seen += 1
          throw Stop()
        }
      }
    }
    #expect(seen == 1)
  }

  @Test("a file that cannot be opened is an InputFileError")
  func missingFile() {
    #expect(throws: InputFileError.self) {
      _ = try InputReader.read(path: "/nonexistent/siirto/file.csv") { _ in }
    }
  }
}
