import AsyncHTTPClient
import BrumeWire
import Foundation
import NIOCore

/// HTTP and HTTP_PROXY integrations: a real outbound call to the integration's URL.
///
/// The URL's `{name}` placeholders take `integration.request.path.name` (mapped by the
/// integration's request parameters, else the method's path parameter of that name) and
/// `${stageVariables.x}` the stage's variables. HTTP_PROXY forwards the client's method (for
/// `ANY`), headers, query string and body and returns the backend's answer as it is; HTTP sends
/// the integration request template's output and maps the answer through integration responses.
extension APIGatewayDataPlane {
    /// Headers that belong to one connection, never forwarded either way.
    static let hopByHop: Set<String> = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer", "host", "content-length"]

    func http(_ integration: Integration, invocation: Invocation, proxy: Bool) async throws(GatewayFailure) -> GatewayResponder.Answer {
        let request = invocation.request
        // The template runs first: its `$context.requestOverride` replaces mapped values.
        let (templated, override) = proxy ? (request.body, MappingTemplates.RequestOverride()) : try integrationRequest(integration, invocation: invocation)
        var mapped = mappedParameters(integration, invocation: invocation)
        mapped.apply(override)
        var url = LambdaURI.substitute(integration.uri ?? "", stageVariables: invocation.stageVariables)
        let pathParameters = invocation.match?.pathParameters ?? [:]
        for (name, value) in pathParameters where mapped.path[name] == nil && url.contains("{\(name)}") {
            url = url.replacingOccurrences(of: "{\(name)}", with: PercentEncoding.encode(value, keepSlash: true))
        }
        for (name, value) in mapped.path {
            url = url.replacingOccurrences(of: "{\(name)}", with: PercentEncoding.encode(value, keepSlash: true))
        }
        var query = proxy ? request.query : []
        for (name, value) in mapped.query {
            query.removeAll { $0.name == name }
            query.append((name, value))
        }
        if !query.isEmpty {
            url += (url.contains("?") ? "&" : "?") + query.map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }
                .joined(separator: "&")
        }
        let method = integration.httpMethod.flatMap { $0 == "ANY" ? nil : $0 } ?? request.method
        var outbound = HTTPClientRequest(url: url)
        outbound.method = .init(rawValue: method)
        if proxy {
            for (name, value) in request.headers where !Self.hopByHop.contains(name.lowercased()) {
                outbound.headers.add(name: name, value: value)
            }
        }
        for (name, value) in mapped.headers {
            outbound.headers.replaceOrAdd(name: name, value: value)
        }
        let body = templated
        if !body.isEmpty { outbound.body = .bytes(ByteBuffer(bytes: body)) }

        let limit = timeout(integration)
        let started = ContinuousClock.now
        let status: Int
        var headers: [(name: String, value: String)] = []
        var responseBody: [UInt8]
        do {
            let response = try await HTTPClient.shared.execute(outbound, timeout: .init(limit))
            status = Int(response.status.code)
            for header in response.headers where !Self.hopByHop.contains(header.name.lowercased()) {
                headers.append((header.name, header.value))
            }
            var collected = try await response.body.collect(upTo: Self.maximumBody)
            responseBody = collected.readBytes(length: collected.readableBytes) ?? []
        } catch {
            throw ContinuousClock.now - started >= limit ? .integrationTimeout : .integrationFailure
        }
        if proxy {
            return GatewayResponder.Answer(status: status, headers: headers, body: responseBody)
        }
        return try integrationResponse(integration, invocation: invocation, status: status, errorMessage: nil, headers: headers, body: responseBody)
    }

    /// The integration's request parameters resolved: `integration.request.{path|querystring|header}.{name}`.
    func mappedParameters(_ integration: Integration, invocation: Invocation) -> MappedParameters {
        var path: [String: String] = [:]
        var query: [(name: String, value: String)] = []
        var headers: [(name: String, value: String)] = []
        for (key, source) in (integration.requestParameters ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let value = ParameterMapping.value(of: source, invocation: invocation, integrationHeaders: [], integrationBody: nil) else { continue }
            if key.hasPrefix("integration.request.path.") {
                path[String(key.dropFirst("integration.request.path.".count))] = value
            } else if key.hasPrefix("integration.request.querystring.") {
                query.append((String(key.dropFirst("integration.request.querystring.".count)), value))
            } else if key.hasPrefix("integration.request.header.") {
                headers.append((String(key.dropFirst("integration.request.header.".count)), value))
            }
        }
        return MappedParameters(path: path, query: query, headers: headers)
    }
}

/// An integration request's path parameters, query string and headers.
struct MappedParameters {
    var path: [String: String]
    var query: [(name: String, value: String)]
    var headers: [(name: String, value: String)]

    /// Applies what a template set in `$context.requestOverride`, replacing values of the same name.
    mutating func apply(_ override: MappingTemplates.RequestOverride) {
        for (name, value) in override.path { path[name] = value }
        for (name, value) in override.query {
            query.removeAll { $0.name == name }
            query.append((name, value))
        }
        for (name, value) in override.headers {
            headers.removeAll { $0.name.lowercased() == name.lowercased() }
            headers.append((name, value))
        }
    }
}
