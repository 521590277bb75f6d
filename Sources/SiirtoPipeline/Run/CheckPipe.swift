import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A pipe from the thread that writes an outbound file to the thread that
/// checks it against its XSD meanwhile: the batch is read once, as it is
/// written, not again from the disk afterwards.
///
/// The writer must ``closeWriting()`` on every way out (the reader sees the
/// end of its input then), and the reader must read to that end (or the
/// writer would block on a full pipe).
final class CheckPipe: @unchecked Sendable {
  /// For the reading thread alone.
  let readEnd: Int32
  // Touched by one writing thread at a time: the batch's output thread
  // writes, the caller closes once that output is closed.
  private var writeEnd: Int32

  init() throws {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { throw IOFailure(operation: "pipe", path: "", errno: errno) }
    // Glibc's module leaves out pipe2; the run starts no child to inherit
    // them meanwhile, but none should ever get them.
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    // A megabyte in flight (F_SETPIPE_SZ, which Glibc's module leaves out
    // too) rather than 64 KiB: the two threads wait on each other less.
    // Where the system refuses, the pipe keeps its default size.
    _ = fcntl(ends[1], 1031, Int32(1 << 20))
    readEnd = ends[0]
    writeEnd = ends[1]
  }

  deinit {
    closeWriting()
    close(readEnd)
  }

  /// Passes one block on, whole; `false` when the pipe failed.
  func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard writeEnd >= 0 else { return false }
    var done = 0
    while done < bytes.count {
      let n = Glibc.write(writeEnd, bytes.baseAddress! + done, bytes.count - done)
      if n < 0 {
        if errno == EINTR { continue }
        return false
      }
      done += n
    }
    return true
  }

  /// Ends the reader's input; harmless to call again.
  func closeWriting() {
    guard writeEnd >= 0 else { return }
    close(writeEnd)
    writeEnd = -1
  }
}
