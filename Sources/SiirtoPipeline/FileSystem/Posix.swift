import Foundation
import GRDB
import SiirtoFormats

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed system call: the errno, the operation and the path it was on.
/// Becomes exit code 74 (I/O error) at the command line.
public struct IOFailure: Error, CustomStringConvertible, Sendable {
  public let operation: String
  public let path: String
  public let errno: Int32

  public var description: String {
    "\(operation) \(path): \(String(cString: strerror(errno)))"
  }
}

/// What `lstat` says of a directory entry, without following links.
public struct EntryInfo: Sendable {
  public enum Kind: Sendable { case regular, directory, symlink, other }
  public var kind: Kind
  public var size: Int64
  /// Modification time in nanoseconds since the epoch.
  public var mtimeNanos: Int64
  public var mode: UInt32
}

/// Thin wrappers over the POSIX calls the pipeline needs, on byte paths.
/// Every call that can fail throws ``IOFailure``; none follows a symbolic link
/// unless it says so.
public enum Posix {
  public static func lstat(_ path: BytePath) throws -> EntryInfo? {
    var st = stat()
    let rc = path.withCString { Glibc.lstat($0, &st) }
    if rc != 0 {
      if errno == ENOENT || errno == ENOTDIR { return nil }
      throw IOFailure(operation: "lstat", path: path.string, errno: errno)
    }
    let kind: EntryInfo.Kind
    switch st.st_mode & S_IFMT {
    case S_IFREG: kind = .regular
    case S_IFDIR: kind = .directory
    case S_IFLNK: kind = .symlink
    default: kind = .other
    }
    let mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    return EntryInfo(kind: kind, size: Int64(st.st_size), mtimeNanos: mtime, mode: st.st_mode)
  }

  public static func exists(_ path: BytePath) throws -> Bool { try lstat(path) != nil }

  /// The names in a directory (without `.` and `..`), as bytes, sorted bytewise.
  public static func list(_ path: BytePath) throws -> [[UInt8]] {
    guard let dir = path.withCString({ opendir($0) }) else {
      throw IOFailure(operation: "opendir", path: path.string, errno: errno)
    }
    defer { closedir(dir) }
    var names: [[UInt8]] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> [UInt8] in
        Array(raw.prefix(while: { $0 != 0 }))
      }
      if name == [0x2E] || name == [0x2E, 0x2E] { continue }
      names.append(name)
    }
    return names.sorted { $0.lexicographicallyPrecedes($1) }
  }

  /// Creates `path` and its missing parents with `mode`.
  public static func makeDirectories(_ path: BytePath, mode: mode_t = 0o755) throws {
    if let info = try lstat(path) {
      if info.kind == .directory { return }
      throw IOFailure(operation: "mkdir", path: path.string, errno: EEXIST)
    }
    if path.parent != path { try makeDirectories(path.parent, mode: mode) }
    let rc = path.withCString { mkdir($0, mode) }
    if rc != 0 && errno != EEXIST {
      throw IOFailure(operation: "mkdir", path: path.string, errno: errno)
    }
  }

  public static func chmod(_ path: BytePath, _ mode: mode_t) throws {
    let rc = path.withCString { Glibc.chmod($0, mode) }
    if rc != 0 { throw IOFailure(operation: "chmod", path: path.string, errno: errno) }
  }

  /// Renames `from` to `to` atomically. Refuses to replace an existing `to`:
  /// published names are unique, so an existing one means something is wrong.
  public static func rename(_ from: BytePath, _ to: BytePath) throws {
    if try exists(to) { throw IOFailure(operation: "rename", path: to.string, errno: EEXIST) }
    let rc = from.withCString { f in to.withCString { t in Glibc.rename(f, t) } }
    if rc != 0 { throw IOFailure(operation: "rename", path: from.string, errno: errno) }
  }

  public static func unlink(_ path: BytePath) throws {
    let rc = path.withCString { Glibc.unlink($0) }
    if rc != 0 && errno != ENOENT {
      throw IOFailure(operation: "unlink", path: path.string, errno: errno)
    }
  }

  /// Removes a tree the program made itself (work areas). Symbolic links inside
  /// are removed, never followed.
  public static func removeTree(_ path: BytePath) throws {
    guard let info = try lstat(path) else { return }
    if info.kind == .directory {
      for name in try list(path) { try removeTree(path.appending(name)) }
      let rc = path.withCString { rmdir($0) }
      if rc != 0 && errno != ENOENT {
        throw IOFailure(operation: "rmdir", path: path.string, errno: errno)
      }
    } else {
      try unlink(path)
    }
  }

  /// Flushes a file or directory to stable storage.
  public static func fsync(_ path: BytePath) throws {
    let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
    if fd < 0 { throw IOFailure(operation: "open", path: path.string, errno: errno) }
    defer { close(fd) }
    if Glibc.fsync(fd) != 0 { throw IOFailure(operation: "fsync", path: path.string, errno: errno) }
  }

  /// Writes `data` to `path` (which must not exist), flushed to disk.
  public static func writeNew(
    _ path: BytePath, _ data: some Collection<UInt8>, mode: mode_t = 0o644
  )
    throws
  {
    let fd = path.withCString { open($0, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
    if fd < 0 { throw IOFailure(operation: "create", path: path.string, errno: errno) }
    var ok = false
    defer {
      close(fd)
      if !ok { _ = path.withCString { Glibc.unlink($0) } }
    }
    let bytes = Array(data)
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw IOFailure(operation: "write", path: path.string, errno: errno)
      }
      offset += n
    }
    if Glibc.fsync(fd) != 0 { throw IOFailure(operation: "fsync", path: path.string, errno: errno) }
    ok = true
  }

  /// Replaces `path` atomically with `data`: a temporary beside it, then rename.
  public static func replace(_ path: BytePath, _ data: some Collection<UInt8>, mode: mode_t = 0o644)
    throws
  {
    let temp = path.parent.appending(
      Array((".tmp-" + String(getpid()) + "-").utf8) + path.lastComponent)
    try unlink(temp)
    try writeNew(temp, data, mode: mode)
    let rc = temp.withCString { f in path.withCString { t in Glibc.rename(f, t) } }
    if rc != 0 { throw IOFailure(operation: "rename", path: path.string, errno: errno) }
    try fsync(path.parent)
  }

  /// Reads a whole small file (configuration, key).
  public static func read(_ path: BytePath) throws -> [UInt8] {
    let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) }
    if fd < 0 { throw IOFailure(operation: "open", path: path.string, errno: errno) }
    defer { close(fd) }
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw IOFailure(operation: "read", path: path.string, errno: errno)
      }
      if n == 0 { break }
      out.append(contentsOf: buffer[0..<n])
    }
    return out
  }
}

extension IOFailure {
  /// Whether `error` is the file system's refusal rather than a bug: a failed
  /// system call, SQLite finding the disk full or failing to read or write
  /// it, Foundation's file errors, or an input that could not be read. These
  /// are exit code 74 (I/O error), never 70.
  public static func isIO(_ error: any Error) -> Bool {
    switch error {
    case is IOFailure, is InputFileError: return true
    case let error as DatabaseError:
      return [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_NOLFS]
        .contains(error.resultCode)
    default:
      // Cocoa's file errors are its codes 0…1023 (NSFileErrorMinimum…Maximum).
      let error = error as NSError
      return error.domain == NSPOSIXErrorDomain
        || (error.domain == NSCocoaErrorDomain && (0...1023).contains(error.code))
    }
  }
}
