/// A Finnish personal identity code (henkilötunnus), valid and in canonical form.
///
/// Personal data: never put ``value`` into a log, a receipt, a report or an
/// error message. Outputs name the field, or use a pseudonym.
public struct Hetu: Sendable, Hashable, Codable {
  /// The code as given (the century sign is part of the identity).
  public let value: String
  /// The date of birth.
  public let birthDate: LocalDate
  /// The individual number, 2…999.
  public let individualNumber: Int

  /// 900–999: a temporary number, also the range of test persons.
  public var isTemporary: Bool { individualNumber >= 900 }

  static let controlCharacters = Array("0123456789ABCDEFHJKLMNPRSTUVWXY".utf8)

  private init(value: String, birthDate: LocalDate, individualNumber: Int) {
    self.value = value
    self.birthDate = birthDate
    self.individualNumber = individualNumber
  }

  /// Parses a code. Surrounding white space is trimmed; letters are case-sensitive.
  /// A temporary number comes with the warning `HETU_TEMPORARY`.
  public static func parse(_ text: some StringProtocol) -> Parsed<Hetu> {
    text.withTrimmedUTF8 { u in
      guard u.count == 11 else { return .invalid(Problem(.HETU_INVALID, variant: "format")) }
      switch checkBytes(u) {
      case .failure(let variant):
        return .invalid(Problem(.HETU_INVALID, variant: variant))
      case .success(let (date, number)):
        let hetu = Hetu(value: u.string(sameAs: text), birthDate: date, individualNumber: number)
        return .valid(hetu, warnings: hetu.isTemporary ? temporaryWarning : [])
      }
    }
  }

  /// Shared: every test person has a temporary number, so most codes of a
  /// test drop carry this warning.
  private static let temporaryWarning = [Problem(.HETU_TEMPORARY)]

  public init?(_ text: some StringProtocol) {
    guard let parsed = Hetu.parse(text).value else { return nil }
    self = parsed
  }

  struct Failure: Error {
    let variant: String
  }

  enum Check {
    case success((LocalDate, Int))
    case failure(String)
  }

  /// The full check on exactly eleven bytes, shared with the privacy filter.
  static func checkBytes(_ u: UnsafeBufferPointer<UInt8>) -> Check {
    precondition(u.count == 11)
    func digit(_ i: Int) -> Int? {
      let b = u[i]
      return b >= 0x30 && b <= 0x39 ? Int(b - 0x30) : nil
    }
    // The nine digits as one number, without an array per code: codes are
    // checked twice per claim and wherever the privacy filter finds a candidate.
    var nine = 0
    for i in 0..<10 where i != 6 {
      guard let d = digit(i) else { return .failure("format") }
      nine = nine * 10 + d
    }
    let century: Int
    switch u[6] {
    case UInt8(ascii: "+"): century = 1800
    case UInt8(ascii: "-"), UInt8(ascii: "Y"), UInt8(ascii: "X"), UInt8(ascii: "W"),
      UInt8(ascii: "V"), UInt8(ascii: "U"):
      century = 1900
    case UInt8(ascii: "A"), UInt8(ascii: "B"), UInt8(ascii: "C"), UInt8(ascii: "D"),
      UInt8(ascii: "E"), UInt8(ascii: "F"):
      century = 2000
    case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "u")...UInt8(ascii: "y"):
      return .failure("lowercase")
    default: return .failure("format")
    }
    let q = u[10]
    if ASCII.isLower(q) { return .failure("lowercase") }
    guard controlCharacters.contains(q) else { return .failure("format") }
    let day = nine / 10_000_000
    let month = nine / 100_000 % 100
    let year = century + nine / 1000 % 100
    guard let date = LocalDate(year: year, month: month, day: day) else {
      return .failure("date")
    }
    let number = nine % 1000
    guard number >= 2 else { return .failure("individual_number") }
    guard controlCharacters[nine % 31] == q else { return .failure("checksum") }
    return .success((date, number))
  }

  /// Whether eleven bytes form a valid code (used by the privacy filter).
  public static func isValid(bytes u: some Collection<UInt8>) -> Bool {
    guard u.count == 11 else { return false }
    let check =
      u.withContiguousStorageIfAvailable(checkBytes) ?? Array(u).withUnsafeBufferPointer(checkBytes)
    if case .success = check { return true }
    return false
  }

  /// The control character for a date part and individual number (test data).
  public static func controlCharacter(ddmmyy: String, individual: Int) -> Character {
    let nine = Int(ddmmyy)! * 1000 + individual
    return Character(UnicodeScalar(controlCharacters[nine % 31]))
  }

  /// Age in completed years on `date`.
  public func age(on date: LocalDate) -> Int { birthDate.age(on: date) }

  /// The day this person turns 18 (1 March for 29 February births in a common year).
  public var eighteenthBirthday: LocalDate { birthDate.adding(years: 18) }
}
