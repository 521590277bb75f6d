import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// One hostile inbox entry and how `siirto run` must take it.
struct Hostile: Sendable, CustomTestStringConvertible {
  enum Outcome: Sendable {
    /// Picked up: a receipt with this status listing at least these codes, the
    /// file moved to `rejected/` (status `REJECTED`) or `archive/`.
    case receipt(String, [String])
    /// Not picked up: still in the inbox, no receipt.
    case leftInInbox
  }

  /// Where an entry lies: a raw name in the top of the inbox or a raw folder.
  struct Entry: Sendable {
    var name: [UInt8]
    var folder: [UInt8]?
  }

  /// What a case's own check sees after the run.
  struct Context {
    var sandbox: Sandbox
    var run: Spawned
    var listener: Listener
    var ledger: LedgerFile?
  }

  var label: String
  var outcome: Outcome
  var exitCode: Int32 = 1
  /// Peak memory the run may reach, for inputs built to exhaust it.
  var memoryMiB: Double?
  var timeout: Double = 180
  /// Extra arguments to `siirto run`.
  var arguments: [String] = []
  /// Also check the file with `siirto validate`, which must find the same codes.
  var validates = false
  var make: @Sendable (Sandbox, Listener) throws -> Entry
  var check: (@Sendable (Context) throws -> Void)?

  var testDescription: String { label }
}

/// The corpus: every case builds its entry at test time, from a small fixture
/// in `Fixtures/hostile/` or from bytes generated here (large files are never
/// committed).
enum HostileCorpus {
  static let header = "request_id;action;y_tunnus;name;justification;contact_name;contact_email\n"

  /// A complete registration request of its own, so that files of the same
  /// run never share content.
  static func registration(_ id: String, _ y: String = "1234567-1", name: String = "Testi Oy")
    -> String
  {
    header + "\(id);ADD;\(y);\(name);Ajanvaraus;Testi Henkilö;testi@example.fi\n"
  }

  static func fixture(_ file: String, port: Int) throws -> [UInt8] {
    let text = try String(
      contentsOf: Sandbox.fixture("hostile/" + file), encoding: .utf8)
    return Array(text.replacingOccurrences(of: "{{PORT}}", with: String(port)).utf8)
  }

  // MARK: Builders

  static func fromFixture(
    _ file: String, _ outcome: Hostile.Outcome, exit: Int32 = 1, folder: String? = nil,
    validates: Bool = true, memoryMiB: Double? = nil,
    check: (@Sendable (Hostile.Context) throws -> Void)? = nil
  ) -> Hostile {
    Hostile(
      label: (folder.map { $0 + "/" } ?? "") + file, outcome: outcome, exitCode: exit,
      memoryMiB: memoryMiB, validates: validates && folder == nil,
      make: { sandbox, listener in
        let folderBytes = folder.map { Array($0.utf8) }
        try sandbox.writeBytes(
          try fixture(file, port: listener.port), name: Array(file.utf8), folder: folderBytes)
        return Hostile.Entry(name: Array(file.utf8), folder: folderBytes)
      }, check: check)
  }

  static func bytes(
    _ label: String, _ content: @escaping @Sendable () -> [UInt8], _ outcome: Hostile.Outcome,
    exit: Int32 = 1, validates: Bool = true
  ) -> Hostile {
    Hostile(
      label: label, outcome: outcome, exitCode: exit, validates: validates,
      make: { sandbox, _ in
        try sandbox.writeBytes(content(), name: Array(label.utf8))
        return Hostile.Entry(name: Array(label.utf8))
      })
  }

  /// A file far larger than memory should allow, streamed to disk in blocks.
  static func large(
    _ label: String, head: String, fill: UInt8, count: Int, tail: String = "",
    _ outcome: Hostile.Outcome, memoryMiB: Double = 100,
    check: (@Sendable (Hostile.Context) throws -> Void)? = nil
  ) -> Hostile {
    Hostile(
      label: label, outcome: outcome, memoryMiB: memoryMiB, validates: true,
      make: { sandbox, _ in
        let path = try sandbox.inboxPath(name: Array(label.utf8))
        try LargeFile.write(
          path, head: Array(head.utf8), fill: fill, count: count,
          tail: Array(tail.utf8))
        try path.age(by: 3600)
        return Hostile.Entry(name: Array(label.utf8))
      }, check: check)
  }

