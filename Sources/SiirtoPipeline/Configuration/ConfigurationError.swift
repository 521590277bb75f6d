/// A configuration file that cannot be used: the command line reports it and
/// exits 78 (operations.md, "Output and exit codes").
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong.
  public enum Kind: String, Sendable, Equatable {
    /// The file is missing, not readable or not UTF-8.
    case unreadable
    /// The text is not TOML.
    case syntax
    /// A key Siirto does not know: most likely a typo, which must not be
    /// silently ignored.
    case unknownKey
    /// A known key with a value of the wrong TOML type.
    case wrongType
    /// A value of the right type that is out of range or not recognised.
    case invalidValue
  }

  public var kind: Kind
  /// The configuration file.
  public var file: String
  /// The key, dotted from the top of the document (`mass_removal.percent`);
  /// `nil` for an unreadable file or a syntax error.
  public var key: String?
  /// The 1-based line of the key or of the syntax error, when known.
  public var line: Int?
  /// What is wrong, for a person.
  public var message: String

  public init(kind: Kind, file: String, key: String?, line: Int?, message: String) {
    self.kind = kind
    self.file = file
    self.key = key
    self.line = line
    self.message = message
  }

  /// `FILE:LINE: error: MESSAGE`, the form `siirto validate` and compilers
  /// use, so an editor can jump to the line.
  public var description: String {
    let place = line.map { "\(file):\($0)" } ?? file
    return "\(place): error: \(message)"
  }
}
