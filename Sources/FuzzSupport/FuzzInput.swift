import CLibFuzzer

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A harness's test of one input, as libFuzzer calls it; the result is 0, or
/// -1 for an input that must not enter the corpus.
public typealias FuzzTest = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// What the fuzz harnesses share: their main, and a file for each input (the
/// readers take a path).
public enum FuzzInput {
  /// A harness's main. Built for fuzzing, it hands the command line to
  /// libFuzzer; otherwise it runs `test` on each file the command line names,
  /// so that a crash input can be replayed in a plain build or a debugger.
  public static func main(_ test: FuzzTest) -> Never {
    #if SIIRTO_LIBFUZZER
      var argc = CommandLine.argc
      var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
      exit(LLVMFuzzerRunDriver(&argc, &argv, test))
    #else
      replay(CommandLine.arguments.dropFirst(), test)
    #endif
  }

  /// One file per process, rewritten for every input: libFuzzer runs inputs one
  /// at a time, and a fresh name each time would only add directory churn.
  private static let path: String = {
    let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    return "\(directory)/siirto-fuzz-\(getpid())"
  }()

  /// Runs `body` with the path of a file holding exactly `size` bytes from `data`.
  public static func withFile<T>(
    _ data: UnsafePointer<UInt8>?, _ size: Int, _ body: (String) throws -> T
  ) rethrows -> T {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    precondition(fd >= 0, "cannot create \(path): errno \(errno)")
    var written = 0
    while written < size {
      let n = write(fd, data! + written, size - written)
      if n < 0 && errno == EINTR { continue }
      precondition(n > 0, "cannot write \(path): errno \(errno)")
      written += n
    }
    close(fd)
    defer { unlink(path) }
    return try body(path)
  }

  private static func replay(_ arguments: some Sequence<String>, _ test: FuzzTest) -> Never {
    var count = 0
    for name in arguments {
      guard let bytes = contents(of: name) else {
        print("cannot read \(name)")
        exit(1)
      }
      _ = bytes.withUnsafeBufferPointer { test($0.baseAddress, $0.count) }
      count += 1
    }
    print("ran \(count) input\(count == 1 ? "" : "s")")
    exit(0)
  }

  private static func contents(of name: String) -> [UInt8]? {
    guard let file = fopen(name, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let n = fread(&chunk, 1, chunk.count, file)
      bytes += chunk[0..<n]
      if n < chunk.count { return ferror(file) == 0 ? bytes : nil }
    }
  }
}
