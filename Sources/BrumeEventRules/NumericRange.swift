/// The numbers a `{"numeric": [...]}` condition accepts: an interval, open or closed at each end,
/// possibly unbounded on one side, or a single value for `["=", x]`.
struct NumericRange: Sendable, Equatable {
    struct Bound: Sendable, Equatable {
        var value: Double
        var inclusive: Bool
    }

    var lower: Bound?
    var upper: Bound?

    func contains(_ number: Double) -> Bool {
        if let lower, lower.inclusive ? number < lower.value : number <= lower.value { return false }
        if let upper, upper.inclusive ? number > upper.value : number >= upper.value { return false }
        return true
    }
}
