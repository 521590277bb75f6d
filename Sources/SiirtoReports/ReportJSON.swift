import Foundation
import SiirtoCore
import SiirtoFormats

/// `reports/<runId>/report.json`: the facts of the HTML report for tools,
/// described by `schemas/report.schema.json`. Amounts are decimal strings
/// (`"1234.50"`), never floating point; times are UTC ISO 8601.
public enum ReportJSON {
  /// The document's `schema` value, which names its JSON Schema.
  public static let schemaID = "urn:siirto:report:1"

  /// The JSON text (sorted keys, so byte-identical for the same report),
  /// through the privacy filter.
  public static func render(_ report: RunReport) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(Document(report))
    return PrivacyFilter.redact(String(decoding: data, as: UTF8.self) + "\n")
  }

  struct Document: Encodable {
    var schema = ReportJSON.schemaID
    var run: Run
    var inputs: [Input]
    var problemsByCode: [CodeCount]
    var problems: Listing<ProblemItem>
    var claimants: [Claimant]
    var claims: Listing<Claim>
    var registerChanges: [RegisterChange]
    var coverage: [Coverage]
    var outputs: [Output]
    var previousAuditHash: String?

    init(_ r: RunReport) {
      run = Run(
        runId: r.runID, startedAt: r.startedAt.iso, finishedAt: r.finishedAt.iso,
        version: r.version, configurationDigest: r.configurationDigest, host: r.host,
        result: r.outcome.rawValue)
      inputs = r.inputs.map {
        Input(
          number: $0.number, name: $0.displayName, sender: $0.sender, kind: $0.kind?.rawValue,
          format: $0.format?.rawValue, bytes: $0.bytes, sha256: $0.sha256,
          status: $0.status.rawValue,
          counts: Counts(
            records: $0.counts.records, accepted: $0.counts.accepted,
            rejected: $0.counts.rejected, ignored: $0.counts.ignored,
            warnings: $0.counts.warnings), receipt: $0.receipt)
      }
      problemsByCode = ProblemCodeCount.sorted(r.problemsByCode).map {
        CodeCount(code: $0.code.rawValue, severity: $0.severity.rawValue, count: $0.count)
      }
      problems = Listing(
        total: r.problemTotal, complete: "problems.csv",
        listed: r.problems.map { row in
          let p = row.problem
          return ProblemItem(
            file: row.file, severity: p.severity.rawValue, code: p.code.rawValue,
            line: p.location.line, column: p.location.column, record: p.location.record,
            field: p.location.field, recordId: p.location.recordID, path: p.location.path,
            messageFi: Messages.render(p, in: .fi), messageEn: Messages.render(p, in: .en))
        })
      claimants = r.claimants.sorted { $0.totals.claimant < $1.totals.claimant }.map {
        Claimant(
          claimant: $0.totals.claimant.value, name: $0.name, claims: $0.totals.added,
          cancellations: $0.totals.cancelled, total: $0.totals.total.description)
      }
      claims = Listing(
        total: r.claimTotal, complete: nil,
        listed: r.claimsForDisplay.map {
          Claim(
            claimId: $0.claimID, action: $0.action.rawValue, protected: $0.isProtected,
            claimant: $0.claimant?.value, client: $0.client, benefit: $0.benefit?.rawValue,
            amount: $0.amount?.description)
        })
      registerChanges = r.registerChanges.map {
        RegisterChange(
          change: $0.change.rawValue, yTunnus: $0.organisation.value, name: $0.name,
          type: $0.type?.rawValue, detail: $0.detail)
      }
      coverage = r.coverage.sorted { ($0.organisation, $0.matter) < ($1.organisation, $1.matter) }
        .map {
          Coverage(
            yTunnus: $0.organisation.value, name: $0.name, type: $0.type.rawValue,
            matter: $0.matter, authorisedPersons: $0.authorisedPersons)
        }
      outputs = r.outputs.map { Output(path: $0.path, bytes: $0.bytes, sha256: $0.sha256) }
      previousAuditHash = r.previousAuditHash
    }
  }

  struct Run: Encodable {
    var runId, startedAt, finishedAt, version, configurationDigest, host, result: String
  }

  struct Counts: Encodable { var records, accepted, rejected, ignored, warnings: Int }

  struct Input: Encodable {
    var number: Int
    var name, sender: String
    var kind, format: String?
    var bytes: Int64
    var sha256: String?
    var status: String
    var counts: Counts
    var receipt: String?
  }

  struct CodeCount: Encodable {
    var code, severity: String
    var count: Int
  }

  /// The first rows of a list that may be long, with the full count.
  struct Listing<Item: Encodable>: Encodable {
    var total: Int
    /// Where every row is, when the listing may be partial.
    var complete: String?
    var listed: [Item]
  }

  struct ProblemItem: Encodable {
    var file: Int
    var severity, code: String
    var line, column, record: Int?
    var field, recordId, path: String?
    var messageFi, messageEn: String
  }

  struct Claimant: Encodable {
    var claimant: String
    var name: String?
    var claims, cancellations: Int
    var total: String
  }

  struct Claim: Encodable {
    var claimId, action: String
    var protected: Bool
    var claimant, client, benefit, amount: String?
  }

  struct RegisterChange: Encodable {
    var change, yTunnus, name: String
    var type, detail: String?
  }

  struct Coverage: Encodable {
    var yTunnus, name, type, matter: String
    var authorisedPersons: Int
  }

  struct Output: Encodable {
    var path: String
    var bytes: Int64
    var sha256: String
  }
}
