import Foundation
import SiirtoCore

/// The shape of a drop: which files, how large.
struct DropShape {
  enum Kind {
    /// Register, staff mandates, and one claims file of `claims` records.
    case claims(FileFormat)
    /// Register and one mandate export of `mandates` records.
    case mandates(FileFormat)
    /// Register, one mandate export, and `filesPerPartner` claim files for each of
    /// `partners` partners.
    case nightly
  }

  var kind: Kind
  var claims = 0
  var mandates = 0
  var partners = 23
  var claimsPerPartner = 5_000
  var filesPerPartner = 1
  var registerFormat = FileFormat.xml
  /// The night after the first (0) that the drop is for: its claims continue the IDs and
  /// the clients where the nights before ended, so that every night's claims are new, and
  /// its mandates are the first night's, dated as then.
  var night = 0
}

/// One file of the manifest.
struct ManifestEntry {
  let path: String
  let kind: String
  let records: Int
  let bytes: Int
  let injected: [(String, Int)]
}

/// Generates a drop under `root` (its `inbox/` must not exist yet, or be empty) and writes
/// `root/generated.json`, a manifest of what the files hold and which errors were put in.
/// The manifest sits beside the inbox, not in it, so a run never picks it up.
struct DropGenerator {
  let seed: UInt64
  let now: LocalDate
  let errorRate: Double
  let shape: DropShape

