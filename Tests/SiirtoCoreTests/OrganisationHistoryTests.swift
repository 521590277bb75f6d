import Testing

@testable import SiirtoCore

/// An organisation's type over time: what claims rule 5 asks on a decision date.
@Suite("Organisation type history")
struct OrganisationHistoryTests {
  static func date(_ iso: String) -> LocalDate { LocalDate.parseISO(iso)! }

  static func muu() -> Organisation {
    Organisation(
      yTunnus: YTunnus("2077474-0")!, name: "Säätiö", type: .MUU,
      periods: [RegistrationPeriod(start: date("2026-01-01"), end: nil)])
  }

  @Test("a change keeps the earlier type through the day before")
  func change() {
    var o = Self.muu()
    o.changeType(to: .KUNTAYHTYMA, asOf: Self.date("2026-11-23"))
    #expect(o.type == .KUNTAYHTYMA)
    #expect(o.type(on: Self.date("2026-01-01")) == .MUU)
    #expect(o.type(on: Self.date("2026-11-22")) == .MUU)
    #expect(o.type(on: Self.date("2026-11-23")) == .KUNTAYHTYMA)
    #expect(o.earlierTypes == [EarlierType(until: Self.date("2026-11-22"), type: .MUU)])
  }

  @Test("the same type again changes nothing; two changes leave two earlier types")
  func chain() {
    var o = Self.muu()
    o.changeType(to: .MUU, asOf: Self.date("2026-03-01"))
    #expect(o.earlierTypes.isEmpty)
    o.changeType(to: .KUNTAYHTYMA, asOf: Self.date("2026-03-01"))
    o.changeType(to: .HYVINVOINTIALUE, asOf: Self.date("2026-06-01"))
    #expect(o.type(on: Self.date("2026-02-28")) == .MUU)
    #expect(o.type(on: Self.date("2026-05-31")) == .KUNTAYHTYMA)
    #expect(o.type(on: Self.date("2026-06-01")) == .HYVINVOINTIALUE)
  }

  @Test("a change back on the same day, or dated earlier, supersedes the one it covers")
  func superseded() {
    var o = Self.muu()
    o.changeType(to: .KUNTA, asOf: Self.date("2026-11-23"))
    o.changeType(to: .MUU, asOf: Self.date("2026-11-23"))
    #expect(o.type == .MUU)
    #expect(o.earlierTypes.isEmpty)
    o.changeType(to: .KUNTA, asOf: Self.date("2026-11-23"))
    o.changeType(to: .KUNTAYHTYMA, asOf: Self.date("2026-10-01"))
    #expect(o.earlierTypes == [EarlierType(until: Self.date("2026-09-30"), type: .MUU)])
    #expect(o.type(on: Self.date("2026-11-30")) == .KUNTAYHTYMA)
  }
}
