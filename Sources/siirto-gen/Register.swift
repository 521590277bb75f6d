import SiirtoCore

/// The organisation types a register snapshot carries.
enum OrgType: String {
  case kunta = "KUNTA"
  case kuntayhtyma = "KUNTAYHTYMA"
  case hyvinvointialue = "HYVINVOINTIALUE"
}

/// One organisation of the generated register.
struct Organisation {
  /// Position in the register; also selects the organisation's staff pool.
  let index: Int
  let yTunnus: String
  let name: String
  let nameSv: String?
  let type: OrgType
  let municipalityCode: String?
  let validFrom: LocalDate
  /// The prefix of the organisation's claim IDs, e.g. `HKI` or `HVA07`.
  let claimPrefix: String
}

/// The national register: every municipality, the joint authorities and the counties.
/// It depends on no seed: like the real list, it is the same in every drop, so drops made
/// with different seeds can be run into one data root.
struct Register {
  let organisations: [Organisation]
  // By type, made once: the mandate writer picks from these for every record.
  let municipalities: [Organisation]
  let counties: [Organisation]
  let jointAuthorities: [Organisation]

  /// Real Y-tunnukset the spec's examples use; the rest are made up with valid check digits.
  private static let known: [String: String] = [
    "091": "0201256-6", "049": "0101263-6", "092": "0124610-9", "837": "0211675-2",
    "853": "0204819-8", "564": "0187690-1",
    "Espoon seudun koulutuskuntayhtymä Omnia": "0502454-6",
  ]

  /// Official names of the cities the spec names, so that samples read naturally.
  private static let cityNames: [String: String] = [
    "091": "Helsingin kaupunki", "049": "Espoon kaupunki", "092": "Vantaan kaupunki",
    "837": "Tampereen kaupunki", "853": "Turun kaupunki", "564": "Oulun kaupunki",
  ]

  init() {
    var used = Set(Register.known.values)
    var nextBase = 2_100_000
    func freshYTunnus() -> String {
      while true {
        nextBase += 7
        if let id = Ids.yTunnus(base: nextBase), !used.contains(id) {
          used.insert(id)
          return id
        }
      }
    }
    var orgs: [Organisation] = []
    for line in municipalityList.split(separator: "\n") {
      let code = String(line.prefix(3))
      let names = line.dropFirst(4).split(separator: "|").map(String.init)
      orgs.append(
        Organisation(
          index: orgs.count, yTunnus: Register.known[code] ?? freshYTunnus(),
          name: Register.cityNames[code] ?? names[0], nameSv: names.count > 1 ? names[1] : nil,
          type: .kunta, municipalityCode: code,
          validFrom: LocalDate(year: 1977, month: 1, day: 1)!,
          claimPrefix: code == "091" ? "HKI" : "K" + code))
    }
    for (i, line) in jointAuthorityList.split(separator: "\n").enumerated() {
      let names = line.split(separator: "|").map(String.init)
      orgs.append(
        Organisation(
          index: orgs.count, yTunnus: Register.known[names[0]] ?? freshYTunnus(),
          name: names[0], nameSv: names.count > 1 ? names[1] : nil, type: .kuntayhtyma,
          municipalityCode: nil, validFrom: LocalDate(year: 1995 + i % 20, month: 1, day: 1)!,
          claimPrefix: i == 0 ? "HUS" : "KY" + Text.padded(i, width: 2)))
    }
    for (i, line) in countyList.split(separator: "\n").enumerated() {
      let names = line.split(separator: "|").map(String.init)
      orgs.append(
        Organisation(
          index: orgs.count, yTunnus: freshYTunnus(), name: names[0],
          nameSv: names.count > 1 ? names[1] : nil, type: .hyvinvointialue,
          municipalityCode: nil, validFrom: LocalDate(year: 2023, month: 1, day: 1)!,
          claimPrefix: "HVA" + Text.padded(i + 1, width: 2)))
    }
    organisations = orgs
    municipalities = orgs.filter { $0.type == .kunta }
    counties = orgs.filter { $0.type == .hyvinvointialue }
    jointAuthorities = orgs.filter { $0.type == .kuntayhtyma }
  }

  /// The shared benefit-service centres: the middle link of mandate chains.
  var serviceCentres: [Organisation] {
    jointAuthorities.filter { $0.name.contains("etuuspalvelujen") }
  }

  func organisation(yTunnus: String) -> Organisation? {
    organisations.first { $0.yTunnus == yTunnus }
  }

  /// The organisers of social and health services: the counties, Helsinki and HUS.
  var serviceOrganisers: [Organisation] {
    counties + organisations.filter { $0.yTunnus == "0201256-6" || $0.claimPrefix == "HUS" }
  }

  /// Writes the snapshot as XML (`Register`, `urn:siirto:register:1`).
  func writeXML(to sink: ByteSink, snapshotDate: LocalDate) throws {
    sink.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    sink.append("<Register xmlns=\"urn:siirto:register:1\" snapshotDate=\"")
    sink.append(Text.iso(snapshotDate) + "\">\n")
    for org in organisations {
      sink.append("  <Organisation>\n    <YTunnus>\(org.yTunnus)</YTunnus>\n")
      sink.append("    <Name>\(Text.xmlEscaped(org.name))</Name>\n")
      if let sv = org.nameSv { sink.append("    <NameSv>\(Text.xmlEscaped(sv))</NameSv>\n") }
      sink.append("    <Type>\(org.type.rawValue)</Type>\n")
      if let code = org.municipalityCode {
        sink.append("    <MunicipalityCode>\(code)</MunicipalityCode>\n")
      }
      sink.append("    <ValidFrom>\(Text.iso(org.validFrom))</ValidFrom>\n  </Organisation>\n")
      try sink.recordDone()
    }
    sink.append("</Register>\n")
  }

  /// Writes the snapshot as CSV with `;`, the columns of inputs.md in their order.
  func writeCSV(to sink: ByteSink) throws {
    sink.append("y_tunnus;name;name_sv;type;municipality_code;valid_from;valid_to\n")
    for org in organisations {
      sink.append(org.yTunnus + ";" + CSV.field(org.name) + ";" + CSV.field(org.nameSv ?? ""))
      sink.append(";" + org.type.rawValue + ";" + (org.municipalityCode ?? ""))
      sink.append(";" + Text.iso(org.validFrom) + ";\n")
      try sink.recordDone()
    }
  }
}

/// CSV field quoting (RFC 4180), only where a field needs it.
enum CSV {
  static func field(_ s: String, delimiter: UInt8 = UInt8(ascii: ";")) -> String {
    guard s.utf8.contains(where: { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
    else { return s }
    var out = "\""
    for c in s { out += c == "\"" ? "\"\"" : String(c) }
    return out + "\""
  }
}
