import BrumeWire

/// The JSONPath-mode data-flow fields of one state, applied in AWS's order:
///
/// 1. `InputPath` selects from the raw input (absent: `$`; `null`: `{}`).
/// 2. `Parameters` (or a Map's `ItemSelector`) builds the effective input from that selection.
/// 3. The state produces a result.
/// 4. `ResultSelector` builds the effective result from the result.
/// 5. `ResultPath` places it into the *raw* input (absent: `$`, the result replaces the input;
///    `null`: the result is discarded and the raw input passes on).
/// 6. `OutputPath` selects the output (absent: `$`; `null`: `{}`).
///
/// Path fields are `String?` where `nil` is an explicit JSON `null`; the definition parser
/// stores `"$"` for a field that is absent, so the two stay distinct.
struct DataFlow: Sendable, Equatable {
    var inputPath: String? = "$"
    var parameters: JSONValue?
    var resultSelector: JSONValue?
    var resultPath: String? = "$"
    var outputPath: String? = "$"

    init(
        inputPath: String? = "$", parameters: JSONValue? = nil, resultSelector: JSONValue? = nil,
        resultPath: String? = "$", outputPath: String? = "$"
    ) {
        self.inputPath = inputPath
        self.parameters = parameters
        self.resultSelector = resultSelector
        self.resultPath = resultPath
        self.outputPath = outputPath
    }

    /// Steps 1–2: what the state works on. `scope.input` is the raw state input; `$$` and
    /// variables are available to both InputPath and Parameters.
    func effectiveInput(_ scope: PathScope, intrinsic: PayloadTemplate.Intrinsic) throws(StatesError) -> JSONValue {
        let selected = try DataFlow.select(inputPath, field: "InputPath", scope: scope)
        guard let parameters else { return selected }
        var parameterScope = scope
        parameterScope.input = selected
        return try PayloadTemplate.evaluate(parameters, in: parameterScope, intrinsic: intrinsic)
    }

    /// Steps 4–6: the state's output from its raw input (`scope.input`) and its `result`.
    func effectiveOutput(
        _ scope: PathScope, result: JSONValue, intrinsic: PayloadTemplate.Intrinsic
    ) throws(StatesError) -> JSONValue {
        var selected = result
        if let resultSelector {
            var resultScope = scope
            resultScope.input = result
            selected = try PayloadTemplate.evaluate(resultSelector, in: resultScope, intrinsic: intrinsic)
        }
        let combined = try DataFlow.resultPath(resultPath, input: scope.input, result: selected, paths: scope.paths)
        var outputScope = scope
        outputScope.input = combined
        return try DataFlow.select(outputPath, field: "OutputPath", scope: outputScope)
    }

    /// Applies `InputPath`: `nil` (JSON `null`) gives `{}`; otherwise the path's value.
    ///
    /// - Throws: `States.Runtime` (`Invalid path '$.a' : No results for path: $['a']`) when a
    ///   definite path does not resolve.
    static func inputPath(
        _ path: String?, input: JSONValue, context: JSONValue = .object([:]), variables: JSONObject = [:]
    ) throws(StatesError) -> JSONValue {
        try select(path, field: "InputPath", scope: PathScope(input: input, context: context, variables: variables))
    }

    /// Applies `OutputPath` to the combined output; same rules as ``inputPath(_:input:context:variables:)``.
    static func outputPath(
        _ path: String?, input: JSONValue, context: JSONValue = .object([:]), variables: JSONObject = [:]
    ) throws(StatesError) -> JSONValue {
        try select(path, field: "OutputPath", scope: PathScope(input: input, context: context, variables: variables))
    }

    /// Applies `ResultPath`: `nil` (JSON `null`) keeps `input`; `$` gives `result`; any other
    /// reference path writes `result` into `input` there.
    ///
    /// - Throws: `States.ResultPathMatchFailure` when the path runs through a non-object.
    static func resultPath(
        _ path: String?, input: JSONValue, result: JSONValue, paths: ParsedPaths = .empty
    ) throws(StatesError) -> JSONValue {
        guard let path else { return input }
        // `$` (the default) replaces the input; skipping the parse saves most of a Pass state's path work.
        if path == "$" { return result }
        return try paths.reference(path).set(result, in: input)
    }

    static func select(_ path: String?, field: String, scope: PathScope) throws(StatesError) -> JSONValue {
        guard let path else { return .object([:]) }
        // `$` (the default of InputPath and OutputPath) is the whole document: no parse needed.
        if path == "$" { return scope.input }
        return try JSONPath.value(
            of: path, in: scope,
            invalid: { _ in .runtime("The value for the field '\(field)' must be a valid JSONPath") },
            missing: { _, failure in .runtime("Invalid path '\(path)' : \(failure.message)") }
        )
    }
}
