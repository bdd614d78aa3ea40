/// A seeded generator (SplitMix64): the same seed gives the same numbers, so randomised waits are known in advance.
struct SeededRandomNumbers: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// A generator that always gives the same number: the upper bound of a random draw, exactly. (Only `.max` and
/// numbers near it: bounded draws reject small numbers and would ask a constant 0 for another forever.)
struct ConstantRandomNumbers: RandomNumberGenerator, Sendable {
    let value: UInt64

    mutating func next() -> UInt64 {
        value
    }
}
