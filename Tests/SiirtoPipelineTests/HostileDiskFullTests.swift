import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Whether this process may mount a tmpfs (root, or CAP_SYS_ADMIN).
enum TmpfsMount {
  static let permitted: Bool = {
    let probe = FileManager.default.temporaryDirectory.appendingPathComponent(
      "siirto-mount-probe-\(getpid())")
    try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: probe) }
    guard mount("tmpfs", probe.path, "tmpfs", 0, "size=64k") == 0 else { return false }
    umount2(probe.path, Int32(MNT_DETACH))
    return true
  }()
}

/// A full disk during a run, on a real one: the data root is a small tmpfs
/// (scripts/disk-full.sh tries many more amounts of free space). Needs the
/// right to mount, so it runs as root only.
@Suite("Disk full", .serialized, .enabled(if: TmpfsMount.permitted))
struct HostileDiskFullTests {
  static let reference: [String: String] = {
    let sandbox = try! Sandbox()
    try! sandbox.drop("night1")
    _ = try! sandbox.run()
    return try! sandbox.endState()
  }()

  @Test(
    "the disk fills at some step: exit 74, nothing half published, then it converges",
    arguments: [0, 16, 96, 256])
  func full(freeKiB: Int) throws {
    let sandbox = try Sandbox()
    #expect(mount("tmpfs", sandbox.root.path, "tmpfs", 0, "size=2m") == 0)
    defer { umount2(sandbox.root.path, Int32(MNT_DETACH)) }
    let state = sandbox.root.appendingPathComponent("state")
    try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
    try Data((0..<32).map { UInt8($0 * 7 & 0xFF) }).write(
      to: state.appendingPathComponent("pseudonym.key"))
    try sandbox.drop("night1")
    let inputs = try sandbox.files(under: "inbox").count

    // Everything but `freeKiB` taken by a filler the run cannot free.
    var fs = statvfs()
    #expect(statvfs(sandbox.root.path, &fs) == 0)
    let available = Int(fs.f_bavail) * Int(fs.f_frsize) - freeKiB * 1024
    let filler = sandbox.root.appendingPathComponent("filler")
    #expect(FileManager.default.createFile(atPath: filler.path, contents: nil))
    let handle = try FileHandle(forWritingTo: filler)
    let block = Data(count: 4096)
    var written = 0
    while written + block.count <= available {
      guard (try? handle.write(contentsOf: block)) != nil else { break }
      written += block.count
    }
    try handle.close()

    let full = try sandbox.run()
    #expect(full.signal == nil)
    #expect(full.status == 74, "exit \(full.status): \(full.stderr)")
    for (path, digest) in try sandbox.files(under: "outbox") {
      #expect(HostileDiskFullTests.reference["file:" + path] == digest, "\(path) is half written")
    }
    let kept = try ["inbox", "work/incoming", "archive", "rejected"].reduce(0) {
      $0 + (try sandbox.files(under: $1).count)
    }
    #expect(kept == inputs, "every input is somewhere a run finds it")

    try FileManager.default.removeItem(at: filler)
    let again = try sandbox.run()
    #expect(again.status == 1, "night1 has rejections: \(again.stderr)")
    let end = try sandbox.endState().filter { $0.key != "file:filler" }
    #expect(end.keys.sorted() == HostileDiskFullTests.reference.keys.sorted())
    for (key, value) in HostileDiskFullTests.reference where end[key] != value {
      Issue.record("\(key) differs after a full disk with \(freeKiB) KiB free")
    }
  }
}