  /// A valid file under a hostile name: accepted, and its name survives.
  static func named(
    _ label: String, _ name: [UInt8], folder: [UInt8]? = nil,
    _ outcome: Hostile.Outcome = .receipt("ACCEPTED", []), exit: Int32 = 0,
    content: String? = nil, check: (@Sendable (Hostile.Context) throws -> Void)? = nil
  ) -> Hostile {
    Hostile(
      label: label, outcome: outcome, exitCode: exit,
      make: { sandbox, _ in
        let body = content ?? registration("REQ-NAME-1")
        try sandbox.writeBytes(Array(body.utf8), name: name, folder: folder)
        return Hostile.Entry(name: name, folder: folder)
      }, check: check)
  }

  static func rejectedWhole(_ code: String) -> Hostile.Outcome { .receipt("REJECTED", [code]) }

  // MARK: The cases

  static let all: [Hostile] = xml + binary + encodings + csv + names + special + intake

  static let xml: [Hostile] = [
    fromFixture("xxe-file.xml", rejectedWhole("XML_DTD_FORBIDDEN"), check: noPasswd),
    fromFixture("xxe-network.xml", rejectedWhole("XML_DTD_FORBIDDEN"), check: noKnock),
    fromFixture("xxe-parameter-entity.xml", rejectedWhole("XML_DTD_FORBIDDEN"), check: noKnock),
    fromFixture("external-dtd-system.xml", rejectedWhole("XML_DTD_FORBIDDEN"), check: noKnock),
    fromFixture("external-dtd-public.xml", rejectedWhole("XML_DTD_FORBIDDEN"), check: noKnock),
    fromFixture("billion-laughs.xml", rejectedWhole("XML_DTD_FORBIDDEN"), memoryMiB: 100),
    // 100 KB expanded 30,000 times would be 3 GB.
    large(
      "quadratic-blowup.xml",
      head: "<?xml version=\"1.0\"?>\n<!DOCTYPE RegistrationRequests [<!ENTITY a \"", fill: 0x61,
      count: 100_000,
      tail: "\">]>\n<RegistrationRequests xmlns=\"urn:siirto:registration:1\">"
        + "<Request id=\"R\"><YTunnus>1234567-1</YTunnus><Name>"
        + String(repeating: "&a;", count: 30_000) + "</Name></Request></RegistrationRequests>\n",
      rejectedWhole("XML_DTD_FORBIDDEN")),
    large(
      "deep-nesting.xml", head: "<RegistrationRequests xmlns=\"urn:siirto:registration:1\">",
      fill: 0, count: 0,
      tail: String(repeating: "<a>", count: 200_000) + String(repeating: "</a>", count: 200_000)
        + "</RegistrationRequests>", rejectedWhole("XML_MALFORMED")),
    // Past libxml2's 10 MB limit on one text node.
    large(
      "huge-text-node.xml",
      head: "<RegistrationRequests xmlns=\"urn:siirto:registration:1\">"
        + "<Request id=\"R\"><YTunnus>1234567-1</YTunnus><Name>", fill: 0x61, count: 24_000_000,
      tail: "</Name></Request></RegistrationRequests>", rejectedWhole("XML_MALFORMED")),
    large(
      "huge-attribute.xml",
      head: "<RegistrationRequests xmlns=\"urn:siirto:registration:1\"><Request id=\"",
      fill: 0x61, count: 24_000_000,
      tail: "\"><YTunnus>1234567-1</YTunnus></Request></RegistrationRequests>",
      rejectedWhole("XML_MALFORMED")),
    large(
      "huge-name.xml", head: "<RegistrationRequests xmlns=\"urn:siirto:registration:1\"><",
      fill: 0x61, count: 100_000, tail: "/></RegistrationRequests>",
      rejectedWhole("XML_MALFORMED")),
    fromFixture("xinclude.xml", rejectedWhole("XML_SCHEMA"), check: noPasswd),
    fromFixture("schema-location.xml", .receipt("ACCEPTED", []), exit: 0, check: noKnock),
    fromFixture("truncated.xml", rejectedWhole("XML_MALFORMED"), check: nothingApplied),
    fromFixture("wrong-root.xml", rejectedWhole("XML_SCHEMA")),
    fromFixture("unknown-namespace.xml", rejectedWhole("FILE_UNKNOWN_KIND")),
    fromFixture("no-namespace.xml", rejectedWhole("FILE_UNKNOWN_KIND")),
    fromFixture("unsupported-encoding.xml", rejectedWhole("XML_MALFORMED")),
    fromFixture("undefined-entity.xml", rejectedWhole("XML_MALFORMED")),
    bytes(
      "invalid-utf8.xml",
      {
        Array(
          "<RegistrationRequests xmlns=\"urn:siirto:registration:1\"><Request id=\"R\">".utf8)
          + [0x81, 0xFE] + Array("</Request></RegistrationRequests>".utf8)
      }, rejectedWhole("XML_MALFORMED")),
    bytes(
      "nul-in.xml",
      {
        Array("<RegistrationRequests xmlns=\"urn:siirto:registration:1\">".utf8) + [0]
          + Array("</RegistrationRequests>".utf8)
      }, rejectedWhole("XML_MALFORMED")),
    bytes(
      "utf16le-bom.xml",
      {
        let text = String(
          decoding: try! fixture("schema-location.xml", port: 9), as: UTF8.self
        ).replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
      }, .receipt("ACCEPTED", []), exit: 0),
    bytes(
      "latin1-declared.xml",
      {
        Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n".utf8)
          + Array("<RegistrationRequests xmlns=\"urn:siirto:registration:1\">".utf8)
          + Array("<Request id=\"REQ-L1\" action=\"ADD\"><YTunnus>1234567-1</YTunnus><Name>S".utf8)
          + [0xE4, 0xE4, 0x74, 0x69, 0xF6]
          + Array(
            ("</Name><Justification>Ajanvaraus</Justification><Contact><Name>Testi</Name>"
              + "<Email>t@example.fi</Email></Contact></Request></RegistrationRequests>").utf8)
      }, .receipt("ACCEPTED", []), exit: 0),
    fromFixture(
      "formula-injection.xml", rejectedWhole("REGISTRATION_INCOMPLETE"),
      // Attribute values are trimmed like fields, then neutralised.
      check: { try formulasNeutralised($0, ["'=1+2", "'=cmd|'/C calc'!A0", "'=2*3"]) }),
  ]

