/// Bounds on what one rendering may do, so that no template (or body fed to it) can hang or
/// exhaust memory. Reaching one fails the render with a ``VTLError`` of kind `.limit`, except
/// ``foreachIterations``, which ends the loop quietly as Velocity's `maxloops` does.
public struct VTLLimits: Sendable, Equatable {
    /// Iterations of one `#foreach` (API Gateway: 1,000).
    public var foreachIterations: Int
    /// Macro calls in progress at once; a macro calling itself without end stops here
    /// (Velocity's `velocimacro.max.depth` defaults to 20).
    public var macroDepth: Int
    /// Bytes of output, and of any one string built while rendering.
    public var outputBytes: Int
    /// Nodes and expressions evaluated in all; bounds nested loops.
    public var operations: Int
    /// Elements in any list or map built while rendering (ranges, `addAll`, `putAll`).
    public var collectionSize: Int

    public init(foreachIterations: Int = 1000, macroDepth: Int = 20, outputBytes: Int = 10 * 1024 * 1024,
                operations: Int = 2_000_000, collectionSize: Int = 100_000) {
        self.foreachIterations = foreachIterations
        self.macroDepth = macroDepth
        self.outputBytes = outputBytes
        self.operations = operations
        self.collectionSize = collectionSize
    }

    /// API Gateway's limits: 1,000 iterations per `#foreach`, 10 MB of output.
    public static let apiGateway = VTLLimits()
}

/// What a template renders against: its root variables (`$input`, `$context`, ...) and limits.
public struct VTLContext {
    public var variables: [String: VTLValue]
    public var limits: VTLLimits

    public init(variables: [String: VTLValue] = [:], limits: VTLLimits = .apiGateway) {
        self.variables = variables
        self.limits = limits
    }

    /// The variables of an API Gateway mapping template: `$input`, `$util`, `$context` and
    /// `$stageVariables`. The maps are the caller's own, so after rendering the caller reads
    /// from `context` what the template set (`$context.responseOverride.status`, ...).
    public static func apiGateway(input: VTLInput, context: VTLMap, stageVariables: VTLMap,
                                  limits: VTLLimits = .apiGateway) -> VTLContext {
        VTLContext(variables: [
            "input": .object(input),
            "util": .object(VTLUtil()),
            "context": .map(context),
            "stageVariables": .map(stageVariables),
        ], limits: limits)
    }
}

/// A parsed Velocity template, as API Gateway's mapping templates use them.
///
/// ```swift
/// let template = try VTLTemplate(#"{"id": "$input.params('id')", "n": $input.json('$.n')}"#)
/// let text = try template.render(.apiGateway(input: input, context: context, stageVariables: VTLMap()))
/// ```
///
/// Follows Apache Velocity 1.7 (what API Gateway runs) with API Gateway's differences:
/// - A reference that is null or undefined renders as nothing, whether written `$x` or `$!x`
///   (Velocity would write the reference's text, `$x`, for the loud form).
/// - `#include`, `#parse` and `#evaluate` are refused when the template is parsed.
/// - `#foreach` stops after 1,000 iterations.
///
/// Velocity 1.7's rules kept: `#set` with a null value leaves the variable as it was; any
/// non-null value except `false` is true in `#if`; `==` between different types compares their
/// text; `+` with a string concatenates; integer division truncates and division by zero is
/// null; the blanks and newline right after a directive are dropped (even after other text on the
/// line), and so are the blanks right before a `#set`.
///
/// Parsing once and rendering many times is the intended use; a template is immutable and
/// `Sendable`.
public struct VTLTemplate: Sendable {
    let nodes: [VTLNode]
    let macros: [String: VTLMacro]
    let source: [UInt8]

    /// Parses a template.
    ///
    /// - Throws: ``VTLError`` with the line and column of the first syntax error, or of kind
    ///   `.refused` for `#include`/`#parse`.
    public init(_ source: String) throws(VTLError) {
        var parser = VTLParser(source)
        nodes = try parser.parseTemplate()
        macros = parser.macros
        self.source = Array(source.utf8)
    }

    /// Renders the template against the given variables.
    ///
    /// - Throws: ``VTLError`` when a method fails, a limit is reached, or the request body is
    ///   not JSON where the template reads it as JSON (kind `.invalidJSONBody`).
    public func render(_ context: VTLContext) throws(VTLError) -> String {
        let evaluator = VTLEvaluator(template: self, context: context)
        return try evaluator.run()
    }

    /// Shorthand: renders with the given root variables and API Gateway's limits.
    public func render(_ variables: [String: VTLValue] = [:]) throws(VTLError) -> String {
        try render(VTLContext(variables: variables))
    }
}

/// The namespace of the engine; see ``VTLTemplate``.
public enum VTL {
    /// Parses and renders a template in one go.
    public static func render(_ source: String, _ context: VTLContext) throws(VTLError) -> String {
        try VTLTemplate(source).render(context)
    }
}
