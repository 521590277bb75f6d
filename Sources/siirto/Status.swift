import ArgumentParser
import SiirtoPipeline

struct Status: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show files waiting in the inbox (and why), the last runs, anything in flight.")

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @OptionGroup var rootOptions: RootOptions

  @Option(help: "The configuration file (default: <root>/siirto.toml if present).")
  var config: String?

  @Option(help: "Output format: text or json (for monitoring).")
  var format: Format = .text

  func run() throws {
    let root = rootOptions.dataRoot
    do {
      let configuration = try Configuration.load(path: config, root: root.path.string)
      let report = try StatusReport.gather(root: root, configuration: configuration)
      print(format == .text ? report.text : report.json, terminator: format == .text ? "" : "\n")
    } catch {
      complain("siirto: \(error)")
      throw ExitCode(exitStatus(for: error))
    }
  }
}
