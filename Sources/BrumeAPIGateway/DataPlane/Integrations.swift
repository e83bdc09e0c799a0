import BrumeEdge
import BrumeVTL
import BrumeWire
import Foundation
import BrumeGatewayRules

/// The integration step: the integration request (template, passthrough), the backend call and
/// the integration response, for each integration type.
extension APIGatewayDataPlane {
    /// AWS's default integration timeout.
    static let defaultTimeoutMillis = 29_000

    func integrate(_ integration: Integration, method: ApiMethod, invocation: Invocation) async throws(GatewayFailure) -> GatewayResponder.Answer {
        switch integration.type {
        case "AWS_PROXY":
            return try await lambdaProxy(integration, invocation: invocation)
        case "MOCK":
            let body = try integrationRequestBody(integration, invocation: invocation)
            var status = 200
            if integration.requestTemplates?.isEmpty == false, !body.isEmpty {
                // The rendered request template picks the mock's status: `{"statusCode": 200}`.
                guard let document = try? JSONValue.parse(body), let code = document["statusCode"]?.intValue else {
                    throw .configuration
                }
                status = Int(code)
            }
            return try integrationResponse(integration, invocation: invocation, status: status, errorMessage: nil, headers: [], body: [])
        case "AWS":
            if LambdaURI.functionPath(integration.uri ?? "", stageVariables: invocation.stageVariables) != nil {
                return try await lambdaNonProxy(integration, invocation: invocation)
            }
            return try await awsService(integration, invocation: invocation)
        case "HTTP", "HTTP_PROXY":
            return try await http(integration, invocation: invocation, proxy: integration.type == "HTTP_PROXY")
        default:
            throw .configuration
        }
    }

    func timeout(_ integration: Integration) -> Duration {
        .milliseconds(integration.timeoutInMillis ?? Self.defaultTimeoutMillis)
    }

    /// Calls a Lambda function through the edge, signed; a call past the integration's timeout
    /// is 504, one Lambda refuses is 500.
    private func invokeLambda(path: String, body: [UInt8], integration: Integration) async throws(GatewayFailure) -> EdgeClient.Response {
        let limit = timeout(integration)
        let started = ContinuousClock.now
        let response: EdgeClient.Response
        do throws(EdgeClient.Failure) {
            response = try await client.send(service: "lambda", method: "POST", path: path, body: body, timeout: limit)
        } catch {
            throw ContinuousClock.now - started >= limit ? .integrationTimeout : .configuration
        }
        guard (200..<300).contains(response.status) else { throw .configuration }
        return response
    }

    // MARK: AWS_PROXY

    private func lambdaProxy(_ integration: Integration, invocation: Invocation) async throws(GatewayFailure) -> GatewayResponder.Answer {
        guard let path = LambdaURI.functionPath(integration.uri ?? "", stageVariables: invocation.stageVariables),
              let match = invocation.match
        else { throw .configuration }
        let binaryTypes = invocation.api.binaryMediaTypes ?? []
        let event = ProxyEvent.build(invocation.request, context: invocation.proxyContext(match: match), binaryMediaTypes: binaryTypes)
        let response = try await invokeLambda(path: path, body: event.serialized, integration: integration)
        guard response.header("X-Amz-Function-Error") == nil, let answer = ProxyResponse(payload: response.body) else {
            throw .malformedIntegrationResponse
        }
        var headers = answer.headers
        if !headers.contains(where: { $0.name.lowercased() == "content-type" }) { headers.insert(("Content-Type", "application/json"), at: 0) }
        var body = answer.body
        if let encoded = answer.encodedBody, !acceptsBinary(invocation, binaryTypes: binaryTypes) {
            body = encoded
        }
        return GatewayResponder.Answer(status: answer.status, headers: headers, body: body)
    }

