import BrumeWire

/// Reading Choice Rules from a definition, with the checks AWS makes before it accepts one.
///
/// Every parse function takes `path`, the slash path of the value it is given, so an error can
/// name the offending field exactly: parsing the `Choices` of state `Decide` starts at
/// `/States/Decide/Choices`, and a bad literal in its first rule is reported at
/// `/States/Decide/Choices[0]/NumericEquals`. The first problem found is thrown.
///
/// The reasons are worded as the rest of the definition parser words them (`DefinitionReader`).
extension ChoiceBranch {
    /// Parses a Choice state's `Choices` array, found at `path`.
    static func parseChoices(_ value: JSONValue, path: String) throws(ChoiceDefinitionError) -> [ChoiceBranch] {
        guard case .array(let elements) = value else { throw .wrongType("Array", at: path) }
        guard !elements.isEmpty else { throw .empty(at: path) }
        var branches: [ChoiceBranch] = []
        for (index, element) in elements.enumerated() {
            branches.append(try parse(element, path: "\(path)[\(index)]"))
        }
        return branches
    }

    /// Parses one top-level rule, found at `path`: a condition plus `Next` and optional `Assign`.
    static func parse(_ value: JSONValue, path: String) throws(ChoiceDefinitionError) -> ChoiceBranch {
        let rule = try ChoiceRule.parse(value, path: path, topLevel: true)
        // `parse(topLevel: true)` has checked that the object has a string `Next`.
        let members = value.objectValue ?? [:]
        guard case .string(let next)? = members["Next"] else { throw .required(["Next"], at: path) }
        return ChoiceBranch(rule: rule, next: next, assign: members["Assign"])
    }
}

extension ChoiceRule {
    /// Parses a nested rule (an element of `And` or `Or`, or the value of `Not`) found at `path`.
    static func parse(_ value: JSONValue, path: String) throws(ChoiceDefinitionError) -> ChoiceRule {
        try parse(value, path: path, topLevel: false)
    }

    /// The names of every comparison operator, `Is...` included, in AWS's documented order.
    static let operatorNames: [String] = {
        var names: [String] = []
        for family in ["String", "Numeric", "Timestamp"] {
            for ordering in ChoiceOrdering.allCases {
                names += ["\(family)\(ordering.rawValue)", "\(family)\(ordering.rawValue)Path"]
            }
            if family == "String" { names.append("StringMatches") }
        }
        names += ["BooleanEquals", "BooleanEqualsPath"]
        return names + ChoiceTypeCheck.allCases.map(\.rawValue)
    }()

    private static let operatorSet = Set(operatorNames)
    private static let selectors = ["And", "Or", "Not", "Variable"]

    fileprivate static func parse(_ value: JSONValue, path: String, topLevel: Bool) throws(ChoiceDefinitionError) -> ChoiceRule {
        guard case .object(let members) = value else {
            throw .wrongType("Object", at: path)
        }
        try checkFields(members, path: path, topLevel: topLevel)

        let selectorsPresent = selectors.filter { members[$0] != nil }
        let operatorsPresent = members.keys.filter { operatorSet.contains($0) }
        if selectorsPresent.isEmpty {
            // An operator on its own is a comparison that forgot its Variable.
            throw operatorsPresent.isEmpty
                ? ChoiceDefinitionError("There should be one of the following fields: [\(selectors.joined(separator: ", "))]", at: path)
                : .required(["Variable"], at: path)
        }
        if selectorsPresent.count > 1 { throw .exclusive(selectorsPresent, at: path) }

        switch selectorsPresent[0] {
        case "Variable":
            let variable = try referencePath(members["Variable"]!, path: "\(path)/Variable")
            guard operatorsPresent.count == 1 else {
                throw operatorsPresent.isEmpty
                    ? ChoiceDefinitionError("The field 'Variable' requires exactly one comparison operator", at: path)
                    : .exclusive(operatorsPresent, at: path)
            }
            let name = operatorsPresent[0]
            let test = try parseTest(name, members[name]!, path: "\(path)/\(name)")
            return .comparison(variable: variable, test: test)
        case let combinator:
            if let stray = operatorsPresent.first { throw .exclusive([combinator, stray], at: path) }
            let operand = members[combinator]!
            let operandPath = "\(path)/\(combinator)"
            if combinator == "Not" {
                guard case .object = operand else { throw .wrongType("Object", at: operandPath) }
                return .not(try parse(operand, path: operandPath, topLevel: false))
            }
            guard case .array(let elements) = operand else { throw .wrongType("Array", at: operandPath) }
            guard !elements.isEmpty else {
                throw .empty(at: operandPath)
            }
            var rules: [ChoiceRule] = []
            for (index, element) in elements.enumerated() {
                rules.append(try parse(element, path: "\(operandPath)[\(index)]", topLevel: false))
            }
            return combinator == "And" ? .and(rules) : .or(rules)
        }
    }

