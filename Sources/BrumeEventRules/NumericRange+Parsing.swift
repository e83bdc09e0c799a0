import BrumeWire

extension NumericRange {
    /// Reads the operand of `numeric`: `["=", x]`, one comparison (`[">", 0]`), or a lower and an
    /// upper comparison in either order (`[">", 0, "<=", 5]`) that leave some number in between.
    init(parsing operand: JSONValue) throws(EventPatternError) {
        guard let elements = operand.arrayValue else { throw EventPatternError(reason: "Value of numeric must be an array.") }
        guard !elements.isEmpty, elements.count.isMultiple(of: 2) else {
            throw EventPatternError(reason: "Invalid numeric expression: expected operator and value pairs")
        }
        var range = NumericRange()
        for pairStart in stride(from: 0, to: elements.count, by: 2) {
            guard let symbol = elements[pairStart].stringValue else {
                throw EventPatternError(reason: "Invalid member in numeric match: \(elements[pairStart].text)")
            }
            guard let number = elements[pairStart + 1].numberValue else {
                throw EventPatternError(reason: "Value of \(symbol) must be numeric")
            }
            guard let value = NumericRange.comparable(number) else {
                throw EventPatternError(reason: "Value must be between -5.0E9 and +5.0E9 inclusive")
            }
            switch symbol {
            case "=":
                guard elements.count == 2 else { throw EventPatternError(reason: "Too many elements in numeric expression") }
                range.lower = Bound(value: value, inclusive: true)
                range.upper = Bound(value: value, inclusive: true)
            case ">", ">=":
                guard range.lower == nil else { throw EventPatternError(reason: "Bad numeric range operator: \(symbol)") }
                range.lower = Bound(value: value, inclusive: symbol == ">=")
            case "<", "<=":
                guard range.upper == nil else { throw EventPatternError(reason: "Bad numeric range operator: \(symbol)") }
                range.upper = Bound(value: value, inclusive: symbol == "<=")
            default:
                throw EventPatternError(reason: "Unrecognized numeric range operator: \(symbol)")
            }
        }
        if let lower = range.lower, let upper = range.upper, elements.count == 4, lower.value >= upper.value {
            throw EventPatternError(reason: "Bottom must be less than top")
        }
        self = range
    }
}
