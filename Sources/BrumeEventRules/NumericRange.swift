/// The numbers a `{"numeric": [...]}` condition accepts: an interval, open or closed at each end,
/// possibly unbounded on one side, or a single value for `["=", x]`.
///
/// EventBridge documents numeric matching for values between -5.0e9 and +5.0e9 inclusive, to
/// six digits after the decimal point. Bounds are kept in that form (``comparable(_:)``), so
/// `["=", 3]` accepts `3.0000001` as AWS does, and an event value outside the range matches no
/// numeric condition.
struct NumericRange: Sendable, Equatable {
    struct Bound: Sendable, Equatable {
        /// The bound in millionths (see ``NumericRange/comparable(_:)``).
        var value: Double
        var inclusive: Bool
    }

    var lower: Bound?
    var upper: Bound?

    /// The largest magnitude numeric matching covers.
    static let limit = 5.0e9

    /// `number` counted in millionths and rounded, or nil beyond ``limit``. Within the limit
    /// every such count is an integer below 2^53, so comparisons on it are exact.
    static func comparable(_ number: Double) -> Double? {
        guard number.magnitude <= limit else { return nil }
        return (number * 1_000_000).rounded()
    }

    func contains(_ number: Double) -> Bool {
        guard let number = NumericRange.comparable(number) else { return false }
        if let lower, lower.inclusive ? number < lower.value : number <= lower.value { return false }
        if let upper, upper.inclusive ? number > upper.value : number >= upper.value { return false }
        return true
    }
}
