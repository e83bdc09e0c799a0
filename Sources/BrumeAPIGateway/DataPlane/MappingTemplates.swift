import BrumeVTL
import BrumeWire
import Foundation

/// Renders mapping templates (integration request and response, gateway responses) with the
/// VTL engine, with `$input`, `$context`, `$stageVariables` and `$util` as API Gateway fills them.
enum MappingTemplates {
    /// What a rendering produced: the text and what the template set in `$context`'s overrides.
    struct Rendered {
        var text: String
        var statusOverride: Int?
        var headerOverrides: [(name: String, value: String)]
    }

    /// Renders `source` over `body` (what `$input` reads) for `invocation`.
    /// - Parameter error: `$context.error` members for gateway responses.
    static func render(
        _ source: String, body: [UInt8], invocation: Invocation, error: GatewayFailure? = nil
    ) throws(VTLError) -> Rendered {
        let template = try VTLTemplate(source)
        let request = invocation.request
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name] = value }
        var query: [String: String] = [:]
        for (name, value) in request.query { query[name] = value }
        let input = VTLInput(
            body: String(decoding: body, as: UTF8.self), path: invocation.match?.pathParameters ?? [:], querystring: query, header: headers
        )
        let context = contextMap(invocation, error: error)
        let responseOverride = VTLMap(["header": .map(VTLMap()), "status": .null])
        context["responseOverride"] = .map(responseOverride)
        context["requestOverride"] = .map(VTLMap([
            "header": .map(VTLMap()), "querystring": .map(VTLMap()), "path": .map(VTLMap()),
        ]))
        let text = try template.render(.apiGateway(input: input, context: context, stageVariables: VTLMap(strings: invocation.stageVariables)))
        var status: Int?
        switch responseOverride["status"] {
        case .int(let value)?: status = value
        case .string(let text)?: status = Int(text)
        default: status = nil
        }
        var overrides: [(name: String, value: String)] = []
        if case .map(let header)? = responseOverride["header"] {
            for (name, value) in header.entries { overrides.append((name, value.rendered)) }
        }
        return Rendered(text: text, statusOverride: status, headerOverrides: overrides)
    }

    /// `$context`: the request context, the authorizer's context and, for gateway responses, the error.
    static func contextMap(_ invocation: Invocation, error: GatewayFailure?) -> VTLMap {
        let map = (try? VTLValue(json: String(decoding: JSONValue.object(invocation.requestContext).serialized, as: UTF8.self)))?.mapValue
            ?? VTLMap()
        if let authorizer = invocation.authorizerContext, let value = try? VTLValue(json: String(decoding: JSONValue.object(authorizer).serialized, as: UTF8.self)) {
            map["authorizer"] = value
        }
        if let error {
            let messageString = error.message.map { String(decoding: JSONValue.string($0).serialized, as: UTF8.self) } ?? "null"
            map["error"] = .map(VTLMap([
                "message": error.message.map(VTLValue.string) ?? .null,
                "messageString": .string(messageString),
                "responseType": .string(error.type),
                "validationErrorString": error.validationError.map(VTLValue.string) ?? .null,
            ]))
        }
        return map
    }
}
