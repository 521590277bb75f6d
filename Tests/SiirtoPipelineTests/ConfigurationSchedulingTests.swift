import Foundation
import Testing

/// The project's `cron/` folder, from this file's place in the tree.
private let cronFolder = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("cron")

/// The lines of `cron/<name>` that are not comments.
private func settings(_ name: String) throws -> [String] {
  try String(contentsOf: cronFolder.appendingPathComponent(name), encoding: .utf8)
    .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
}

/// What operations.md ("Scheduling") requires of the shipped schedules; the
/// syntax of the units is checked by scripts/verify-units.sh.
@Suite("Configuration of the schedule")
struct ConfigurationSchedulingTests {
  @Test(
    "the service is hardened as operations.md requires",
    arguments: [
      "Type=oneshot", "ProtectSystem=strict", "ReadWritePaths=/var/lib/siirto",
      "NoNewPrivileges=yes", "PrivateTmp=yes", "UMask=0027",
      "Environment=SIIRTO_ROOT=/var/lib/siirto", "ExecStart=/usr/local/bin/siirto run",
      "SuccessExitStatus=1", "User=siirto",
    ])
  func service(line: String) throws {
    #expect(try settings("siirto.service").contains(line))
  }

  @Test("the timer runs at 02:00 Finnish time and catches up a missed night")
  func timer() throws {
    let timer = try settings("siirto.timer")
    #expect(timer.contains("OnCalendar=*-*-* 02:00:00 Europe/Helsinki"))
    #expect(timer.contains("Persistent=true"))
    #expect(timer.contains("Unit=siirto.service"))
  }

  @Test("the crontab runs at 02:00 and mails its output")
  func crontab() throws {
    let crontab = try settings("siirto.crontab")
    #expect(crontab.contains { $0.hasPrefix("MAILTO=") })
    #expect(crontab.contains("SIIRTO_ROOT=/var/lib/siirto"))
    let job = try #require(crontab.first { $0.hasPrefix("0 2 * * *") })
    #expect(job.hasSuffix("siirto run"))
    // Output must reach cron's mail, not be thrown away.
    #expect(!job.contains(">"))
  }
}