  static let binary: [Hostile] = [
    fromFixture("data.json", rejectedWhole("FILE_UNKNOWN_KIND")),
    bytes(
      "scan.pdf",
      {
        Array("%PDF-1.7\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
          + Array("1 0 obj\n<< /Length 64 /Filter /FlateDecode >>\nstream\n".utf8)
          + (0..<64).map { UInt8(($0 * 37) & 0xFF) } + Array("\nendstream\nendobj\n%%EOF\n".utf8)
      }, rejectedWhole("FILE_ENCODING")),
    bytes(
      "picture.png",
      { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + Array("IHDR".utf8) },
      rejectedWhole("FILE_ENCODING")),
    bytes(
      "program.csv", { [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 56) },
      rejectedWhole("FILE_ENCODING")),
    bytes(
      "packed.csv.gz",
      { [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4B, 0x4C] },
      rejectedWhole("FILE_ENCODING")),
  ]

  static let encodings: [Hostile] =
    [
      bytes(
        "nul.csv",
        { Array((header + "REQ-N;ADD;1234567-1;Nul").utf8) + [0] + Array(" Oy;x;y;z@e.fi\n".utf8) },
        rejectedWhole("FILE_ENCODING"))
    ]
    + [0x81, 0x8D, 0x8F, 0x90, 0x9D].map { (byte: UInt8) in
      bytes(
        "undefined-\(String(byte, radix: 16)).csv",
        {
          Array((header + "REQ-U;ADD;1234567-1;Vika").utf8) + [byte]
            + Array(" Oy;Ajanvaraus;T;t@e.fi\n".utf8)
        }, rejectedWhole("FILE_ENCODING"))
    } + [
      bytes(
        "windows-1252.csv",
        {
          Array((header + "REQ-W;ADD;1234567-1;P").utf8) + [0xE4, 0xE4, 0x6B, 0x6B, 0xF6]
            + Array(" Oy;Ajanvaraus;Testi;testi@example.fi\n".utf8)
        }, .receipt("ACCEPTED", ["FILE_ENCODING_WINDOWS_1252"]), exit: 0),
      // An overlong slash is not UTF-8, but it is two Windows-1252 letters.
      bytes(
        "overlong-utf8.csv",
        {
          Array((header + "REQ-O;ADD;1234567-1;Pitk").utf8) + [0xC0, 0xAF]
            + Array(" Oy;Ajanvaraus;Testi;testi@example.fi\n".utf8)
        }, .receipt("ACCEPTED", ["FILE_ENCODING_WINDOWS_1252"]), exit: 0),
      bytes(
        "utf16le-bom.csv",
        {
          [0xFF, 0xFE]
            + registration("REQ-16").utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        },
        rejectedWhole("FILE_ENCODING")),
      bytes(
        "utf16be-bom.csv",
        {
          [0xFE, 0xFF]
            + registration("REQ-16").utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        },
        rejectedWhole("FILE_ENCODING")),
      bytes(
        "utf16le-no-bom.csv",
        { registration("REQ-16").utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } },
        rejectedWhole("FILE_ENCODING")),
      bytes(
        "utf8-bom.csv", { [0xEF, 0xBB, 0xBF] + Array(registration("REQ-BOM").utf8) },
        .receipt("ACCEPTED", []), exit: 0),
    ]

