import SiirtoCore
import SiirtoFormats

/// `reports/<runId>/report.html`: one self-contained page for people.
public enum ReportHTML {
  /// The page; the whole text passes the privacy filter before it is returned.
  public static func render(_ report: RunReport) -> String {
    let e = HTML.escape
    let limit = RunReport.tableLimit
    var body = "<h1>Siirto run \(e(report.runID))</h1>\n"

    body += "<h2>The run</h2>\n"
    body += HTML.table(
      ["Item", "Value"],
      [
        ["Run ID", e(report.runID)],
        ["Started", e(report.startedAt.iso)],
        ["Finished", e(report.finishedAt.iso)],
        ["Version", e(report.version)],
        ["Configuration digest", "<span class=\"hash\">\(e(report.configurationDigest))</span>"],
        ["Host", e(report.host)],
        ["Result", e(report.outcome.rawValue)],
      ])

    body += "<h2>Input files</h2>\n"
    if report.inputs.isEmpty {
      body += "<p class=\"note\">No input files.</p>\n"
    } else {
      body += HTML.table(
        [
          "#", "Name", "Sender", "Kind", "SHA-256", "Status", "Records", "Accepted", "Rejected",
          "Ignored", "Warnings",
        ],
        report.inputs.map { f in
          [
            String(f.number), e(f.displayName), e(f.sender),
            e([f.kind?.rawValue, f.format?.rawValue].compactMap { $0 }.joined(separator: "/")),
            "<span class=\"hash\">\(e(f.sha256 ?? "–"))</span>", e(f.status.rawValue),
            String(f.counts.records), String(f.counts.accepted), String(f.counts.rejected),
            String(f.counts.ignored), String(f.counts.warnings),
          ]
        }, numeric: [0, 6, 7, 8, 9, 10])
    }

    body += "<h2>Problems by code</h2>\n"
    if report.problemsByCode.isEmpty {
      body += "<p class=\"note\">No problems.</p>\n"
    } else {
      let counts = ProblemCodeCount.sorted(report.problemsByCode)
      body += HTML.barChart(counts.map { ($0.code.rawValue, $0.count) }, title: "Problems by code")
      body += HTML.table(
        ["Code", "Severity", "Count"],
        counts.map { [e($0.code.rawValue), e($0.severity.rawValue), String($0.count)] },
        numeric: [2])
      body += "<h3>Problems</h3>\n"
      body += HTML.table(
        ["File", "Severity", "Code", "Line", "Record", "Field", "Record ID", "Message"],
        report.problems.prefix(limit).map { row in
          let p = row.problem
          return [
            String(row.file), e(p.severity.rawValue), e(p.code.rawValue),
            p.location.line.map(String.init) ?? "", p.location.record.map(String.init) ?? "",
            e(p.location.field ?? ""), e(p.location.recordID ?? ""),
            e(Messages.render(p, in: .en)),
          ]
        }, numeric: [0, 3, 4])
      if report.problemTotal > min(limit, report.problems.count) {
        body +=
          "<p class=\"note\">Showing the first \(min(limit, report.problems.count)) of "
          + "\(report.problemTotal) problems; every problem is in "
          + "<a href=\"problems.csv\">problems.csv</a>.</p>\n"
      }
    }

    body += "<h2>Claims per claimant</h2>\n"
    if report.claimants.isEmpty {
      body += "<p class=\"note\">No claims.</p>\n"
    } else {
      let claimants = report.claimants.sorted { $0.totals.claimant < $1.totals.claimant }
      let top = claimants.sorted { $0.totals.added > $1.totals.added }.prefix(50)
        .sorted { $0.totals.claimant < $1.totals.claimant }
      body += HTML.barChart(
        top.map { ($0.totals.claimant.value + ($0.name.map { " " + $0 } ?? ""), $0.totals.added) },
        title: "Claims per claimant")
      body += HTML.table(
        ["Claimant", "Name", "Claims", "Cancellations", "Total (EUR)"],
        claimants.map { c in
          [
            e(c.totals.claimant.value), e(c.name ?? ""), String(c.totals.added),
            String(c.totals.cancelled), e(c.totals.total.description),
          ]
        }, numeric: [2, 3, 4])
      if !report.claims.isEmpty {
        body += "<h3>Claims</h3>\n"
        body += HTML.table(
          ["Claim ID", "Action", "Claimant", "Client", "Benefit", "Amount (EUR)"],
          report.claimsForDisplay.prefix(limit).map { c in
            c.isProtected
              ? [
                e(c.claimID) + " <span class=\"protected\">(protected)</span>",
                e(c.action.rawValue),
                "", "", "", "",
              ]
              : [
                e(c.claimID), e(c.action.rawValue), e(c.claimant?.value ?? ""), e(c.client ?? ""),
                e(c.benefit?.rawValue ?? ""), e(c.amount?.description ?? ""),
              ]
          }, numeric: [5])
        if report.claimTotal > min(limit, report.claims.count) {
          body +=
            "<p class=\"note\">Showing the first \(min(limit, report.claims.count)) of "
            + "\(report.claimTotal) claims; the Kela batch in the output files has them all.</p>\n"
        }
      }
    }

    body += "<h2>Register changes</h2>\n"
    if report.registerChanges.isEmpty {
      body += "<p class=\"note\">No changes.</p>\n"
    } else {
      body += HTML.table(
        ["Change", "Y-tunnus", "Name", "Type", "Detail"],
        report.registerChanges.prefix(limit).map { c in
          [
            e(c.change.rawValue), e(c.organisation.value), e(c.name), e(c.type?.rawValue ?? ""),
            e(c.detail ?? ""),
          ]
        })
      if report.registerChanges.count > limit {
        body +=
          "<p class=\"note\">Showing the first \(limit) of \(report.registerChanges.count) "
          + "changes; <a href=\"report.json\">report.json</a> has them all.</p>\n"
      }
    }

    body += "<h2>Mandate coverage</h2>\n"
    let lacking = report.coverage.filter { $0.authorisedPersons == 0 }
    let covered = Set(report.coverage.map(\.organisation)).subtracting(lacking.map(\.organisation))
    if lacking.isEmpty {
      body += "<p class=\"note\">Every organisation has someone who may act in each required matter"
      body += " (\(covered.count) organisations).</p>\n"
    } else {
      body += "<p>Organisations without a person who may act in a required matter:</p>\n"
      body += HTML.table(
        ["Y-tunnus", "Name", "Type", "Matter", "Authorised persons"],
        lacking.sorted { ($0.organisation, $0.matter) < ($1.organisation, $1.matter) }.map { r in
          [e(r.organisation.value), e(r.name), e(r.type.rawValue), e(r.matter), "0"]
        }, numeric: [4])
      body += "<p class=\"note\">\(covered.count) other organisations are covered.</p>\n"
    }

    body += "<h2>Output files</h2>\n"
    if report.outputs.isEmpty {
      body += "<p class=\"note\">No output files.</p>\n"
    } else {
      body += HTML.table(
        ["Path", "Bytes", "SHA-256"],
        report.outputs.map { o in
          [e(o.path), String(o.bytes), "<span class=\"hash\">\(e(o.sha256))</span>"]
        }, numeric: [1])
    }

    body += "<h2>Audit chain</h2>\n"
    body +=
      "<p>Hash of the previous run's audit record: <span class=\"hash\">"
      + "\(e(report.previousAuditHash ?? "none (first run)"))</span></p>\n"
    body += "<p class=\"note\">This report is hashed into this run's audit record.</p>\n"
    return PrivacyFilter.redact(HTML.page(title: "Siirto run \(report.runID)", body: body))
  }
}

