import SiirtoCore

/// The persons of a drop, as disjoint pools of henkilötunnukset. Every code uses an
/// individual number of 900–999 (temporary numbers, never a real person's), and the pools
/// use different parts of that range so that a client is never an employee by accident
/// (which would be `CLAIM_SELF`) and a child is never an adult client:
///
/// | pool | born | individual numbers |
/// | --- | --- | --- |
/// | clients (and guardians) | 1935–2007 | 900–959 |
/// | children (`huoltajuus`) | 2009–2025 | 900–959 |
/// | employees | 1955–2004 | 960–999 |
///
/// An index in a pool maps to a code through a seeded affine permutation, so distinct
/// indices give distinct codes without keeping a set of the codes handed out.
struct PersonPool {
  private let first: LocalDate
  private let days: Int
  private let firstNumber: Int
  private let numbers: Int
  private let multiplier: Int
  private let offset: Int
  private let nameSalt: UInt64

  /// How many distinct persons the pool holds.
  var capacity: Int { days * numbers }

  init(born first: LocalDate, through last: LocalDate, numbers: ClosedRange<Int>, seed: UInt64) {
    self.first = first
    self.days = first.days(to: last) + 1
    self.firstNumber = numbers.lowerBound
    self.numbers = numbers.count
    let capacity = days * numbers.count
    // A multiplier coprime with the capacity makes `index * m + offset` a bijection.
    var m = 1_000_003
    while gcd(m, capacity) != 1 { m += 2 }
    multiplier = m
    offset = Int(SplitMix64.hash(seed) % UInt64(capacity))
    nameSalt = SplitMix64.hash(seed ^ 0x6E61_6D65)
  }

  /// The person at `index` (`0..<capacity`).
  func hetu(_ index: Int) -> String {
    precondition(index >= 0 && index < capacity, "person pool exhausted")
    let slot = (index % capacity * multiplier + offset) % capacity
    let birth = first.adding(days: slot / numbers)
    // About one in twenty codes given since 2023 carries a new century sign.
    return Ids.hetu(
      birth: birth, individual: firstNumber + slot % numbers, newSign: slot % 20 == 7)
  }

  /// The birth date of the person at `index`.
  func birthDate(_ index: Int) -> LocalDate {
    let slot = (index % capacity * multiplier + offset) % capacity
    return first.adding(days: slot / numbers)
  }

  /// A fictional full name, always the same for the same person.
  func name(_ index: Int) -> String {
    let h = SplitMix64.hash(UInt64(index) ^ nameSalt)
    return firstNames[Int(h % UInt64(firstNames.count))] + " "
      + familyNames[Int((h >> 32) % UInt64(familyNames.count))]
  }
}

private func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

/// The three pools of a drop.
struct People {
  let clients: PersonPool
  let children: PersonPool
  let employees: PersonPool

  /// Each organisation's staff is a slice of the employee pool of this size.
  static let staffPerOrganisation = 1_500
  /// Employee indices from here up hold no mandate at all (for `CLAIM_NO_MANDATE`).
  let unmandatedFrom: Int

  init(seed: UInt64) {
    clients = PersonPool(
      born: LocalDate(year: 1935, month: 1, day: 1)!,
      through: LocalDate(year: 2007, month: 12, day: 31)!, numbers: 900...959,
      seed: seed ^ 0x01)
    children = PersonPool(
      born: LocalDate(year: 2009, month: 1, day: 1)!,
      through: LocalDate(year: 2025, month: 12, day: 31)!, numbers: 900...959,
      seed: seed ^ 0x02)
    employees = PersonPool(
      born: LocalDate(year: 1955, month: 1, day: 1)!,
      through: LocalDate(year: 2004, month: 12, day: 31)!, numbers: 960...999,
      seed: seed ^ 0x03)
    unmandatedFrom = employees.capacity - 20_000
  }

  /// The employee index of the `n`th member of an organisation's staff.
  func staff(of org: Organisation, _ n: Int) -> Int {
    org.index * People.staffPerOrganisation + n % People.staffPerOrganisation
  }
}