    /// Rejects fields a rule may not carry here and checks the types of the non-condition ones.
    private static func checkFields(_ members: JSONObject, path: String, topLevel: Bool) throws(ChoiceDefinitionError) {
        for (key, value) in members {
            switch key {
            case "Comment":
                guard case .string = value else { throw .wrongType("String", at: "\(path)/\(key)") }
            case "Next" where topLevel:
                guard case .string = value else { throw .wrongType("String", at: "\(path)/\(key)") }
            case "Assign" where topLevel:
                guard case .object = value else { throw .wrongType("Object", at: "\(path)/\(key)") }
            case "Condition", "Output":
                // JSONata rules (`Condition`, and `Output` with it) need QueryLanguage JSONata,
                // which the state-level parser reports as not supported by Brume yet.
                throw .jsonataOnly(key, at: path)
            case _ where selectors.contains(key) || operatorSet.contains(key):
                continue
            default:
                // Includes `Next` and `Assign` below the top level: only the rule in `Choices`
                // decides the transition.
                throw .unsupported(key, at: path)
            }
        }
        if topLevel, members["Next"] == nil { throw .required(["Next"], at: path) }
    }

    /// Parses the value of comparison operator `name`.
    private static func parseTest(_ name: String, _ value: JSONValue, path: String) throws(ChoiceDefinitionError) -> ChoiceTest {
        if let check = ChoiceTypeCheck(rawValue: name) {
            guard case .bool(let expected) = value else { throw .wrongType("Boolean", at: path) }
            return .type(check, expected)
        }
        if name == "StringMatches" {
            guard case .string(let pattern) = value else { throw .wrongType("String", at: path) }
            return .stringMatches(ChoiceStringPattern(pattern))
        }
        if name.hasSuffix("Path") {
            let reference = try referencePath(value, path: path)
            return try test(named: String(name.dropLast(4)), operand: { _ in .path(reference) })
        }
        return try test(named: name) { (family) throws(ChoiceDefinitionError) -> LiteralOperand in
            switch (family, value) {
            case ("String", .string(let text)): return .string(text)
            case ("Numeric", .int), ("Numeric", .double): return .number(value)
            case ("Boolean", .bool(let flag)): return .boolean(flag)
            case ("Timestamp", .string(let text)):
                guard let instant = StatesTimestamp(text) else {
                    throw ChoiceDefinitionError("Value is not a valid timestamp", at: path)
                }
                return .timestamp(instant)
            case ("String", _), ("Timestamp", _): throw .wrongType("String", at: path)
            case ("Numeric", _): throw .wrongType("Number", at: path)
            default: throw .wrongType("Boolean", at: path)
            }
        }
    }

    /// A literal operand, or a marker that the operand is a path.
    private enum LiteralOperand {
        case string(String), number(JSONValue), boolean(Bool), timestamp(StatesTimestamp), path(String)
    }

    /// Builds the test for operator `name` (without any `Path` suffix) from its operand.
    private static func test(
        named name: String,
        operand: (String) throws(ChoiceDefinitionError) -> LiteralOperand
    ) throws(ChoiceDefinitionError) -> ChoiceTest {
        let family = ["String", "Numeric", "Timestamp", "Boolean"].first { name.hasPrefix($0) }!
        let ordering = ChoiceOrdering(rawValue: String(name.dropFirst(family.count))) ?? .equals
        switch (family, try operand(family)) {
        case ("String", .path(let path)): return .string(ordering, .path(path))
        case ("String", .string(let text)): return .string(ordering, .literal(text))
        case ("Numeric", .path(let path)): return .numeric(ordering, .path(path))
        case ("Numeric", .number(let number)): return .numeric(ordering, .literal(number))
        case ("Timestamp", .path(let path)): return .timestamp(ordering, .path(path))
        case ("Timestamp", .timestamp(let instant)): return .timestamp(ordering, .literal(instant))
        case (_, .path(let path)): return .boolean(.path(path))
        case (_, .boolean(let flag)): return .boolean(.literal(flag))
        default: preconditionFailure("operand kind does not match operator \(name)")
        }
    }

    /// Checks that `value` is a reference path: a string starting with `$` (`$.x`, `$$.Execution.Id`,
    /// or a variable `$name`). Full JSONPath syntax is checked where paths are compiled.
    private static func referencePath(_ value: JSONValue, path: String) throws(ChoiceDefinitionError) -> String {
        guard case .string(let text) = value else { throw .wrongType("String", at: path) }
        guard text.hasPrefix("$") else {
            throw ChoiceDefinitionError("Value is not a Reference Path", at: path)
        }
        return text
    }
}
