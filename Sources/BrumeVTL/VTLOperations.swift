/// Velocity 1.7's operators on Java values: arithmetic with `Integer`/`Long` and `Double`
/// semantics, comparisons of numbers, and equality that falls back to comparing text.
enum VTLOperations {
    static func apply(_ op: VTLOperator, _ left: VTLValue, _ right: VTLValue, evaluator: VTLEvaluator) throws(VTLError) -> VTLValue {
        switch op {
        case .equal: return .bool(try equals(left, right, evaluator: evaluator))
        case .notEqual: return .bool(!(try equals(left, right, evaluator: evaluator)))
        case .less, .greater, .lessOrEqual, .greaterOrEqual:
            // Velocity 1.7 compares numbers only; anything else is logged and false.
            guard let order = compareNumbers(left, right) else { return .bool(false) }
            switch op {
            case .less: return .bool(order < 0)
            case .greater: return .bool(order > 0)
            case .lessOrEqual: return .bool(order <= 0)
            default: return .bool(order >= 0)
            }
        case .add:
            if case .string = left, !right.isNull {
                return .string(try evaluator.text(of: left) + evaluator.text(of: right))
            }
            if case .string = right, !left.isNull {
                return .string(try evaluator.text(of: left) + evaluator.text(of: right))
            }
            return arithmetic(op, left, right)
        default:
            return arithmetic(op, left, right)
        }
    }

    private static func number(_ value: VTLValue) -> Double? {
        switch value {
        case .int(let int): return Double(int)
        case .double(let double): return double
        default: return nil
        }
    }

    /// -1, 0 or 1; nil when either side is not a number.
    static func compareNumbers(_ left: VTLValue, _ right: VTLValue) -> Int? {
        if case .int(let a) = left, case .int(let b) = right { return a < b ? -1 : (a == b ? 0 : 1) }
        guard let a = number(left), let b = number(right) else { return nil }
        if a.isNaN || b.isNaN { return nil }
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    /// Integers stay integers (a result past 64 bits turns into a double, where Java would go
    /// on to `BigInteger`); a double on either side makes a double. Division or remainder by
    /// zero is null, as in Velocity.
    static func arithmetic(_ op: VTLOperator, _ left: VTLValue, _ right: VTLValue) -> VTLValue {
        if case .int(let a) = left, case .int(let b) = right {
            let result: (partialValue: Int, overflow: Bool)
            switch op {
            case .add: result = a.addingReportingOverflow(b)
            case .subtract: result = a.subtractingReportingOverflow(b)
            case .multiply: result = a.multipliedReportingOverflow(by: b)
            case .divide:
                if b == 0 { return .null }
                result = a.dividedReportingOverflow(by: b)
            case .remainder:
                if b == 0 { return .null }
                result = a.remainderReportingOverflow(dividingBy: b)
                if result.overflow { return .int(0) }
            default: return .null
            }
            if !result.overflow { return .int(result.partialValue) }
            return arithmetic(op, .double(Double(a)), .double(Double(b)))
        }
        guard let a = number(left), let b = number(right) else { return .null }
        switch op {
        case .add: return .double(a + b)
        case .subtract: return .double(a - b)
        case .multiply: return .double(a * b)
        case .divide: return b == 0 ? .null : .double(a / b)
        case .remainder: return b == 0 ? .null : .double(a.truncatingRemainder(dividingBy: b))
        default: return .null
        }
    }

    /// Velocity 1.7's `==`: null equals only null, numbers compare by value, values of one
    /// kind by Java's `equals`, and values of different kinds by their text.
    static func equals(_ left: VTLValue, _ right: VTLValue, evaluator: VTLEvaluator?) throws(VTLError) -> Bool {
        switch (left, right) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.int, .int), (.int, .double), (.double, .int), (.double, .double):
            return compareNumbers(left, right) == 0
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list, .list), (.map, .map): return javaEquals(left, right, depth: 0)
        case (.object(let a), .object(let b)) where a === b: return true
        default:
            let limit = evaluator?.limits.outputBytes ?? Int.max
            return try JavaText.render(left, limit: limit) == JavaText.render(right, limit: limit)
        }
    }

    /// Java's `equals`, as `List.contains`, `indexOf` and `Map.containsValue` use it.
    static func javaEquals(_ left: VTLValue, _ right: VTLValue, depth: Int = 0) -> Bool {
        guard depth < JavaText.maximumDepth else { return false }
        switch (left, right) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)):
            if a === b { return true }
            guard a.elements.count == b.elements.count else { return false }
            return zip(a.elements, b.elements).allSatisfy { javaEquals($0, $1, depth: depth + 1) }
        case (.map(let a), .map(let b)):
            if a === b { return true }
            guard a.count == b.count else { return false }
            for (key, value) in a.entries {
                guard let other = b[key], javaEquals(value, other, depth: depth + 1) else { return false }
            }
            return true
        case (.object(let a), .object(let b)): return a === b
        default: return false
        }
    }
}
