import Foundation
import SiirtoFormats

/// One file written into a run's report folder.
public struct WrittenReportFile: Sendable, Hashable {
  /// The file's name inside the folder: `report.html`, `report.json`, `problems.csv`.
  public var name: String
  public var sha256: String
  public var bytes: Int64
}

/// Writes a run's three report files into one folder (the staging copy of
/// `reports/<runId>/`), returning their hashes for the audit record.
public enum ReportFiles {
  /// `problems` is every problem of the run, streamed into `problems.csv`;
  /// `report` carries only the first rows. Files are written in name order.
  public static func write(
    _ report: RunReport, problems: some Sequence<ProblemRow>, into folder: URL
  ) throws -> [WrittenReportFile] {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let csv = folder.appendingPathComponent("problems.csv")
    try ProblemsCSV.write(problems, runID: report.runID, to: csv.path)
    let html = Data(ReportHTML.render(report).utf8)
    try html.write(to: folder.appendingPathComponent("report.html"))
    let json = Data(try ReportJSON.render(report).utf8)
    try json.write(to: folder.appendingPathComponent("report.json"))
    let size =
      (try FileManager.default.attributesOfItem(atPath: csv.path)[.size] as? NSNumber)?
      .int64Value ?? 0
    return [
      WrittenReportFile(
        name: "problems.csv", sha256: try FileDigest.sha256(fileAt: csv.path), bytes: size),
      WrittenReportFile(
        name: "report.html", sha256: FileDigest.sha256(html), bytes: Int64(html.count)),
      WrittenReportFile(
        name: "report.json", sha256: FileDigest.sha256(json), bytes: Int64(json.count)),
    ]
  }
}