  func generate(root: String) throws -> [ManifestEntry] {
    let fm = FileManager.default
    let inbox = root + "/inbox"
    if let existing = try? fm.contentsOfDirectory(atPath: inbox), !existing.isEmpty {
      throw GenError(description: "\(inbox) is not empty; generate into a fresh folder")
    }
    try fm.createDirectory(atPath: inbox, withIntermediateDirectories: true)
    let register = Register()
    let people = People(seed: seed)
    var entries: [ManifestEntry] = []

    let registerPath = "inbox/register." + shape.registerFormat.rawValue
    let regSink = try ByteSink(path: root + "/" + registerPath)
    switch shape.registerFormat {
    case .xml: try register.writeXML(to: regSink, snapshotDate: now.adding(days: -1))
    case .csv: try register.writeCSV(to: regSink)
    }
    try regSink.finish()
    entries.append(
      ManifestEntry(
        path: registerPath, kind: "register", records: register.organisations.count,
        bytes: regSink.count, injected: []))

    // The organisations sending claims, and their files (by claimant index).
    var claimants: [Organisation] = []
    var claimFiles: [(claimant: Int, count: Int, format: FileFormat, dialect: Dialect)] = []
    var mandateTotal = shape.mandates
    var mandateFormat = FileFormat.xml
    switch shape.kind {
    case .claims(let format):
      claimants = [register.organisation(yTunnus: "0201256-6")!]
      claimFiles = [(0, shape.claims, format, .plain)]
      mandateTotal = 2_000
    case .mandates(let format):
      mandateFormat = format
    case .nightly:
      let organisers = register.serviceOrganisers
      for n in 0..<shape.partners {
        claimants.append(organisers[n % organisers.count])
        // Every fifth partner sends XML; the others CSV in their own dialects.
        let format: FileFormat = n % 5 == 4 ? .xml : .csv
        for k in 0..<shape.filesPerPartner {
          let count =
            shape.claimsPerPartner / shape.filesPerPartner
            + (k < shape.claimsPerPartner % shape.filesPerPartner ? 1 : 0)
          claimFiles.append((n, count, format, format == .xml ? .plain : .partner(n)))
        }
      }
    }

    let largest =
      claimants.indices.map { c in
        claimFiles.filter { $0.claimant == c }.reduce(0) { $0 + $1.count }
      }.max() ?? 0
    // Mandates keep the dates the first night gave them: a later night's export lists the
    // same mandates under its own ID and time, as Suomi.fi's do.
    let firstNight = now.adding(days: -shape.night)
    let plan = MandateWriter.staffPlan(
      for: claimants, perClaimant: 12 + min(largest / 200, 188), register: register,
      people: people, now: firstNight)
    let exportedAt = Timestamp(seconds: Int64(now.daysSinceEpoch) * 86_400 - 7_200)
    let exportDay = LocalDate(daysSinceEpoch: now.daysSinceEpoch - 1)
    let exportID = "VAL-" + Text.iso(exportDay).filter { $0 != "-" } + "-S" + String(seed)
    let mandatesPath = "inbox/mandates." + mandateFormat.rawValue
    var mandates = MandateWriter(
      register: register, people: people, now: firstNight, seed: seed, errorRate: errorRate)
    let mSink = try ByteSink(path: root + "/" + mandatesPath)
    try mandates.write(
      plan: plan, total: max(mandateTotal, plan.mandates.count), format: mandateFormat,
      exportID: exportID, exportedAt: exportedAt.iso, to: mSink)
    try mSink.finish()
    entries.append(
      ManifestEntry(
        path: mandatesPath, kind: "mandates", records: max(mandateTotal, plan.mandates.count),
        bytes: mSink.count, injected: mandates.tally.sorted))

    var claims = ClaimWriter(people: people, register: register, now: now, errorRate: errorRate)
    /// File `n`'s spec; `sent` counts each claimant's claims so far, for its claim IDs.
    func spec(_ n: Int, firstClient: Int, sent: inout [String: Int]) -> ClaimFileSpec {
      let file = claimFiles[n]
      let org = claimants[file.claimant]
      let numberOffset = sent[org.yTunnus] ?? 0
      sent[org.yTunnus] = numberOffset + file.count
      return ClaimFileSpec(
        claimant: org, registrars: plan.registrars[file.claimant], count: file.count,
        format: file.format, dialect: file.dialect, firstClient: firstClient,
        numberOffset: numberOffset, stream: 0x434C_0000 + UInt64(n))
    }
    // Every night draws as many clients (the same seed makes the same choices), so night
    // K starts K nights' worth in: counted by writing one night's claims to nowhere.
    var firstClient = 0
    if shape.night > 0 {
      var perNight = 0
      var sent: [String: Int] = [:]
      for n in claimFiles.indices {
        let sink = try ByteSink(path: "/dev/null")
        perNight += try claims.write(
          spec(n, firstClient: perNight, sent: &sent), seed: seed, to: sink)
        try sink.finish()
      }
      firstClient = shape.night * perNight
      guard firstClient + perNight <= people.clients.capacity else {
        throw GenError(
          description: "the client pool holds \(people.clients.capacity / perNight) nights "
            + "of this size; --night \(shape.night) is past it")
      }
    }
    var fileNumber: [String: Int] = [:]
    var claimsSent: [String: Int] = [:]
    for (claimant, count, _, _) in claimFiles {
      claimsSent[claimants[claimant].yTunnus, default: 0] += shape.night * count
    }
    for (n, file) in claimFiles.enumerated() {
      let org = claimants[file.claimant]
      let folder = "inbox/" + org.yTunnus
      try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
      let number = (fileNumber[org.yTunnus] ?? 0) + 1
      fileNumber[org.yTunnus] = number
      let path = folder + "/claims-" + Text.padded(number, width: 3) + "." + file.format.rawValue
      let sink = try ByteSink(path: root + "/" + path)
      claims.tally.reset()
      firstClient += try claims.write(
        spec(n, firstClient: firstClient, sent: &claimsSent), seed: seed, to: sink)
      try sink.finish()
      entries.append(
        ManifestEntry(
          path: path, kind: "claims", records: file.count, bytes: sink.count,
          injected: claims.tally.sorted))
    }
    try writeManifest(entries, to: root + "/generated.json")
    return entries
  }

  private func writeManifest(_ entries: [ManifestEntry], to path: String) throws {
    let sink = try ByteSink(path: path)
    sink.append("{\n  \"generator\": \"siirto-gen\",\n  \"seed\": \(seed),\n")
    sink.append("  \"date\": \"\(Text.iso(now))\",\n  \"errorRate\": \(errorRate),\n")
    sink.append("  \"files\": [\n")
    for (i, e) in entries.enumerated() {
      sink.append("    {\"path\": \"\(e.path)\", \"kind\": \"\(e.kind)\", ")
      sink.append("\"records\": \(e.records), \"bytes\": \(e.bytes), \"injected\": {")
      sink.append(e.injected.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", "))
      sink.append("}}" + (i + 1 < entries.count ? ",\n" : "\n"))
    }
    sink.append("  ]\n}\n")
    try sink.finish()
  }
}
