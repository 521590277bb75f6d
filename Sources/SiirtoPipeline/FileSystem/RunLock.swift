#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The exclusive run lock: `flock` on `state/lock`, held for the process's
/// whole life. A lock left by a dead process is no obstacle: the kernel frees
/// it with the process.
public final class RunLock {
  private let fd: Int32

  /// Whether another process holds the lock.
  public struct Held: Error {}

  /// Takes the lock at once or throws ``Held``; never waits.
  public init(path: BytePath) throws {
    let fd = path.withCString { open($0, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600) }
    if fd < 0 { throw IOFailure(operation: "open", path: path.string, errno: errno) }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let error = errno
      close(fd)
      if error == EWOULDBLOCK { throw Held() }
      throw IOFailure(operation: "flock", path: path.string, errno: error)
    }
    self.fd = fd
  }

  deinit {
    flock(fd, LOCK_UN)
    close(fd)
  }
}
