/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny generator whose sequence is fixed by
/// its seed on every platform and Swift version, which is what makes a drop reproducible.
/// `SystemRandomNumberGenerator` and the standard library's shuffles promise no such thing.
struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  /// An independent stream for one part of the drop (a file, a pool), so that changing
  /// the size of one file does not change the content of the others.
  init(seed: UInt64, stream: UInt64) {
    var mixer = SplitMix64(seed: seed ^ (stream &* 0xD6E8_FEB8_6659_FD93))
    state = mixer.next()
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<n` (Lemire's multiply-shift; its bias is far below anything a test sees).
  mutating func below(_ n: Int) -> Int {
    precondition(n > 0)
    return Int(next().multipliedFullWidth(by: UInt64(n)).high)
  }

  /// A number in `range`.
  mutating func within(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.count)
  }

  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool {
    Double(next() >> 11) * 0x1p-53 < p
  }

  /// One element of a non-empty array.
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  /// A stateless hash of `value`: the same person gets the same name wherever they appear.
  static func hash(_ value: UInt64) -> UInt64 {
    var mixer = SplitMix64(seed: value)
    return mixer.next()
  }
}
