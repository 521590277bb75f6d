import Foundation
import SiirtoCore
import Testing

@testable import siirto_gen

/// A small nightly drop, written into a fresh temporary folder.
private func generate(
  seed: UInt64, errorRate: Double, format: FileFormat = .xml, filesPerPartner: Int = 1,
  night: Int = 0
) throws -> String {
  let root = FileManager.default.temporaryDirectory
    .appendingPathComponent("siirto-gen-\(UUID().uuidString)").path
  var shape = DropShape(kind: .nightly)
  shape.partners = 6
  shape.claimsPerPartner = 300
  shape.mandates = 1_500
  shape.registerFormat = format
  shape.filesPerPartner = filesPerPartner
  shape.night = night
  _ = try DropGenerator(
    seed: seed, now: LocalDate(year: 2026, month: 11, day: 22)!, errorRate: errorRate,
    shape: shape
  ).generate(root: root)
  return root
}

/// Every file under `root`, as paths relative to it, sorted.
private func files(_ root: String) -> [String] {
  let all = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
  return all.filter { path in
    var isDir: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDir)
    return exists && !isDir.boolValue
  }.sorted()
}

private func text(_ root: String, _ path: String) throws -> String {
  try String(contentsOfFile: root + "/" + path, encoding: .utf8)
}

/// The values of `name="…"` attributes in an XML text.
private func attributes(_ name: String, in xml: String) -> [String] {
  xml.components(separatedBy: " \(name)=\"").dropFirst().map {
    String($0.prefix { $0 != "\"" })
  }
}

/// The rows of a claims CSV as dictionaries by column name (the generator's files quote
/// nothing but whole fields, and hold no delimiters inside fields).
private func claimRows(_ csv: String) -> [[String: String]] {
  var lines = csv.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
  var header = String(lines.removeFirst())
  if header.hasPrefix("\u{FEFF}") { header.removeFirst() }
  let delimiter: Character = header.contains(";") ? ";" : ","
  let unquote = { (s: Substring) in
    String(s).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
  }
  let columns = header.split(separator: delimiter, omittingEmptySubsequences: false).map(unquote)
  return lines.map { line in
    let values = line.split(separator: delimiter, omittingEmptySubsequences: false).map(unquote)
    return Dictionary(uniqueKeysWithValues: zip(columns, values))
  }
}

@Suite("siirto-gen")
struct SiirtoGenTests {
  @Test("the same seed gives the same bytes")
  func deterministic() throws {
    let a = try generate(seed: 42, errorRate: 0.1)
    let b = try generate(seed: 42, errorRate: 0.1)
    let c = try generate(seed: 43, errorRate: 0.1)
    defer { for root in [a, b, c] { try? FileManager.default.removeItem(atPath: root) } }
    #expect(files(a) == files(b))
    #expect(files(a).count >= 9)
    for path in files(a) {
      let same = FileManager.default.contentsEqual(atPath: a + "/" + path, andPath: b + "/" + path)
      #expect(same, "\(path) differs between two runs with one seed")
    }
    #expect(try text(a, "inbox/mandates.xml") != text(c, "inbox/mandates.xml"))
  }