  static let csv: [Hostile] = [
    fromFixture("mixed-line-ends.csv", .receipt("ACCEPTED", []), exit: 0),
    bytes(
      "old-mac-line-ends.csv",
      {
        let rows = registration("REQ-CR") + "REQ-CR2;ADD;7654321-2;Toinen Oy;Ajanvaraus;T;t@e.fi\n"
        return Array(rows.utf8).map { $0 == 0x0A ? 0x0D : $0 }
      },
      .receipt("ACCEPTED", []), exit: 0),
    fromFixture("unbalanced-quote-eof.csv", rejectedWhole("CSV_MALFORMED")),
    fromFixture("stray-quote.csv", rejectedWhole("CSV_MALFORMED")),
    fromFixture("text-after-quote.csv", rejectedWhole("CSV_MALFORMED")),
    fromFixture("header-only.csv", rejectedWhole("FILE_EMPTY")),
    bytes("zero-bytes.csv", { [] }, rejectedWhole("FILE_EMPTY")),
    bytes(
      "bom-and-space.csv", { [0xEF, 0xBB, 0xBF] + Array(" \r\n\t \n".utf8) },
      rejectedWhole("FILE_EMPTY")),
    // More problems than a receipt lists (1,000) or validate keeps (100,000):
    // the error at the end still rejects the file.
    large(
      "blank-lines.csv", head: header, fill: 0x0A, count: 100_000,
      .receipt("REJECTED", ["CSV_BLANK_ROW"]),
      check: { context in
        let csv = try problemsCSV(context.sandbox)
        #expect(csv.contains(",error,FILE_EMPTY,"), "the last of 100,001 problems")
      }),
    // 200 MB on one line: no header within 64 KiB.
    large(
      "single-line-200mb.csv", head: "request_id;action;", fill: 0x61, count: 200_000_000,
      rejectedWhole("FILE_UNKNOWN_KIND")),
    large(
      "huge-field.csv", head: header + "REQ-HUGE;ADD;1234567-1;", fill: 0x61, count: 30_000_000,
      tail: ";Ajanvaraus;Testi;testi@example.fi\n", rejectedWhole("FIELD_TOO_LONG")),
    large(
      "endless-quote.csv", head: header + "REQ-Q;ADD;1234567-1;\"", fill: 0x61, count: 30_000_000,
      rejectedWhole("FIELD_TOO_LONG")),
    large(
      "huge-header.csv", head: "request_id;action;y_tunnus;", fill: 0x78, count: 70_000,
      tail: "\nREQ-1;ADD;1234567-1;x\n", rejectedWhole("FILE_UNKNOWN_KIND")),
    Hostile(
      label: "many-fields.csv", outcome: .receipt("PARTIALLY_ACCEPTED", ["CSV_FIELD_COUNT"]),
      exitCode: 1, memoryMiB: 100, validates: true,
      make: { sandbox, _ in
        let row =
          "REQ-F1;ADD;1234567-1;Kentat Oy;Ajanvaraus;Testi;t@e.fi"
          + String(repeating: ";", count: 200_000) + "\n"
        let good = "REQ-F2;ADD;7654321-2;Toinen Oy;Ajanvaraus;Testi;t@e.fi\n"
        try sandbox.writeBytes(
          Array((header + row + good).utf8), name: Array("many-fields.csv".utf8))
        return Hostile.Entry(name: Array("many-fields.csv".utf8))
      }),
    fromFixture(
      "formula-injection.csv", rejectedWhole("REGISTRATION_INCOMPLETE"),
      check: {
        try formulasNeutralised(
          $0, ["'=HYPERLINK(\"http://e.vil\",\"klik\")", "'+SUM(1+1)", "'-2+3", "'@SUM(A1:A9)"])
        let csv = try problemsCSV($0.sandbox)
        #expect(csv.contains(",-42,"), "a plain number is left as it is")
      }),
    fromFixture("hetu-in-fields.csv", rejectedWhole("REGISTRATION_INCOMPLETE")),
    fromFixture(
      "control-chars.csv", rejectedWhole("REGISTRATION_INCOMPLETE"),
      check: { context in
        let receipt = try receiptText(context)
        #expect(receipt.contains("REQ\\x01\\x1B[31m"), "control characters escaped")
      }),
    fromFixture(
      "xml-injection.csv", rejectedWhole("REGISTRATION_INCOMPLETE"),
      check: { context in
        let receipt = try receiptText(context)
        #expect(receipt.components(separatedBy: "<Status>").count == 2)
        #expect(receipt.contains("&lt;/Problem&gt;"))
      }),
    Hostile(
      label: "duplicate of the good file", outcome: .receipt("DUPLICATE", ["FILE_DUPLICATE"]),
      exitCode: 0,
      make: { sandbox, _ in
        try sandbox.writeBytes(
          Array(GoodFile.content.utf8), name: Array("uudelleen.csv".utf8), age: 1800)
        return Hostile.Entry(name: Array("uudelleen.csv".utf8))
      }),
  ]