/// One run as `reports/index.html` lists it.
public struct RunIndexEntry: Sendable, Hashable {
  public var runID: String
  public var startedAt: Timestamp
  public var outcome: RunOutcome
  public var files: Int
  public var rejectedFiles: Int
  public var problems: Int

  public init(
    runID: String, startedAt: Timestamp, outcome: RunOutcome, files: Int, rejectedFiles: Int,
    problems: Int
  ) {
    self.runID = runID
    self.startedAt = startedAt
    self.outcome = outcome
    self.files = files
    self.rejectedFiles = rejectedFiles
    self.problems = problems
  }

  public init(_ report: RunReport) {
    self.init(
      runID: report.runID, startedAt: report.startedAt, outcome: report.outcome,
      files: report.inputs.count,
      rejectedFiles: report.inputs.filter { $0.status == .REJECTED }.count,
      problems: report.problemTotal)
  }
}

/// `reports/index.html`: all runs, newest first, linking to their reports.
public enum ReportIndexHTML {
  public static func render(_ runs: [RunIndexEntry]) -> String {
    let e = HTML.escape
    let sorted = runs.sorted { a, b in
      a.startedAt != b.startedAt ? a.startedAt > b.startedAt : runOrder(a.runID) > runOrder(b.runID)
    }
    var body = "<h1>Siirto runs</h1>\n"
    if sorted.isEmpty {
      body += "<p class=\"note\">No runs yet.</p>\n"
    } else {
      body += HTML.table(
        ["Run", "Started", "Result", "Files", "Rejected files", "Problems", "Reports"],
        sorted.map { r in
          let folder = e(r.runID)
          return [
            "<a href=\"\(folder)/report.html\">\(folder)</a>", e(r.startedAt.iso),
            e(r.outcome.rawValue), String(r.files), String(r.rejectedFiles), String(r.problems),
            "<a href=\"\(folder)/report.html\">HTML</a> <a href=\"\(folder)/report.json\">JSON</a> "
              + "<a href=\"\(folder)/problems.csv\">CSV</a>",
          ]
        }, numeric: [3, 4, 5])
    }
    return PrivacyFilter.redact(HTML.page(title: "Siirto runs", body: body))
  }

  /// `20261122-020000-10` after `20261122-020000-9`: the suffix compares as a number.
  static func runOrder(_ runID: String) -> (String, Int) {
    let parts = runID.split(separator: "-")
    if parts.count == 3, let n = Int(parts[2]) { return (parts[0] + "-" + parts[1], n) }
    return (runID, 1)
  }
}
