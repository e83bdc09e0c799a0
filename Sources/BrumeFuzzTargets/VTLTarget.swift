import BrumeVTL

/// API Gateway mapping templates: the VTL parser, then the evaluator with `$input`, `$util`,
/// `$context` and `$stageVariables` as the gateway supplies them.
enum VTLTarget {
    static let summary = "First line: the request body (what $input reads); the rest: a VTL mapping template, parsed and rendered"

    /// Tighter than API Gateway's, so every input finishes in milliseconds; the limits
    /// themselves are what is being exercised.
    static let limits = VTLLimits(foreachIterations: 1000, macroDepth: 20, outputBytes: 64 * 1024, operations: 20_000, collectionSize: 10_000)

    static func run(_ data: [UInt8]) {
        let (body, template) = FuzzInput.firstLine(data)
        guard let parsed = try? VTLTemplate(FuzzInput.text(Array(template))) else { return }
        let input = VTLInput(
            body: body, path: [("id", "7")], querystring: [("q", "a b"), ("n", "1")], header: [("Accept", "*/*"), ("X-Key", "k")]
        )
        let context = VTLMap(ordered: [
            ("requestId", .string("r-1")),
            ("identity", .map(VTLMap(ordered: [("sourceIp", .string("127.0.0.1"))]))),
            ("responseOverride", .map(VTLMap(ordered: [("header", .map(VTLMap()))]))),
        ])
        let variables = VTLContext.apiGateway(input: input, context: context, stageVariables: VTLMap(strings: ["env": "dev"]), limits: limits)
        _ = try? parsed.render(variables)
        // What the gateway reads back afterwards.
        _ = VTLValue.map(context).json
    }
}
