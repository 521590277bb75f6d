import ArgumentParser
import SiirtoPipeline

struct Audit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The audit chain.", subcommands: [Verify.self])

  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check the audit chain and re-hash the files it names.",
      discussion: "Exits 0 when the chain and every file are intact, 1 when anything is not.")

    @OptionGroup var rootOptions: RootOptions

    func run() throws {
      do {
        let findings = try AuditCommand.verify(root: rootOptions.dataRoot)
        for line in findings.lines { print(line) }
        if !findings.intact { throw ExitCode(1) }
      } catch let error as ExitCode {
        throw error
      } catch {
        complain("siirto: \(error)")
        throw ExitCode(exitStatus(for: error))
      }
    }
  }
}
