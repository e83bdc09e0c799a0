import BrumeVTL

/// The request every corpus case renders against, as the gateway would supply it.
enum VTLFixture {
    static let body = #"{"name":"Ann","age":30,"price":1.5,"tags":["a","b"],"nested":{"x":1,"y":[1,2,3]},"items":[{"id":1,"v":"p"},{"id":2,"v":"q"}],"empty":null,"quote":"it's \"x\"/y"}"#

    static func context(body: String = body, limits: VTLLimits = .apiGateway) -> (VTLContext, VTLMap) {
        let input = VTLInput(
            body: body,
            path: [("id", "7"), ("q", "from-path")],
            querystring: [("q", "search"), ("page", "2"), ("sp ace", "a b")],
            header: [("Accept", "application/json"), ("X-Token", "tok"), ("page", "header-page")]
        )
        let context = VTLMap(ordered: [
            ("requestId", .string("req-1")),
            ("stage", .string("prod")),
            ("httpMethod", .string("POST")),
            ("identity", .map(VTLMap(ordered: [("sourceIp", .string("1.2.3.4"))]))),
            ("responseOverride", .map(VTLMap(ordered: [("header", .map(VTLMap()))]))),
        ])
        let stageVariables = VTLMap(ordered: [("env", .string("dev"))])
        return (VTLContext.apiGateway(input: input, context: context, stageVariables: stageVariables, limits: limits), context)
    }

    static func render(_ template: String, body: String = body) throws(VTLError) -> String {
        try VTLTemplate(template).render(context(body: body).0)
    }
}
