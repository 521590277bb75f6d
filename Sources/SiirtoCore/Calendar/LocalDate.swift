import Foundation

/// A calendar date without time or zone, as the spec's dates are.
/// Stored as days since 1970-01-01 so that ranges and lengths are integer sums.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// Creates a date if `year-month-day` is a real calendar date.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...LocalDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  public init(daysSinceEpoch days: Int) {
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
    self.month = m
    self.day = d
  }

  public var daysSinceEpoch: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = month > 2 ? month - 3 : month + 9
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  public func adding(days: Int) -> LocalDate {
    LocalDate(daysSinceEpoch: daysSinceEpoch + days)
  }

  /// Days from `self` to `other` (positive when `other` is later).
  public func days(to other: LocalDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

  /// Completed years from `self` (a birth date) to `date`. Someone born on
  /// 29 February turns a year older on 1 March in a common year.
  public func age(on date: LocalDate) -> Int {
    var years = date.year - year
    if (date.month, date.day) < (month, day) { years -= 1 }
    return years
  }

  /// The date `years` later; 29 February becomes 1 March in a common year.
  public func adding(years: Int) -> LocalDate {
    if let same = LocalDate(year: year + years, month: month, day: day) { return same }
    return LocalDate(year: year + years, month: 3, day: 1)!
  }

  /// ISO `YYYY-MM-DD`.
  public var iso: String {
    // Dates are written for every claim stored and read back: the usual
    // four-digit year goes straight to ten bytes (a String without storage).
    if (0...9999).contains(year) {
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { b in
        func put(_ value: Int, at start: Int, width: Int) {
          var rest = value
          for j in (0..<width).reversed() {
            b[start + j] = UInt8(0x30 + rest % 10)
            rest /= 10
          }
        }
        put(year, at: 0, width: 4)
        put(month, at: 5, width: 2)
        put(day, at: 8, width: 2)
        b[4] = UInt8(ascii: "-")
        b[7] = UInt8(ascii: "-")
        return String(decoding: UnsafeBufferPointer(b), as: UTF8.self)
      }
    }
    let y = String(year)
    let m = month < 10 ? "0\(month)" : String(month)
    let d = day < 10 ? "0\(day)" : String(day)
    return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + m + "-" + d
  }

  public var description: String { iso }

  public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// Parses ISO `YYYY-MM-DD` exactly.
  public static func parseISO(_ text: some StringProtocol) -> LocalDate? {
    text.withUTF8Bytes { u in
      guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
        let y = digits(u[0..<4]), let m = digits(u[5..<7]), let d = digits(u[8..<10])
      else { return nil }
      return LocalDate(year: y, month: m, day: d)
    }
  }

  /// Parses the Finnish `D.M.YYYY` form that spreadsheets write.
  public static func parseFinnish(_ text: some StringProtocol) -> LocalDate? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
      parts[2].count == 4,
      let d = digits(parts[0].utf8), let m = digits(parts[1].utf8), let y = digits(parts[2].utf8)
    else { return nil }
    return LocalDate(year: y, month: m, day: d)
  }

  private static func digits<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
    var value = 0
    for b in bytes {
      guard b >= 0x30, b <= 0x39 else { return nil }
      value = value * 10 + Int(b - 0x30)
    }
    return bytes.isEmpty ? nil : value
  }
}

/// A closed range of dates; `end == nil` is open-ended. Both ends are included.
public struct DatePeriod: Sendable, Hashable, Codable {
  public var start: LocalDate
  public var end: LocalDate?

  public init(start: LocalDate, end: LocalDate?) {
    self.start = start
    self.end = end
  }

  public func contains(_ date: LocalDate) -> Bool {
    date >= start && (end.map { date <= $0 } ?? true)
  }

  public func overlaps(_ other: DatePeriod) -> Bool {
    let aEnd = end ?? LocalDate(daysSinceEpoch: Int.max / 4)
    let bEnd = other.end ?? LocalDate(daysSinceEpoch: Int.max / 4)
    return start <= bEnd && other.start <= aEnd
  }

  /// Days counting both ends; `nil` when open-ended.
  public var lengthInDays: Int? { end.map { start.days(to: $0) + 1 } }
}

/// An instant, parsed from ISO 8601 with an explicit offset or `Z`.
public struct Timestamp: Sendable, Hashable, Comparable, Codable {
  /// Seconds since 1970-01-01T00:00:00Z.
  public let seconds: Int64

  public init(seconds: Int64) { self.seconds = seconds }

  public init(_ date: Date) { self.seconds = Int64(date.timeIntervalSince1970.rounded(.down)) }

  /// Parses `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`; fractions are dropped.
  public static func parse(_ text: some StringProtocol) -> Timestamp? {
    let s = String(text)
    let u = Array(s.utf8)
    guard u.count >= 20, u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "),
      let date = LocalDate.parseISO(s.prefix(10)),
      u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"),
      let hh = twoDigits(u[11..<13]), let mm = twoDigits(u[14..<16]),
      let ss = twoDigits(u[17..<19]),
      hh < 24, mm < 60, ss < 61
    else { return nil }
    var i = 19
    if i < u.count, u[i] == UInt8(ascii: ".") {
      i += 1
      let digitsStart = i
      while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
      guard i > digitsStart else { return nil }
    }
    var offset = 0
    if i == u.count - 1, u[i] == UInt8(ascii: "Z") {
      offset = 0
    } else if i == u.count - 6, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"),
      u[i + 3] == UInt8(ascii: ":"),
      let oh = twoDigits(u[(i + 1)..<(i + 3)]), let om = twoDigits(u[(i + 4)..<(i + 6)]),
      oh < 24, om < 60
    {
      offset = (oh * 3600 + om * 60) * (u[i] == UInt8(ascii: "-") ? -1 : 1)
    } else {
      return nil
    }
    let secs = Int64(date.daysSinceEpoch) * 86_400 + Int64(hh * 3600 + mm * 60 + ss) - Int64(offset)
    return Timestamp(seconds: secs)
  }

  public var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

  /// The calendar date of this instant in `zone`.
  public func localDate(in zone: TimeZone) -> LocalDate {
    let local = seconds + Int64(zone.secondsFromGMT(for: date))
    return LocalDate(daysSinceEpoch: Int(floorDiv(local, 86_400)))
  }

  /// `YYYY-MM-DDTHH:MM:SSZ`.
  public var iso: String {
    let day = LocalDate(daysSinceEpoch: Int(floorDiv(seconds, 86_400)))
    let rest = Int(seconds - floorDiv(seconds, 86_400) * 86_400)
    return "\(day.iso)T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
  }

  /// `YYYYMMDD-HHMMSS` in UTC: the form of run IDs.
  public var compactUTC: String {
    let day = LocalDate(daysSinceEpoch: Int(floorDiv(seconds, 86_400)))
    let rest = Int(seconds - floorDiv(seconds, 86_400) * 86_400)
    let ymd = day.iso.replacingOccurrences(of: "-", with: "")
    return "\(ymd)-\(two(rest / 3600))\(two(rest / 60 % 60))\(two(rest % 60))"
  }

  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }
}

private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
  let q = a / b
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// Two ASCII digits as a number; a sign or anything else is `nil`.
private func twoDigits(_ bytes: ArraySlice<UInt8>) -> Int? {
  guard bytes.count == 2, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
  return Int(bytes[bytes.startIndex] - 0x30) * 10 + Int(bytes[bytes.startIndex + 1] - 0x30)
}

private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
