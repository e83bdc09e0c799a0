import BrumeWire

extension IntrinsicFunctions {
    /// `States.MathRandom(start, end[, seed])`: an integer in `start..<end`.
    ///
    /// Bounds and seed are truncated to integers; `start` must be below `end` (AWS refuses
    /// `MathRandom(1, 1)` and `MathRandom(10, 5)`). With a seed the result depends only on
    /// the arguments: it is what `java.util.Random(seed).nextInt(end - start) + start` gives,
    /// chosen because AWS's runtime is on the JVM; whether AWS's values are the same is unverified.
    static func mathRandom(
        _ call: Invocation,
        using generator: inout some RandomNumberGenerator
    ) throws(StatesError) -> JSONValue {
        guard call.arguments.count == 2 || call.arguments.count == 3 else { throw call.invalid }
        let start = try call.integer(0)
        let end = try call.integer(1)
        // `end - start` of two extreme bounds overflows `Int64`; that is as invalid as a span
        // past `Int32`, which a JVM `nextInt` cannot draw from.
        let (span, overflow) = end.subtractingReportingOverflow(start)
        guard start < end, !overflow, let bound = Int32(exactly: span) else { throw call.invalid }
        guard call.arguments.count == 3 else {
            return .int(start + Int64.random(in: 0..<Int64(bound), using: &generator))
        }
        var seeded = JavaRandom(seed: try call.integer(2))
        return .int(start + Int64(seeded.nextInt(bound: bound)))
    }

    /// `States.MathAdd(a, b)`: the sum of two integers in the 32-bit signed range; fractions are
    /// truncated first.
    static func mathAdd(_ call: Invocation) throws(StatesError) -> JSONValue {
        try call.expect(2)
        let left = try call.integer(0)
        let right = try call.integer(1)
        guard Int32(exactly: left) != nil, Int32(exactly: right) != nil else { throw call.invalid }
        return .int(left + right)
    }
}

/// The linear congruential generator of `java.util.Random`, so a seeded `States.MathRandom`
/// yields what a JVM would for the same seed.
struct JavaRandom {
    private static let multiplier: UInt64 = 0x5_DEEC_E66D
    private static let mask: UInt64 = (1 << 48) - 1
    private var state: UInt64

    init(seed: Int64) {
        state = (UInt64(bitPattern: seed) ^ Self.multiplier) & Self.mask
    }

    private mutating func next(bits: Int) -> Int32 {
        state = (state &* Self.multiplier &+ 0xB) & Self.mask
        return Int32(truncatingIfNeeded: Int64(bitPattern: state) >> (48 - bits))
    }

    /// A value in `0..<bound`, without modulo bias, exactly as `Random.nextInt(int)` computes it.
    mutating func nextInt(bound: Int32) -> Int32 {
        precondition(bound > 0)
        if bound & -bound == bound {
            return Int32(truncatingIfNeeded: (Int64(bound) * Int64(next(bits: 31))) >> 31)
        }
        while true {
            let bits = next(bits: 31)
            let value = bits % bound
            // The JVM detects the biased tail through 32-bit overflow of this sum.
            if bits &- value &+ (bound &- 1) >= 0 { return value }
        }
    }
}
