/// The parsed form of a template: what ``VTLParser`` builds and ``VTLEvaluator`` runs.
///
/// Offsets are byte offsets into the template's UTF-8, turned into line and column only when an
/// error needs them, so parsing a large template costs nothing for positions.
indirect enum VTLNode: Sendable {
    case text(String)
    /// `$x...`; `source` is the reference as written, for an escaped `\$x` or a call to a macro
    /// that doesn't exist.
    case reference(VTLReference)
    case set(target: VTLReference, value: VTLExpression, offset: Int)
    case conditional(branches: [(condition: VTLExpression, body: [VTLNode])], otherwise: [VTLNode]?)
    case foreach(variable: String, iterable: VTLExpression, body: [VTLNode], offset: Int)
    case breakLoop
    case stop
    case define(name: String, body: [VTLNode])
    case macroCall(name: String, arguments: [VTLExpression], source: String, offset: Int)
}

/// A reference: a name, then properties, method calls and indexes.
struct VTLReference: Sendable {
    enum Step: Sendable {
        case property(String)
        case method(String, [VTLExpression])
        case index(VTLExpression)
    }

    var name: String
    var steps: [Step]
    /// Written `$!x`: renders nothing when null (as every null does in API Gateway).
    var silent: Bool
    var offset: Int
}

/// An expression inside a directive, an index or a method's arguments.
indirect enum VTLExpression: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    /// A single-quoted string, taken as written.
    case string(String)
    /// A double-quoted string, rendered as a template each time it is evaluated.
    case interpolated([VTLNode])
    case reference(VTLReference)
    case list([VTLExpression])
    case range(VTLExpression, VTLExpression, offset: Int)
    case map([(VTLExpression, VTLExpression)])
    case not(VTLExpression)
    case negate(VTLExpression, offset: Int)
    case binary(VTLOperator, VTLExpression, VTLExpression, offset: Int)
}

/// The binary operators, with their word forms mapped to the same cases.
enum VTLOperator: Sendable {
    case or, and, equal, notEqual, less, greater, lessOrEqual, greaterOrEqual
    case add, subtract, multiply, divide, remainder
}

/// A `#macro` as defined: its parameter names and body.
struct VTLMacro: Sendable {
    var parameters: [String]
    var body: [VTLNode]
}