  static let names: [Hostile] = [
    named(
      "newline in name", Array("maksu\nrekisteri.csv".utf8),
      check: { try namePrinted($0, "maksu\\x0Arekisteri.csv") }),
    named(
      "quotes and markup in name", Array("\"lainaus\" 'yksi' <b>&amp;.csv".utf8),
      check: { try namePrinted($0, "&quot;lainaus&quot; 'yksi' &lt;b&gt;&amp;amp;.csv") }),
    named("dots in name", Array("evil..\\..\\..\\passwd.csv".utf8)),
    named(
      "bytes that are not UTF-8", [0x6D, 0xFF, 0xFE, 0xE4, 0x2E, 0x63, 0x73, 0x76],
      check: { try namePrinted($0, "m\\xFF\\xFE\\xE4.csv") }),
    named(
      "henkilötunnus in name", Array("maksuvaatimus-\(TestCodes.employee).csv".utf8),
      check: { try namePrinted($0, "maksuvaatimus-******-****.csv") }),
    named(
      "henkilötunnus as partner folder", Array("asiakas.csv".utf8),
      folder: Array(TestCodes.client.utf8), rejectedWhole("FILE_SENDER_UNKNOWN"), exit: 1),
    named(
      "formula as name", Array("=HYPERLINK(\"http:\\\\e.vil\").csv".utf8),
      rejectedWhole("FILE_EMPTY"), exit: 1, content: "",
      check: { context in
        let csv = try problemsCSV(context.sandbox)
        #expect(csv.contains(",\"'=HYPERLINK(\"\"http:\\\\e.vil\"\").csv\","), "\(csv)")
      }),
    named(
      "escape sequences in name", Array("\u{1B}[2J\u{1B}[31mpunainen.csv".utf8),
      check: { context in
        try namePrinted(context, "\\x1B[2J\\x1B[31mpunainen.csv")
        #expect(!context.run.stderr.contains("\u{1B}"))
      }),
    named(
      "longest name, not UTF-8", [UInt8](repeating: 0xFF, count: 251) + Array(".csv".utf8)),
    named("longest name, ASCII", [UInt8](repeating: 0x61, count: 251) + Array(".csv".utf8)),
    Hostile(
      label: "two names that print alike", outcome: .receipt("ACCEPTED", []), exitCode: 0,
      make: { sandbox, _ in
        try sandbox.writeBytes(
          Array(registration("REQ-ALIKE-1").utf8), name: Array("a\\x0Ab.csv".utf8))
        try sandbox.writeBytes(
          Array(registration("REQ-ALIKE-2", "7654321-2").utf8), name: Array("a\nb.csv".utf8))
        return Hostile.Entry(name: Array("a\nb.csv".utf8))
      },
      check: { context in
        let stored = try context.sandbox.ledger().map(\.storedPath).filter { $0.contains("/a") }
        #expect(Set(stored).count == 2, "each keeps its own place: \(stored)")
      }),
  ]