  @Test(
    "the register holds valid Y-tunnukset and unique municipality codes",
    arguments: [FileFormat.xml, .csv])
  func register(format: FileFormat) throws {
    let root = try generate(seed: 7, errorRate: 0, format: format)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let register = Register()
    #expect(register.municipalities.count > 300)
    #expect(register.counties.count == 21)
    let ids = register.organisations.map(\.yTunnus)
    #expect(Set(ids).count == ids.count)
    for id in ids { #expect(YTunnus.parse(id).value?.value == id, "\(id)") }
    let codes = register.municipalities.compactMap(\.municipalityCode)
    #expect(Set(codes).count == codes.count)
    #expect(codes.allSatisfy { MunicipalityCode($0) != nil })
    let written = try text(root, "inbox/register." + format.rawValue)
    #expect(written.contains("0201256-6"))
  }

  @Test("clean claims carry valid identifiers and only temporary henkilötunnukset")
  func cleanClaims() throws {
    let root = try generate(seed: 11, errorRate: 0)
    defer { try? FileManager.default.removeItem(atPath: root) }
    var rows = 0
    for path in files(root) where path.hasSuffix(".csv") {
      for row in claimRows(try text(root, path)) {
        rows += 1
        #expect(YTunnus.parse(row["claimant_y_tunnus"]!).value != nil)
        guard row["action"] == "ADD" else { continue }
        for field in ["registered_by", "client_hetu"] {
          let hetu = Hetu.parse(row[field]!).value
          #expect(hetu?.isTemporary == true, "\(path) \(field)")
        }
        #expect(IBAN.parse(row["iban"]!).value != nil)
        if let reference = row["reference"], !reference.isEmpty {
          #expect(PaymentReference.parse(reference).value != nil, "\(reference)")
        }
        #expect(row["registered_by"] != row["client_hetu"])
      }
    }
    #expect(rows > 1_000)
  }

  @Test("clean XML files carry valid identifiers")
  func cleanXML() throws {
    let root = try generate(seed: 12, errorRate: 0)
    defer { try? FileManager.default.removeItem(atPath: root) }
    for path in files(root) where path.hasSuffix(".xml") {
      let xml = try text(root, path)
      for hetu in attributes("hetu", in: xml) {
        #expect(Hetu.parse(hetu).value?.isTemporary == true, "\(path) \(hetu)")
      }
      for id in attributes("yTunnus", in: xml) {
        #expect(YTunnus.parse(id).value != nil, "\(path) \(id)")
      }
    }
  }

  @Test("clean mandates keep the rules of inputs.md")
  func cleanMandates() throws {
    let root = try generate(seed: 15, errorRate: 0)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let xml = try text(root, "inbox/mandates.xml")
    let mandates = xml.components(separatedBy: "<Mandate ").dropFirst()
    #expect(mandates.count == 1_500)
    func element(_ name: String, _ chunk: String) -> String? {
      guard let open = chunk.range(of: "<\(name)>"), let close = chunk.range(of: "</\(name)>")
      else { return nil }
      return String(chunk[open.upperBound..<close.lowerBound])
    }
    var ids = Set<String>()
    for chunk in mandates {
      let id = attributes("id", in: " " + chunk)[0]
      #expect(ids.insert(id).inserted, "\(id) twice")
      let from = LocalDate.parseISO(element("ValidFrom", chunk) ?? "")
      #expect(from != nil, "\(id)")
      if let to = element("ValidTo", chunk), let from {
        #expect(from <= LocalDate.parseISO(to)!, "\(id)")
      }
      let principal = element("Principal", chunk) ?? ""
      if element("Issue", chunk) == "huoltajuus" {
        let child = Hetu(attributes("hetu", in: principal)[0])!
        #expect(child.age(on: from!) < 18, "\(id)")
        #expect(child.birthDate <= from!, "\(id)")
      } else {
        #expect(principal.contains("<Organisation "), "\(id)")
      }
    }
  }

  @Test("even records with errors never carry a real person's number")
  func onlyTemporaryNumbers() throws {
    let root = try generate(seed: 13, errorRate: 0.5)
    defer { try? FileManager.default.removeItem(atPath: root) }
    var checked = 0
    for path in files(root) where path.hasPrefix("inbox/") {
      let body = try text(root, path)
      // Any eleven characters that look like a henkilötunnus: its individual number.
      let scalars = Array(body.utf8)
      var i = 0
      while i + 11 <= scalars.count {
        let window = scalars[i..<(i + 11)]
        let digitsAt = [0, 1, 2, 3, 4, 5, 7, 8, 9].allSatisfy {
          (0x30...0x39).contains(window[window.startIndex + $0])
        }
        if digitsAt, "+-YXWVUABCDEF".utf8.contains(window[window.startIndex + 6]) {
          let number = String(
            decoding: window[(window.startIndex + 7)..<(window.startIndex + 10)], as: UTF8.self)
          #expect(Int(number)! >= 900, "\(path): \(String(decoding: window, as: UTF8.self))")
          checked += 1
          i += 11
        } else {
          i += 1
        }
      }
    }
    #expect(checked > 1_000)
  }

  @Test(
    "XML files are well-formed, errors or not",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint")))
  func wellFormed() throws {
    let root = try generate(seed: 16, errorRate: 0.3)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let xml = files(root).filter { $0.hasSuffix(".xml") }.map { root + "/" + $0 }
    #expect(xml.count >= 3)
    let lint = Process()
    lint.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
    lint.arguments = ["--noout"] + xml
    try lint.run()
    lint.waitUntilExit()
    #expect(lint.terminationStatus == 0)
  }

  @Test("a claimant's claim IDs never repeat, over all its files")
  func uniqueClaimIDs() throws {
    let root = try generate(seed: 17, errorRate: 0, filesPerPartner: 3)
    defer { try? FileManager.default.removeItem(atPath: root) }
    var seen = Set<String>()
    var csvFiles = 0
    for path in files(root) where path.hasSuffix(".csv") {
      csvFiles += 1
      for row in claimRows(try text(root, path)) where row["action"] == "ADD" {
        let key = row["claimant_y_tunnus"]! + " " + row["claim_id"]!
        #expect(seen.insert(key).inserted, "\(key) twice")
      }
    }
    #expect(csvFiles >= 12)
  }

  @Test("a later night's claims are all new: other claim IDs, other clients")
  func laterNights() throws {
    func claims(night: Int) throws -> (ids: Set<String>, clients: Set<String>) {
      let root = try generate(seed: 17, errorRate: 0, filesPerPartner: 2, night: night)
      defer { try? FileManager.default.removeItem(atPath: root) }
      var ids = Set<String>()
      var clients = Set<String>()
      for path in files(root) where path.hasSuffix(".csv") {
        for row in claimRows(try text(root, path)) where row["action"] == "ADD" {
          ids.insert(row["claimant_y_tunnus"]! + " " + row["claim_id"]!)
          clients.insert(row["client_hetu"]!)
        }
      }
      return (ids, clients)
    }
    let first = try claims(night: 0)
    let second = try claims(night: 1)
    let third = try claims(night: 2)
    #expect(first.ids.count > 1_000)
    #expect(second.ids.count == first.ids.count)
    for later in [second, third] {
      #expect(later.ids.isDisjoint(with: first.ids))
      #expect(later.clients.isDisjoint(with: first.clients))
    }
    #expect(third.ids.isDisjoint(with: second.ids))
    #expect(third.clients.isDisjoint(with: second.clients))
  }

  @Test("a later night's export lists the first night's mandates, under its own ID")
  func laterNightsMandates() throws {
    func export(night: Int) throws -> String {
      var shape = DropShape(kind: .nightly)
      shape.partners = 3
      shape.claimsPerPartner = 50
      shape.mandates = 500
      shape.night = night
      let root = FileManager.default.temporaryDirectory
        .appendingPathComponent("siirto-gen-\(UUID().uuidString)").path
      defer { try? FileManager.default.removeItem(atPath: root) }
      _ = try DropGenerator(
        seed: 5, now: LocalDate(year: 2026, month: 11, day: 22)!.adding(days: night),
        errorRate: 0.05, shape: shape
      ).generate(root: root)
      return try text(root, "inbox/mandates.xml")
    }
    let first = try export(night: 0)
    let fourth = try export(night: 3)
    // The declaration, then the export's own line; the mandates after it.
    let body = { (xml: String) in Array(xml.split(separator: "\n").dropFirst(2)) }
    #expect(body(first).count > 500)
    #expect(body(first) == body(fourth))
    #expect(attributes("exportId", in: first) == ["VAL-20261121-S5"])
    #expect(attributes("exportId", in: fourth) == ["VAL-20261124-S5"])
  }

  @Test("the manifest counts the injected errors")
  func manifest() throws {
    let root = try generate(seed: 14, errorRate: 0.2)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let data = try Data(contentsOf: URL(fileURLWithPath: root + "/generated.json"))
    let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    let entries = json["files"] as! [[String: Any]]
    #expect(entries.count == 8)
    let claims = entries.filter { $0["kind"] as? String == "claims" }
    let injected = claims.flatMap { ($0["injected"] as! [String: Int]).values }.reduce(0, +)
    // 1,800 claims at 20 %: far from zero, far from all.
    #expect((200...500).contains(injected))
  }

  @Test("the identifier helpers agree with SiirtoCore")
  func identifiers() {
    var rng = SplitMix64(seed: 5)
    for _ in 0..<1_000 {
      let iban = Ids.iban(bban: rng.next() % 100_000_000_000_000)
      #expect(IBAN.parse(iban).value?.value == iban)
      let reference = Ids.reference(base: 1_000 + rng.below(1_000_000_000))
      #expect(PaymentReference.parse(reference).value != nil)
      let rf = Ids.rfReference(body: String(rng.below(1_000_000_000)))
      #expect(PaymentReference.parse(rf).value?.form == .rf)
      let birth = LocalDate(daysSinceEpoch: -20_000 + rng.below(30_000))
      let hetu = Ids.hetu(birth: birth, individual: rng.within(900...999), newSign: rng.chance(0.5))
      #expect(Hetu.parse(hetu).value?.birthDate == birth)
      #expect(Hetu.parse(Ids.withWrongControl(hetu)).value == nil)
    }
  }
}
