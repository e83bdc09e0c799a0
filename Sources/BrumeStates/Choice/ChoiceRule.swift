import BrumeWire

/// A Choice Rule in the JSONPath query language: a comparison against the value at `Variable`,
/// or `And`, `Or` and `Not` over nested rules.
///
/// Only a top-level rule of a Choice state's `Choices` carries `Next` (and optionally `Assign`);
/// that is a ``ChoiceBranch``. Nested rules are bare conditions.
indirect enum ChoiceRule: Sendable, Equatable {
    /// True when every rule is; evaluation stops at the first false one.
    case and([ChoiceRule])
    /// True when any rule is; evaluation stops at the first true one.
    case or([ChoiceRule])
    /// The negation of the rule.
    case not(ChoiceRule)
    /// A test of the value at the reference path `variable`.
    case comparison(variable: String, test: ChoiceTest)
}

/// A top-level entry of a Choice state's `Choices`: the rule, where to go when it matches, and
/// the variables to assign when it does.
struct ChoiceBranch: Sendable, Equatable {
    var rule: ChoiceRule
    /// The state to transition to when ``rule`` matches.
    var next: String
    /// The rule's own `Assign` block, applied only when this branch is taken. Evaluating it is
    /// the interpreter's job; it is carried here unevaluated.
    var assign: JSONValue?
}

/// The five orderings the `String...`, `Numeric...` and `Timestamp...` operators come in.
enum ChoiceOrdering: String, Sendable, CaseIterable {
    case equals = "Equals"
    case lessThan = "LessThan"
    case greaterThan = "GreaterThan"
    case lessThanEquals = "LessThanEquals"
    case greaterThanEquals = "GreaterThanEquals"

    /// Whether a three-way comparison result satisfies this ordering.
    func holds(_ order: ChoiceComparison) -> Bool {
        switch self {
        case .equals: order == .same
        case .lessThan: order == .ascending
        case .greaterThan: order == .descending
        case .lessThanEquals: order != .descending
        case .greaterThanEquals: order != .ascending
        }
    }
}

/// The outcome of comparing the Variable's value (left) with the operand (right).
enum ChoiceComparison: Sendable {
    case ascending, same, descending

    init<T: Comparable>(_ lhs: T, _ rhs: T) {
        self = lhs < rhs ? .ascending : (lhs == rhs ? .same : .descending)
    }
}

/// What a comparison tests its Variable against: a literal from the definition, or the value at
/// a second reference path (the `...Path` operators).
enum ChoiceOperand<Literal: Sendable & Equatable>: Sendable, Equatable {
    case literal(Literal)
    case path(String)
}

/// The test a comparison rule applies, one case per family of AWS operators.
enum ChoiceTest: Sendable, Equatable {
    /// `String<Ordering>` / `String<Ordering>Path`.
    case string(ChoiceOrdering, ChoiceOperand<String>)
    /// `StringMatches`, with its pattern already parsed.
    case stringMatches(ChoiceStringPattern)
    /// `Numeric<Ordering>` / `Numeric<Ordering>Path`. The literal keeps its int-or-double form.
    case numeric(ChoiceOrdering, ChoiceOperand<JSONValue>)
    /// `BooleanEquals` / `BooleanEqualsPath`.
    case boolean(ChoiceOperand<Bool>)
    /// `Timestamp<Ordering>` / `Timestamp<Ordering>Path`.
    case timestamp(ChoiceOrdering, ChoiceOperand<StatesTimestamp>)
    /// `IsNull`, `IsPresent`, `IsNumeric`, `IsString`, `IsBoolean`, `IsTimestamp` with their
    /// expected answer (`"IsString": false` is true of a number).
    case type(ChoiceTypeCheck, Bool)
}

/// The `Is...` operators.
enum ChoiceTypeCheck: String, Sendable, CaseIterable {
    case isNull = "IsNull"
    case isPresent = "IsPresent"
    case isNumeric = "IsNumeric"
    case isString = "IsString"
    case isBoolean = "IsBoolean"
    case isTimestamp = "IsTimestamp"

    /// Whether `value` (nil when the path does not exist) passes the check.
    func holds(for value: JSONValue?) -> Bool {
        switch (self, value) {
        case (.isPresent, let value): value != nil
        case (.isNull, .null?): true
        case (.isNumeric, .int?), (.isNumeric, .double?): true
        case (.isString, .string?): true
        case (.isBoolean, .bool?): true
        case (.isTimestamp, .string(let text)?): StatesTimestamp(text) != nil
        default: false
        }
    }
}

// MARK: - Evaluation

