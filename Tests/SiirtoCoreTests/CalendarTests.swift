import Foundation
import Testing

@testable import SiirtoCore

private func date(_ y: Int, _ m: Int, _ d: Int) -> LocalDate {
  LocalDate(year: y, month: m, day: d)!
}

@Suite("LocalDate")
struct LocalDateTests {
  @Test(
    "leap years",
    arguments: [(2000, true), (1900, false), (2024, true), (2026, false), (2100, false)])
  func leap(_ year: Int, leap: Bool) {
    #expect(LocalDate.isLeap(year) == leap)
    #expect((LocalDate(year: year, month: 2, day: 29) != nil) == leap)
  }

  @Test(
    "impossible dates",
    arguments: [(2026, 4, 31), (2026, 13, 1), (2026, 0, 1), (2026, 1, 0), (0, 1, 1)])
  func impossible(_ y: Int, _ m: Int, _ d: Int) {
    #expect(LocalDate(year: y, month: m, day: d) == nil)
  }

  @Test("days since the epoch round-trip")
  func epoch() {
    #expect(date(1970, 1, 1).daysSinceEpoch == 0)
    #expect(date(2000, 3, 1).daysSinceEpoch == 11_017)
    #expect(LocalDate(daysSinceEpoch: -1) == date(1969, 12, 31))
    for days in stride(from: -80_000, through: 80_000, by: 97) {
      #expect(LocalDate(daysSinceEpoch: days).daysSinceEpoch == days)
    }
    #expect(date(2026, 11, 22).adding(days: 10) == date(2026, 12, 2))
    #expect(date(2024, 2, 28).days(to: date(2024, 3, 1)) == 2)
  }

  @Test("age in completed years")
  func age() {
    let birth = date(2008, 11, 22)
    #expect(birth.age(on: date(2026, 11, 21)) == 17)
    #expect(birth.age(on: date(2026, 11, 22)) == 18)
    #expect(birth.age(on: date(2008, 11, 22)) == 0)
  }

  @Test("born on 29 February: a year older on 1 March in a common year")
  func leapling() {
    let birth = date(2008, 2, 29)
    #expect(birth.age(on: date(2026, 2, 28)) == 17)
    #expect(birth.age(on: date(2026, 3, 1)) == 18)
    #expect(birth.adding(years: 18) == date(2026, 3, 1))
    #expect(birth.adding(years: 16) == date(2024, 2, 29))
    #expect(birth.age(on: date(2024, 2, 29)) == 16)
  }

  @Test("ISO form", arguments: ["2026-11-22", "2000-02-29", "0001-01-01"])
  func iso(_ text: String) {
    #expect(LocalDate.parseISO(text)?.iso == text)
  }

  @Test(
    "not ISO",
    arguments: ["2026-2-01", "2026-11-22T00:00", "26-11-22", "2026/11/22", "2023-02-29", ""])
  func notISO(_ text: String) {
    #expect(LocalDate.parseISO(text) == nil)
  }

  @Test(
    "Finnish D.M.YYYY",
    arguments: [
      ("1.2.2024", "2024-02-01"), ("01.02.2024", "2024-02-01"), ("22.11.2026", "2026-11-22"),
      ("29.2.2024", "2024-02-29"),
    ])
  func finnish(_ text: String, iso: String) {
    #expect(LocalDate.parseFinnish(text)?.iso == iso)
  }

  @Test(
    "not Finnish D.M.YYYY",
    arguments: ["1.2.24", "29.2.2023", "32.1.2024", "1.13.2024", "1..2024", "1.2.2024."])
  func notFinnish(_ text: String) {
    #expect(LocalDate.parseFinnish(text) == nil)
  }

  @Test("periods include both ends")
  func period() {
    let january = DatePeriod(start: date(2026, 1, 1), end: date(2026, 1, 31))
    #expect(january.lengthInDays == 31)
    #expect(january.contains(date(2026, 1, 1)))
    #expect(january.contains(date(2026, 1, 31)))
    #expect(!january.contains(date(2026, 2, 1)))
    #expect(january.overlaps(DatePeriod(start: date(2026, 1, 31), end: nil)))
    #expect(!january.overlaps(DatePeriod(start: date(2026, 2, 1), end: date(2026, 2, 2))))
    #expect(DatePeriod(start: date(2024, 1, 1), end: date(2024, 12, 31)).lengthInDays == 366)
    #expect(DatePeriod(start: date(2026, 1, 1), end: nil).lengthInDays == nil)
  }
}

@Suite("Timestamp")
struct TimestampTests {
  let helsinki = TimeZone(identifier: "Europe/Helsinki")!

  @Test(
    "parses an explicit offset or Z",
    arguments: [
      ("2026-11-21T22:00:00Z", Int64(1_795_298_400)), ("2026-11-22T00:00:00+02:00", 1_795_298_400),
      ("2026-11-21T17:00:00-05:00", 1_795_298_400), ("2026-11-21T22:00:00.250Z", 1_795_298_400),
      ("1970-01-01T00:00:00Z", 0),
    ])
  func parses(_ text: String, seconds: Int64) {
    #expect(Timestamp.parse(text)?.seconds == seconds)
  }

  @Test(
    "rejects",
    arguments: [
      "2026-11-21T22:00:00", "2026-11-21", "2026-11-21T24:00:00Z", "2026-11-21T22:60:00Z",
      "2026-11-21T22:00Z", "2026-11-21T22:00:00+0200", "2026-02-30T22:00:00Z", "",
    ])
  func rejects(_ text: String) {
    #expect(Timestamp.parse(text) == nil)
  }

  @Test("a signed field or an empty fraction is not of the form")
  func signedFields() {
    #expect(Timestamp.parse("2026-11-21T-1:00:00Z") == nil)
    #expect(Timestamp.parse("2026-11-21T+1:00:00Z") == nil)
    #expect(Timestamp.parse("2026-11-21T22:00:00.Z") == nil)
    #expect(Timestamp.parse("2026-11-21T22:00:00+-1:00") == nil)
  }

  @Test(
    "the date in Europe/Helsinki",
    arguments: [
      ("2026-11-21T22:00:00Z", "2026-11-22"), ("2026-11-21T21:59:59Z", "2026-11-21"),
      ("2026-06-30T21:00:00Z", "2026-07-01"), ("2026-06-30T20:59:59Z", "2026-06-30"),
      ("2026-11-22T02:00:00Z", "2026-11-22"), ("2026-03-29T00:59:59Z", "2026-03-29"),
      ("2026-10-24T21:30:00Z", "2026-10-25"),
    ])
  func helsinkiDate(_ text: String, iso: String) {
    #expect(Timestamp.parse(text)?.localDate(in: helsinki).iso == iso)
  }

  @Test("UTC forms")
  func forms() {
    let t = Timestamp.parse("2026-11-22T04:05:06+02:00")!
    #expect(t.iso == "2026-11-22T02:05:06Z")
    #expect(t.compactUTC == "20261122-020506")
  }
}
