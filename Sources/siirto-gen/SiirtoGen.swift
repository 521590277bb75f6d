import ArgumentParser
import SiirtoCore

extension FileFormat: ExpressibleByArgument {}

/// The command line of the generator.
@main
struct SiirtoGen: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "siirto-gen",
    abstract: "Writes a deterministic, realistic Siirto drop for benchmarks and soak tests.",
    discussion: """
      The drop is laid out as a data root's inbox: inbox/register.xml, inbox/mandates.xml \
      and inbox/<y-tunnus>/claims-NNN.csv (or .xml) per partner. Beside the inbox, \
      generated.json lists the files, their record counts, and how many errors of each \
      kind were put in. The same seed and options give byte-identical files. Every \
      henkilötunnus has a temporary individual number (900-999). Without a shape option \
      the drop is --nightly.

      With --error-rate, each claim or mandate record carries one error with that \
      probability: bad henkilötunnus or Y-tunnus check characters, bad or foreign IBANs, \
      legal basis and claim type at odds, periods out of order or too long, unknown codes, \
      missing fields, overlapping periods, employees without a mandate, claims about \
      oneself, decisions in the future, duplicate or conflicting IDs, adult "children", \
      wrong party types, extra fields. The register never carries errors: one error would \
      reject it whole.
      """)

  @Option(help: "Seed of the generator; the same seed gives the same bytes.")
  var seed: UInt64 = 1

  @Option(name: [.short, .long], help: "The folder to fill (a data root; inbox/ must be empty).")
  var out: String

  @Option(help: "The business date the drop is made for (YYYY-MM-DD); run it with that --now.")
  var date = "2026-11-22"

  @Option(help: "Share (0-1) of claim and mandate records that carry one error each.")
  var errorRate = 0.0

  @Option(
    name: .customLong("claims-csv"),
    help: ArgumentHelp(
      "One CSV file with N claims (plus the register and staff mandates).", valueName: "N"))
  var claimsCsv: Int?

  @Option(
    name: .customLong("claims-xml"),
    help: ArgumentHelp(
      "One XML file with N claims (plus the register and staff mandates).", valueName: "N"))
  var claimsXml: Int?

  @Option(
    name: .customLong("mandates-xml"),
    help: ArgumentHelp(
      "One XML mandate export with N mandates (plus the register).", valueName: "N"))
  var mandatesXml: Int?

  @Option(
    name: .customLong("mandates-csv"),
    help: ArgumentHelp(
      "One CSV mandate export with N mandates (plus the register).", valueName: "N"))
  var mandatesCsv: Int?

  @Flag(help: "A night's drop: the register, a mandate export and claim files per partner.")
  var nightly = false

  @Option(help: "Nightly: the number of partners sending claims.")
  var partners = 23

  @Option(help: "Nightly: claims per partner.")
  var claimsPerPartner = 5_000

  @Option(help: "Nightly: claim files per partner (claims-001, claims-002, …).")
  var filesPerPartner = 1

  @Option(help: "Nightly: mandates in the export.")
  var mandates = 50_000

  @Option(
    help: ArgumentHelp(
      "The night after the first (0) that the drop is for. Its claims continue the "
        + "IDs and the clients of the nights before, and its mandates are the first "
        + "night's, so a data root can take night after night (give each its own --date).",
      valueName: "K"))
  var night = 0

  @Option(help: "The register's form.")
  var registerFormat = FileFormat.xml

  @Flag(help: "Print nothing.")
  var quiet = false

  func validate() throws {
    let shapes = [claimsCsv, claimsXml, mandatesXml, mandatesCsv].compactMap { $0 }
    guard shapes.count + (nightly ? 1 : 0) <= 1 else {
      throw ValidationError(
        "Choose one shape: --claims-csv, --claims-xml, --mandates-xml, --mandates-csv or --nightly."
      )
    }
    guard shapes.allSatisfy({ $0 >= 1 }), partners >= 1, claimsPerPartner >= 0,
      filesPerPartner >= 1, mandates >= 0, night >= 0
    else {
      throw ValidationError("Sizes must be positive.")
    }
    guard (0...1).contains(errorRate) else {
      throw ValidationError("--error-rate is a share, 0-1.")
    }
    guard LocalDate.parseISO(date) != nil else { throw ValidationError("--date is YYYY-MM-DD.") }
  }

  func run() throws {
    var shape = DropShape(kind: .nightly)
    shape.registerFormat = registerFormat
    shape.partners = partners
    shape.claimsPerPartner = claimsPerPartner
    shape.filesPerPartner = filesPerPartner
    shape.mandates = mandates
    shape.night = night
    if let n = claimsCsv {
      shape.kind = .claims(.csv)
      shape.claims = n
    } else if let n = claimsXml {
      shape.kind = .claims(.xml)
      shape.claims = n
    } else if let n = mandatesXml {
      shape.kind = .mandates(.xml)
      shape.mandates = n
    } else if let n = mandatesCsv {
      shape.kind = .mandates(.csv)
      shape.mandates = n
    }
    let generator = DropGenerator(
      seed: seed, now: LocalDate.parseISO(date)!, errorRate: errorRate, shape: shape)
    let clock = ContinuousClock()
    let started = clock.now
    let entries = try generator.generate(root: out)
    let elapsed = clock.now - started
    guard !quiet else { return }
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    for e in entries {
      let injected = e.injected.reduce(0) { $0 + $1.1 }
      print("\(e.path)\t\(e.kind)\t\(e.records) records\t\(e.bytes) bytes\t\(injected) with errors")
    }
    let records = entries.reduce(0) { $0 + $1.records }
    let bytes = entries.reduce(0) { $0 + $1.bytes }
    print(
      "\(records) records, \(bytes / 1_000_000) MB in \(Int(seconds * 1000)) ms"
        + " (\(Int(Double(records) / max(seconds, 1e-9))) records/s)")
  }
}
