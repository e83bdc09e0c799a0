import BrumeWire

/// Evaluates Amazon States Language intrinsic functions (`States.Format`, `States.Array`, ...).
///
/// Failures follow what AWS reports: an argument a function cannot use fails the state with
/// `States.Runtime` and a cause of the form `Invalid arguments in States.ArrayRange` (observed on
/// AWS for bad types, ranges and counts, even though the error list also names
/// `States.IntrinsicFailure`). The interpreter may prefix the cause with the state it happened in.
///
/// ```swift
/// let value = try IntrinsicFunctions.evaluate("States.Format('Hello, {}', $.name)") { path in
///     try jsonPath(path, in: scope)
/// }
/// ```
enum IntrinsicFunctions {
    /// Parses and evaluates `expression`, resolving each path argument with `resolve`.
    ///
    /// Unseeded `States.MathRandom` and `States.UUID` draw from the system generator.
    static func evaluate(
        _ expression: String,
        resolve: (String) throws(StatesError) -> JSONValue
    ) throws(StatesError) -> JSONValue {
        var generator = SystemRandomNumberGenerator()
        return try evaluate(expression, resolve: resolve, using: &generator)
    }

    /// Parses and evaluates `expression`, drawing randomness from `generator` so tests and replays
    /// can be deterministic.
    static func evaluate(
        _ expression: String,
        resolve: (String) throws(StatesError) -> JSONValue,
        using generator: inout some RandomNumberGenerator
    ) throws(StatesError) -> JSONValue {
        let call: IntrinsicCall
        do {
            call = try IntrinsicParser.parse(expression)
        } catch {
            // Definitions are validated before they run, so this only happens for expressions
            // that skipped validation; AWS reports such failures as States.Runtime.
            throw .runtime("Invalid intrinsic function \(expression): \(error)")
        }
        return try evaluate(call, resolve: resolve, using: &generator)
    }

    /// Checks an expression at definition time: syntax, known function names, nesting.
    static func validate(_ expression: String) throws(IntrinsicSyntaxError) {
        _ = try IntrinsicParser.parse(expression)
    }

    /// Evaluates an already-parsed call; arguments are evaluated left to right before the call.
    static func evaluate(
        _ call: IntrinsicCall,
        resolve: (String) throws(StatesError) -> JSONValue,
        using generator: inout some RandomNumberGenerator
    ) throws(StatesError) -> JSONValue {
        if call.function == .format {
            return try format(call, resolve: resolve, using: &generator)
        }
        var arguments: [JSONValue] = []
        arguments.reserveCapacity(call.arguments.count)
        for argument in call.arguments {
            arguments.append(try value(of: argument, resolve: resolve, using: &generator))
        }
        let invocation = Invocation(function: call.function, arguments: arguments)
        let result: JSONValue = switch call.function {
        case .format: preconditionFailure("handled above")
        case .stringToJson: try stringToJson(invocation)
        case .jsonToString: try jsonToString(invocation)
        case .array: .array(arguments)
        case .arrayPartition: try arrayPartition(invocation)
        case .arrayContains: try arrayContains(invocation)
        case .arrayRange: try arrayRange(invocation)
        case .arrayGetItem: try arrayGetItem(invocation)
        case .arrayLength: try arrayLength(invocation)
        case .arrayUnique: try arrayUnique(invocation)
        case .base64Encode: try base64Encode(invocation)
        case .base64Decode: try base64Decode(invocation)
        case .hash: try hash(invocation)
        case .jsonMerge: try jsonMerge(invocation)
        case .mathRandom: try mathRandom(invocation, using: &generator)
        case .mathAdd: try mathAdd(invocation)
        case .stringSplit: try stringSplit(invocation)
        case .uuid: try uuid(invocation, using: &generator)
        }
        // Results that share storage with their arguments (States.Array of one path many times)
        // cost nothing until written out; refuse them before anything writes them.
        guard !result.serializedLength(exceeds: maximumResultBytes) else { throw resultTooLarge(call.function) }
        return result
    }

    static func value(
        of argument: IntrinsicArgument,
        resolve: (String) throws(StatesError) -> JSONValue,
        using generator: inout some RandomNumberGenerator
    ) throws(StatesError) -> JSONValue {
        switch argument {
        case .string(let literal): .string(literal.value)
        case .literal(let value): value
        case .path(let path): try resolve(path)
        case .call(let call): try evaluate(call, resolve: resolve, using: &generator)
        }
    }
}

/// One call's evaluated arguments, with the checks every function shares.
struct Invocation {
    var function: IntrinsicFunction
    var arguments: [JSONValue]

    /// The error AWS gives for any argument a function cannot use.
    var invalid: StatesError { .runtime("Invalid arguments in \(function.rawValue)") }

    /// Requires exactly `count` arguments.
    func expect(_ count: Int) throws(StatesError) {
        guard arguments.count == count else { throw invalid }
    }

    func string(_ index: Int) throws(StatesError) -> String {
        guard case .string(let text) = arguments[index] else { throw invalid }
        return text
    }

    func array(_ index: Int) throws(StatesError) -> [JSONValue] {
        guard case .array(let elements) = arguments[index] else { throw invalid }
        return elements
    }

    func object(_ index: Int) throws(StatesError) -> JSONObject {
        guard case .object(let members) = arguments[index] else { throw invalid }
        return members
    }

    /// A number as an integer. AWS documents "rounded to the nearest integer", but observed
    /// behaviour is truncation toward zero (`ArrayRange(1.6, 1.4, 1)` is `[1]`,
    /// `ArrayPartition(a, 2.6)` uses 2, `MathRandom(1.4, 1.6)` fails), as a JVM `intValue()` does.
    func integer(_ index: Int) throws(StatesError) -> Int64 {
        switch arguments[index] {
        case .int(let value):
            return value
        case .double(let value):
            let truncated = value.rounded(.towardZero)
            guard let exact = Int64(exactly: truncated) else { throw invalid }
            return exact
        default:
            throw invalid
        }
    }

    /// Strings count their UTF-16 code units, as the JVM's `String.length()` does; AWS's
    /// 10,000-character limits are stated in characters.
    func limitedString(_ index: Int, maximum: Int = 10_000) throws(StatesError) -> String {
        let text = try string(index)
        guard text.utf16.count <= maximum else { throw invalid }
        return text
    }
}

extension JSONValue {
    /// The text a value contributes to `States.Format` (and to `States.Hash` of a non-string):
    /// strings as they are, everything else as compact JSON (`null`, `true`, `1.1`, `{"a":1}`).
    var intrinsicText: String {
        if case .string(let text) = self { return text }
        return String(decoding: serialized, as: UTF8.self)
    }
}