    /// Whether the client's `Accept` names one of the API's binary media types, which is when a
    /// base64 answer is decoded for it.
    func acceptsBinary(_ invocation: Invocation, binaryTypes: [String]) -> Bool {
        guard let accept = invocation.request.header("Accept") else { return false }
        let first = accept.split(separator: ",").first.map { String($0.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased() }
        return MediaTypes.isBinary(first, binaryMediaTypes: binaryTypes)
    }

    // MARK: AWS (Lambda)

    private func lambdaNonProxy(_ integration: Integration, invocation: Invocation) async throws(GatewayFailure) -> GatewayResponder.Answer {
        guard let path = LambdaURI.functionPath(integration.uri ?? "", stageVariables: invocation.stageVariables) else { throw .configuration }
        let body = try integrationRequestBody(integration, invocation: invocation)
        let response = try await invokeLambda(path: path, body: body.isEmpty ? Array("{}".utf8) : body, integration: integration)
        var errorMessage: String?
        if response.header("X-Amz-Function-Error") != nil {
            errorMessage = (try? JSONValue.parse(response.body))?["errorMessage"]?.stringValue ?? ""
        }
        return try integrationResponse(
            integration, invocation: invocation, status: 200, errorMessage: errorMessage, headers: response.headers, body: response.body
        )
    }

    // MARK: Integration request and response

    /// The integration request body: the request template for the body's content type
    /// (`application/json` when none is sent), or the body itself as `passthroughBehavior` allows.
    func integrationRequestBody(_ integration: Integration, invocation: Invocation) throws(GatewayFailure) -> [UInt8] {
        try integrationRequest(integration, invocation: invocation).body
    }

    /// The integration request body and what its template set in `$context.requestOverride`.
    func integrationRequest(
        _ integration: Integration, invocation: Invocation
    ) throws(GatewayFailure) -> (body: [UInt8], override: MappingTemplates.RequestOverride) {
        let templates = integration.requestTemplates ?? [:]
        let contentType = invocation.request.contentType ?? "application/json"
        let binary = MediaTypes.isBinary(invocation.request.contentType, binaryMediaTypes: invocation.api.binaryMediaTypes ?? [])
        // contentHandling converts the payload before the template sees it: a binary body becomes
        // base64 text (CONVERT_TO_TEXT), a text body is base64-decoded (CONVERT_TO_BINARY).
        let body = try Self.convert(invocation.request.body, isBinary: binary, handling: integration.contentHandling)
        if let source = templates[contentType] {
            let rendered = try render(source, body: body, invocation: invocation)
            return (Array(rendered.text.utf8), rendered.requestOverride)
        }
        switch integration.passthroughBehavior ?? "WHEN_NO_MATCH" {
        case "WHEN_NO_TEMPLATES" where !templates.isEmpty, "NEVER":
            throw .unsupportedMediaType
        default:
            return (body, MappingTemplates.RequestOverride())
        }
    }

    /// A payload converted as `contentHandling` says: CONVERT_TO_TEXT base64-encodes a binary
    /// payload, CONVERT_TO_BINARY decodes a text one (which must then be base64, else the
    /// integration fails); without it, or when the payload already is what is asked, it passes.
    static func convert(_ payload: [UInt8], isBinary: Bool, handling: String?) throws(GatewayFailure) -> [UInt8] {
        switch handling {
        case "CONVERT_TO_TEXT" where isBinary:
            return Array(Data(payload).base64EncodedString().utf8)
        case "CONVERT_TO_BINARY" where !isBinary:
            guard let data = Data(base64Encoded: Data(payload), options: .ignoreUnknownCharacters) else { throw .configuration }
            return Array(data)
        default:
            return payload
        }
    }

    /// Renders a template; a body that is not JSON for `$input.json` is 400, any other template
    /// failure 500, as AWS answers them.
    func render(_ source: String, body: [UInt8], invocation: Invocation) throws(GatewayFailure) -> MappingTemplates.Rendered {
        do {
            return try MappingTemplates.render(source, body: body, invocation: invocation)
        } catch {
            throw error.kind == .invalidJSONBody ? .invalidBody : .configuration
        }
    }

    /// Picks the integration response (`selectionPattern` against the Lambda error message, or
    /// against the backend's status; else the default one), maps its headers and renders its
    /// template for the client's `Accept`.
    func integrationResponse(
        _ integration: Integration, invocation: Invocation, status: Int, errorMessage: String?,
        headers: [(name: String, value: String)], body: [UInt8]
    ) throws(GatewayFailure) -> GatewayResponder.Answer {
        let responses = (integration.integrationResponses ?? [:]).values.sorted { $0.statusCode < $1.statusCode }
        let isLambda = integration.type == "AWS" && errorMessage != nil
        let subject = isLambda ? errorMessage ?? "" : String(status)
        let patterned = responses.filter { !($0.selectionPattern ?? "").isEmpty }
        var chosen = patterned.first { Self.fullMatch($0.selectionPattern ?? "", subject) }
        if chosen == nil { chosen = responses.first { ($0.selectionPattern ?? "").isEmpty } }
        guard let chosen, let statusCode = Int(chosen.statusCode) else { throw .configuration }

        var answerHeaders: [(name: String, value: String)] = []
        for (key, source) in (chosen.responseParameters ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard key.hasPrefix("method.response.header."),
                  let value = ParameterMapping.value(of: source, invocation: invocation, integrationHeaders: headers, integrationBody: body)
            else { continue }
            answerHeaders.append((String(key.dropFirst("method.response.header.".count)), value))
        }
        var answerStatus = statusCode
        // The integration response's contentHandling: the backend's text decoded to bytes for the
        // client (CONVERT_TO_BINARY), or its binary answer base64-encoded (CONVERT_TO_TEXT).
        let backendType = headers.last { $0.name.lowercased() == "content-type" }.map { String($0.value.prefix { $0 != ";" }).lowercased() }
        let backendBinary = MediaTypes.isBinary(backendType, binaryMediaTypes: invocation.api.binaryMediaTypes ?? [])
        var answerBody = try Self.convert(body, isBinary: backendBinary, handling: chosen.contentHandling)
        var contentType = "application/json"
        let templates = chosen.responseTemplates ?? [:]
        if let (type, source) = Self.template(for: invocation.request.header("Accept"), in: templates) {
            contentType = type
            let rendered = try render(source, body: body, invocation: invocation)
            answerBody = Array(rendered.text.utf8)
            if let override = rendered.statusOverride { answerStatus = override }
            for (name, value) in rendered.headerOverrides {
                answerHeaders.removeAll { $0.name.lowercased() == name.lowercased() }
                answerHeaders.append((name, value))
            }
        }
        if !answerHeaders.contains(where: { $0.name.lowercased() == "content-type" }) {
            answerHeaders.insert(("Content-Type", contentType), at: 0)
        }
        return GatewayResponder.Answer(status: answerStatus, headers: answerHeaders, body: answerBody)
    }

    /// The response template for the client's `Accept`: the first accepted type with a template,
    /// else `application/json`'s, else the first one.
    static func template(for accept: String?, in templates: [String: String]) -> (String, String)? {
        guard !templates.isEmpty else { return nil }
        for part in (accept ?? "").split(separator: ",") {
            let type = String(part.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased()
            if let source = templates[type] { return (type, source) }
        }
        if let source = templates["application/json"] { return ("application/json", source) }
        return templates.sorted { $0.key < $1.key }.first.map { ($0.key, $0.value) }
    }
}