  static let special: [Hostile] = [
    Hostile(
      label: "symlink to /etc/passwd", outcome: rejectedWhole("FILE_NOT_REGULAR"),
      make: { sandbox, _ in try link(sandbox, "passwd.csv", to: "/etc/passwd") },
      check: { try linkKept($0, to: "/etc/passwd") }),
    Hostile(
      label: "symlink to a folder", outcome: rejectedWhole("FILE_NOT_REGULAR"),
      make: { sandbox, _ in
        let target = try targetFolder(sandbox)
        return try link(sandbox, "kansio.csv", to: target.path)
      },
      check: { context in
        try linkKept(context, to: try targetFolder(context.sandbox).path)
        try targetUntouched(context.sandbox)
      }),
    Hostile(
      label: "dangling symlink", outcome: rejectedWhole("FILE_NOT_REGULAR"),
      make: { sandbox, _ in try link(sandbox, "tyhjyys.csv", to: "/nonexistent/siirto") }),
    Hostile(
      label: "symlink in a partner folder", outcome: rejectedWhole("FILE_NOT_REGULAR"),
      make: { sandbox, _ in
        try link(sandbox, "shadow.csv", to: "/etc/shadow", folder: Array("0201256-6".utf8))
      },
      check: { context in
        #expect(context.ledger?.sender == "0201256-6")
        #expect(context.ledger?.receipt.hasPrefix("outbox/0201256-6/") == true)
      }),
    Hostile(
      label: "partner folder that is a symlink", outcome: rejectedWhole("FILE_NOT_REGULAR"),
      make: { sandbox, _ in
        let target = try targetFolder(sandbox)
        return try link(sandbox, "0201256-6", to: target.path)
      },
      check: { try targetUntouched($0.sandbox) }),
    Hostile(
      label: "FIFO", outcome: rejectedWhole("FILE_NOT_REGULAR"), timeout: 60,
      make: { sandbox, _ in try fifo(sandbox, "putki.csv") }),
    Hostile(
      label: "FIFO in a partner folder", outcome: rejectedWhole("FILE_NOT_REGULAR"), timeout: 60,
      make: { sandbox, _ in try fifo(sandbox, "putki.xml", folder: Array("0201256-6".utf8)) }),
    Hostile(
      label: "socket", outcome: rejectedWhole("FILE_NOT_REGULAR"), timeout: 60,
      make: { sandbox, _ in
        let path = try sandbox.inboxPath(name: Array("pistoke.csv".utf8))
        try UnixSocket.bind(path)
        try path.age(by: 3600)
        return Hostile.Entry(name: Array("pistoke.csv".utf8))
      }),
  ]