extension ChoiceRule {
    /// Whether the rule holds, reading values through `resolve`.
    ///
    /// `resolve` answers a reference path with its value, or nil when the path selects nothing.
    /// A missing `Variable` is a `States.Runtime` error for every operator but `IsPresent`, and
    /// so is a missing second path of a `...Path` operator. A value of the wrong type for the
    /// operator (a string under `NumericEquals`, a malformed timestamp) makes the rule false.
    func matches(resolve: (String) throws(StatesError) -> JSONValue?) throws(StatesError) -> Bool {
        switch self {
        case .and(let rules):
            for rule in rules where try !rule.matches(resolve: resolve) { return false }
            return true
        case .or(let rules):
            for rule in rules where try rule.matches(resolve: resolve) { return true }
            return false
        case .not(let rule):
            return try !rule.matches(resolve: resolve)
        case .comparison(let variable, .type(.isPresent, let expected)):
            return try (resolve(variable) != nil) == expected
        case .comparison(let variable, let test):
            guard let value = try resolve(variable) else { throw Self.invalidPath(variable) }
            return try test.holds(for: value, resolve: resolve)
        }
    }

    /// The `States.Runtime` error AWS raises when a Choice rule reads a path that does not exist.
    static func invalidPath(_ path: String) -> StatesError {
        .runtime("Invalid path '\(path)': The choice state's condition path references an invalid value.")
    }
}

extension ChoiceTest {
    /// Whether `value`, the Variable's value, passes this test.
    func holds(for value: JSONValue, resolve: (String) throws(StatesError) -> JSONValue?) throws(StatesError) -> Bool {
        switch self {
        case .string(let ordering, let operand):
            let other = try operand.resolved(resolve) { $0.stringValue }
            guard case .string(let text) = value, let other else { return false }
            return ordering.holds(ChoiceStringOrder.compare(text, other))
        case .stringMatches(let pattern):
            guard case .string(let text) = value else { return false }
            return pattern.matches(text)
        case .numeric(let ordering, let operand):
            let other = try operand.resolved(resolve) { $0 }
            guard let other, let order = ChoiceNumberOrder.compare(value, other) else { return false }
            return ordering.holds(order)
        case .boolean(let operand):
            let other = try operand.resolved(resolve) { $0.boolValue }
            guard case .bool(let flag) = value, let other else { return false }
            return flag == other
        case .timestamp(let ordering, let operand):
            let other = try operand.resolved(resolve) { $0.stringValue.flatMap(StatesTimestamp.init) }
            guard case .string(let text) = value, let instant = StatesTimestamp(text), let other else { return false }
            return ordering.holds(ChoiceComparison(instant, other))
        case .type(let check, let expected):
            return check.holds(for: value) == expected
        }
    }
}

extension ChoiceOperand {
    /// The literal, or the value at the path converted by `convert` (nil when it has the wrong
    /// type). A path that does not exist is a `States.Runtime` error, as for `Variable`.
    func resolved(
        _ resolve: (String) throws(StatesError) -> JSONValue?,
        convert: (JSONValue) -> Literal?
    ) throws(StatesError) -> Literal? {
        switch self {
        case .literal(let literal):
            return literal
        case .path(let path):
            guard let value = try resolve(path) else { throw ChoiceRule.invalidPath(path) }
            return convert(value)
        }
    }
}

/// How `String...` operators order text.
///
/// Step Functions runs on the JVM and compares with `String.compareTo`: lexicographically by
/// UTF-16 code unit, with no Unicode normalisation. Swift's `String` comparison would instead
/// treat canonically equivalent strings (`"é"` precomposed and decomposed) as equal, and order
/// by scalar value. The two orders differ only for characters beyond the BMP against
/// U+E000–U+FFFF, where UTF-16 surrogates sort first; we follow the JVM.
enum ChoiceStringOrder {
    static func compare(_ lhs: String, _ rhs: String) -> ChoiceComparison {
        var left = lhs.utf16.makeIterator()
        var right = rhs.utf16.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return .same
            case (nil, _): return .ascending
            case (_, nil): return .descending
            case (let a?, let b?) where a != b: return a < b ? .ascending : .descending
            default: continue
            }
        }
    }
}

/// How `Numeric...` operators order numbers: by value, across the int and double forms.
enum ChoiceNumberOrder {
    /// The order of two numbers, or nil when either is not a number.
    static func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> ChoiceComparison? {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): ChoiceComparison(a, b)
        case (.int(let a), .double(let b)): mixed(a, b)
        case (.double(let a), .int(let b)): mixed(b, a).reversed
        case (.double(let a), .double(let b)): ChoiceComparison(a, b)
        default: nil
        }
    }

    /// An exact comparison of an integer with a double, so that `9007199254740993` is not
    /// rounded to equal `9007199254740992.0`.
    private static func mixed(_ integer: Int64, _ double: Double) -> ChoiceComparison {
        if double >= 0x1p63 { return .ascending }
        if double < -0x1p63 { return .descending }
        let truncated = Int64(double.rounded(.towardZero))
        if integer != truncated { return ChoiceComparison(integer, truncated) }
        let fraction = double - double.rounded(.towardZero)
        return fraction > 0 ? .ascending : (fraction < 0 ? .descending : .same)
    }
}

extension ChoiceComparison {
    var reversed: ChoiceComparison {
        switch self {
        case .ascending: .descending
        case .same: .same
        case .descending: .ascending
        }
    }
}
