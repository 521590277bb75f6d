import SiirtoFormats
import SiirtoStore

/// A file's SHA-256 (lower-case hex) and size, as its writer saw them.
typealias WrittenFile = (sha256: String, bytes: Int64)

/// Writes a run's outputs into `work/stage/<runId>/`, mirroring their final
/// places, and remembers each one's digest for the ledger and the audit chain.
/// Nothing staged is visible to a reader until ``Publisher`` renames it.
final class Stager {
  let root: DataRoot
  let runID: String
  private(set) var outputs: [OutputFileRow] = []

  init(root: DataRoot, runID: String) {
    self.root = root
    self.runID = runID
  }

  var folder: BytePath { root.stage.appending(runID) }

  /// Stages `bytes` for the final place `path` (relative to the root).
  func stage(_ path: String, role: String, bytes: [UInt8]) throws {
    let staged = folder.appending(path)
    try Posix.makeDirectories(staged.parent)
    try Posix.writeNew(staged, bytes)
    outputs.append(
      OutputFileRow(
        runID: runID, path: path, role: role, sha256: FileDigest.sha256(bytes),
        bytes: Int64(bytes.count), stagedPath: root.relative(staged)))
  }

  /// Records a file that a writer already put at its staged place, making
  /// it durable. `written` is its digest and size when the writer hashed it
  /// on the way (a large file is then not read back); else it is read.
  func adopt(_ path: String, role: String, written: WrittenFile? = nil) throws {
    let staged = folder.appending(path)
    let (sha256, bytes) = try written ?? FileHash.sha256(staged)
    try Posix.fsync(staged)
    outputs.append(
      OutputFileRow(
        runID: runID, path: path, role: role, sha256: sha256, bytes: bytes,
        stagedPath: root.relative(staged)))
  }

  /// The staged place of a final path, for writers that stream to a file.
  func stagedPlace(of path: String) throws -> BytePath {
    let staged = folder.appending(path)
    try Posix.makeDirectories(staged.parent)
    return staged
  }

  /// Makes the staged folders' entries durable before the commit.
  func sync() throws {
    var folders = Set<BytePath>()
    for output in outputs { folders.insert(root.path.appending(output.stagedPath).parent) }
    for folder in folders.sorted(by: { $0.bytes.lexicographicallyPrecedes($1.bytes) }) {
      try Posix.fsync(folder)
    }
  }
}