  static let intake: [Hostile] =
    [
      Hostile(
        label: "still being written", outcome: .leftInInbox, exitCode: 0,
        arguments: ["--min-age", "60"],
        make: { sandbox, _ in
          try sandbox.writeBytes(
            Array(registration("REQ-YOUNG").utf8), name: Array("kesken.csv".utf8), age: 0)
          return Hostile.Entry(name: Array("kesken.csv".utf8))
        }),
      Hostile(
        label: "modified in the future", outcome: .leftInInbox, exitCode: 0,
        arguments: ["--min-age", "60"],
        make: { sandbox, _ in
          try sandbox.writeBytes(
            Array(registration("REQ-FUTURE").utf8), name: Array("tuleva.csv".utf8),
            age: -86_400)
          return Hostile.Entry(name: Array("tuleva.csv".utf8))
        }),
    ]
    + [
      "siirto.csv.part", "siirto.csv.TMP", "siirto.csv.Partial", "siirto.xml.filepart",
      "siirto.csv~", ".siirto.csv",
    ].map { name in
      named("upload name \(name)", Array(name.utf8), .leftInInbox)
    } + [
      named(
        "partner folder not a Y-tunnus", Array("maksuvaatimukset.csv".utf8),
        folder: Array("helsinki".utf8), rejectedWhole("FILE_SENDER_UNKNOWN"), exit: 1,
        check: { context in #expect(context.ledger?.receipt.hasPrefix("outbox/_ops/") == true) }),
      named(
        "partner folder in six-digit form", Array("claims.csv".utf8),
        folder: Array("201256-6".utf8), rejectedWhole("FILE_SENDER_UNKNOWN"), exit: 1),
      named(
        "partner folder with a wrong check digit", Array("claims.csv".utf8),
        folder: Array("0201256-7".utf8), rejectedWhole("FILE_SENDER_UNKNOWN"), exit: 1),
      named(
        "partner folder with a newline and bytes that are not UTF-8", Array("claims.csv".utf8),
        folder: [0x30, 0x0A, 0xFF, 0x2E, 0x2E], rejectedWhole("FILE_SENDER_UNKNOWN"), exit: 1,
        check: { context in
          #expect(context.ledger?.storedPath.contains("/_unknown-0\\x0A\\xFF../claims.csv") == true)
        }),
      fromFixture(
        "register-partner.csv", rejectedWhole("FILE_KIND_NOT_ALLOWED"), folder: "0201256-6"),
      fromFixture(
        "mandates-partner.xml", rejectedWhole("FILE_KIND_NOT_ALLOWED"), folder: "0201256-6"),
      named(
        "partner sends registration requests", Array("pyynnot.csv".utf8),
        folder: Array("0201256-6".utf8), rejectedWhole("FILE_KIND_NOT_ALLOWED"), exit: 1),
      Hostile(
        label: "folder below a partner folder", outcome: .leftInInbox, exitCode: 0,
        make: { sandbox, _ in
          let folder = Array("0201256-6".utf8)
          _ = try sandbox.inboxPath(name: [], folder: folder)
          let inner = folder + Array("/alikansio".utf8)
          try sandbox.writeBytes(
            Array(registration("REQ-NEST").utf8), name: Array("x.csv".utf8),
            folder: inner)
          return Hostile.Entry(name: Array("x.csv".utf8), folder: inner)
        }),
      Hostile(
        label: "larger than max_file_size", outcome: rejectedWhole("FILE_TOO_LARGE"),
        make: { sandbox, _ in
          // The data root's own configuration, read without --config.
          try "max_file_size = 1000\n".write(
            to: sandbox.root.appendingPathComponent("siirto.toml"), atomically: true,
            encoding: .utf8)
          let body = registration("REQ-BIG") + String(repeating: "\n", count: 2_000)
          try sandbox.writeBytes(Array(body.utf8), name: Array("iso.csv".utf8))
          return Hostile.Entry(name: Array("iso.csv".utf8))
        },
        check: { context in
          let receipt = try receiptText(context)
          #expect(!receipt.contains("sha256="), "not read, so not hashed")
        }),
    ]

  // MARK: Checks

  static let noPasswd: @Sendable (Hostile.Context) throws -> Void = { context in
    for (path, text) in try context.sandbox.publishedTexts() {
      #expect(!text.contains("root:x:0:0"), "\(path) holds /etc/passwd")
    }
  }

  static let noKnock: @Sendable (Hostile.Context) throws -> Void = { context in
    #expect(context.listener.knocks() == 0, "the parser reached out to the network")
  }

  static let nothingApplied: @Sendable (Hostile.Context) throws -> Void = { context in
    let outbox = try context.sandbox.files(under: "outbox").keys
    #expect(!outbox.contains { $0.hasPrefix("outbox/1234567-1/") }, "\(outbox.sorted())")
  }

  static func receiptText(_ context: Hostile.Context) throws -> String {
    try context.sandbox.read(try #require(context.ledger).receipt)
  }

  static func problemsCSV(_ sandbox: Sandbox) throws -> String {
    let path = try #require(
      try sandbox.files(under: "reports").keys.first { $0.hasSuffix("/problems.csv") })
    return try sandbox.read(path)
  }

  static func formulasNeutralised(_ context: Hostile.Context, _ values: [String]) throws {
    let csv = try problemsCSV(context.sandbox)
    for value in values {
      let quoted = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      #expect(
        csv.contains("," + value + ",") || csv.contains("," + quoted + ","),
        "problems.csv neutralises \(value.debugDescription)")
    }
  }

  static func namePrinted(_ context: Hostile.Context, _ printed: String) throws {
    let receipt = ReceiptFacts(path: "", text: try receiptText(context))
    #expect(receipt.fileName == printed)
  }

  static func link(_ sandbox: Sandbox, _ name: String, to target: String, folder: [UInt8]? = nil)
    throws -> Hostile.Entry
  {
    let path = try sandbox.inboxPath(name: Array(name.utf8), folder: folder)
    guard path.withCString({ symlink(target, $0) }) == 0 else { throw POSIXError(.EIO) }
    try path.age(by: 3600)
    return Hostile.Entry(name: Array(name.utf8), folder: folder)
  }

  static func fifo(_ sandbox: Sandbox, _ name: String, folder: [UInt8]? = nil) throws
    -> Hostile.Entry
  {
    let path = try sandbox.inboxPath(name: Array(name.utf8), folder: folder)
    guard path.withCString({ mkfifo($0, 0o644) }) == 0 else { throw POSIXError(.EIO) }
    try path.age(by: 3600)
    return Hostile.Entry(name: Array(name.utf8), folder: folder)
  }

  /// A folder outside the data root with a file in it, that links point to.
  static func targetFolder(_ sandbox: Sandbox) throws -> URL {
    let folder = sandbox.root.deletingLastPathComponent().appendingPathComponent(
      sandbox.root.lastPathComponent + "-target")
    if !FileManager.default.fileExists(atPath: folder.path) {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(registration("REQ-TARGET").utf8).write(
        to: folder.appendingPathComponent("claims.csv"))
    }
    return folder
  }

  static func targetUntouched(_ sandbox: Sandbox) throws {
    let folder = try targetFolder(sandbox)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(names == ["claims.csv"], "the link's target keeps its files")
    let content = try String(
      contentsOf: folder.appendingPathComponent("claims.csv"), encoding: .utf8)
    #expect(content == registration("REQ-TARGET"))
    try FileManager.default.removeItem(at: folder)
  }

  static func linkKept(_ context: Hostile.Context, to target: String) throws {
    let stored = try #require(context.ledger).storedPath
    #expect(stored.hasPrefix("rejected/"))
    let destination = try FileManager.default.destinationOfSymbolicLink(
      atPath: context.sandbox.root.appendingPathComponent(stored).path)
    #expect(destination == target, "moved as a link, never followed")
  }
}

/// Large inputs written in blocks, never held in memory.
enum LargeFile {
  static func write(_ path: RawPath, head: [UInt8], fill: UInt8, count: Int, tail: [UInt8])
    throws
  {
    let fd = path.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
    guard fd >= 0 else { throw POSIXError(.EIO) }
    defer { close(fd) }
    func put(_ bytes: [UInt8]) throws {
      var offset = 0
      while offset < bytes.count {
        let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { throw POSIXError(.EIO) }
        offset += n
      }
    }
    try put(head)
    let block = [UInt8](repeating: fill, count: 1 << 20)
    var left = count
    while left > 0 {
      let n = min(left, block.count)
      try put(Array(block[0..<n]))
      left -= n
    }
    try put(tail)
  }
}

/// A listening Unix-domain socket left in the inbox.
enum UnixSocket {
  static func bind(_ path: RawPath) throws {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = path.bytes
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
      throw POSIXError(.ENAMETOOLONG)
    }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      raw.copyBytes(from: bytes)
      raw[bytes.count] = 0
    }
    let rc = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
  }
}
