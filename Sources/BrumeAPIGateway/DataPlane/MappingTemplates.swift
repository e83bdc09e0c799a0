import BrumeVTL
import BrumeWire
import Foundation
import Synchronization

/// Renders mapping templates (integration request and response, gateway responses) with the
/// VTL engine, with `$input`, `$context`, `$stageVariables` and `$util` as API Gateway fills them.
enum MappingTemplates {
    /// What a rendering produced: the text and what the template set in `$context`'s overrides.
    struct Rendered {
        var text: String
        var statusOverride: Int?
        var headerOverrides: [(name: String, value: String)]
        /// `$context.requestOverride`: what an integration request template set for the backend call.
        var requestOverride = RequestOverride()
    }

    /// The integration request's headers, query string and path parameters a template overrode.
    struct RequestOverride {
        var headers: [(name: String, value: String)] = []
        var query: [(name: String, value: String)] = []
        var path: [String: String] = [:]
    }

    /// Renders `source` over `body` (what `$input` reads) for `invocation`.
    /// - Parameter error: `$context.error` members for gateway responses.
    static func render(
        _ source: String, body: [UInt8], invocation: Invocation, error: GatewayFailure? = nil
    ) throws(VTLError) -> Rendered {
        let template = try parsed(source)
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
        let requestOverride = VTLMap(["header": .map(VTLMap()), "querystring": .map(VTLMap()), "path": .map(VTLMap())])
        context["requestOverride"] = .map(requestOverride)
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
        var requested = RequestOverride()
        if case .map(let header)? = requestOverride["header"] { requested.headers = header.entries.map { ($0.key, $0.value.rendered) } }
        if case .map(let query)? = requestOverride["querystring"] { requested.query = query.entries.map { ($0.key, $0.value.rendered) } }
        if case .map(let path)? = requestOverride["path"] {
            for (name, value) in path.entries { requested.path[name] = value.rendered }
        }
        return Rendered(text: text, statusOverride: status, headerOverrides: overrides, requestOverride: requested)
    }

    /// Parsed templates by source: a deployment's templates are parsed once, not on every call.
    /// Bounded: a stack that cycles through more sources than this starts the cache over.
    private static let cache = Mutex<[String: VTLTemplate]>([:])
    static let cacheCapacity = 4_096

    private static func parsed(_ source: String) throws(VTLError) -> VTLTemplate {
        if let template = cache.withLock({ $0[source] }) { return template }
        let template = try VTLTemplate(source)
        cache.withLock { cache in
            if cache.count >= cacheCapacity { cache.removeAll() }
            cache[source] = template
        }
        return template
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
