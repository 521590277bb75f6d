import SiirtoCore

/// Which inbox folder a file lies in.
public enum SenderFolder: Sendable, Hashable {
  /// The top of the inbox: ops' drops.
  case ops
  /// A folder named by a valid Y-tunnus.
  case partner(YTunnus)
  /// A folder whose name is not a valid Y-tunnus (raw name bytes).
  case unknown([UInt8])

  /// The folder name's bytes under `inbox/` (empty for the top).
  public var folderBytes: [UInt8] {
    switch self {
    case .ops: return []
    case .partner(let y): return Array(y.value.utf8)
    case .unknown(let bytes): return bytes
    }
  }

  /// The sender as the rules see it; an unknown folder's files are ops' to hear of.
  public var sender: Sender {
    if case .partner(let y) = self { return .partner(y) }
    return .ops
  }

  /// Reads a folder name: only the canonical `NNNNNNN-C` form names a partner.
  public init(folderBytes: [UInt8]) {
    if folderBytes.isEmpty {
      self = .ops
    } else if let text = String(validating: folderBytes, as: UTF8.self),
      case .valid(let y, let warnings) = YTunnus.parse(text), warnings.isEmpty, y.value == text
    {
      self = .partner(y)
    } else {
      self = .unknown(folderBytes)
    }
  }
}

/// What the intake decided about one inbox entry.
public enum Eligibility: Sendable, Hashable {
  /// Picked up this run and processed.
  case eligible
  /// Picked up and rejected unread: a symbolic link, FIFO, socket or device.
  case notRegular
  /// Picked up and rejected unread: larger than `max_file_size`.
  case tooLarge
  /// Picked up and rejected: the folder is not a valid Y-tunnus.
  case senderUnknown
  /// Left in place: a name upload tools use while copying, or a hidden name.
  case temporaryName
  /// Left in place: modified less than `min_age` seconds ago.
  case tooYoung(secondsLeft: Int)
  /// A folder below a partner folder: never read.
  case nestedFolder

  /// Whether this run takes the entry out of the inbox.
  public var isClaimed: Bool {
    switch self {
    case .eligible, .notRegular, .tooLarge, .senderUnknown: return true
    case .temporaryName, .tooYoung, .nestedFolder: return false
    }
  }
}

/// One entry of the inbox and the intake's verdict on it.
public struct InboxEntry: Sendable {
  public var folder: SenderFolder
  public var name: [UInt8]
  public var path: BytePath
  public var info: EntryInfo
  public var eligibility: Eligibility
}

/// Reads the inbox without following links or opening files.
public struct Inbox: Sendable {
  public let root: DataRoot
  public var minAgeSeconds: Int
  public var maxFileSize: Int64

  public init(root: DataRoot, minAgeSeconds: Int, maxFileSize: Int64) {
    self.root = root
    self.minAgeSeconds = minAgeSeconds
    self.maxFileSize = maxFileSize
  }

  /// Every entry of the inbox and one level of partner folders, with verdicts.
  /// `realNowNanos` is the real clock: `--now` sets only the business clock.
  public func scan(realNowNanos: Int64) throws -> [InboxEntry] {
    var entries: [InboxEntry] = []
    for name in try Posix.list(root.inbox) {
      let path = root.inbox.appending(name)
      guard let info = try Posix.lstat(path) else { continue }
      if info.kind == .directory {
        let folder = SenderFolder(folderBytes: name)
        for inner in try Posix.list(path) {
          let innerPath = path.appending(inner)
          guard let innerInfo = try Posix.lstat(innerPath) else { continue }
          let verdict: Eligibility =
            innerInfo.kind == .directory
            ? .nestedFolder : judge(name: inner, info: innerInfo, folder: folder, now: realNowNanos)
          entries.append(
            InboxEntry(
              folder: folder, name: inner, path: innerPath, info: innerInfo, eligibility: verdict))
        }
      } else {
        entries.append(
          InboxEntry(
            folder: .ops, name: name, path: path, info: info,
            eligibility: judge(name: name, info: info, folder: .ops, now: realNowNanos)))
      }
    }
    return entries
  }

  func judge(name: [UInt8], info: EntryInfo, folder: SenderFolder, now: Int64) -> Eligibility {
    if Inbox.isTemporaryName(name) { return .temporaryName }
    let ageNanos = now - info.mtimeNanos
    let minAgeNanos = Int64(minAgeSeconds) * 1_000_000_000
    if ageNanos < minAgeNanos {
      let left = (minAgeNanos - ageNanos + 999_999_999) / 1_000_000_000
      return .tooYoung(secondsLeft: Int(left))
    }
    if info.kind != .regular { return .notRegular }
    if info.size > maxFileSize { return .tooLarge }
    if case .unknown = folder { return .senderUnknown }
    return .eligible
  }

  /// Names that upload tools write while copying, and hidden names.
  public static func isTemporaryName(_ name: [UInt8]) -> Bool {
    if name.first == UInt8(ascii: ".") || name.last == UInt8(ascii: "~") { return true }
    let lower = name.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    for suffix in [".part", ".tmp", ".partial", ".filepart"] where lower.count > suffix.utf8.count {
      if lower.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) { return true }
    }
    return false
  }
}
