import BrumeEdge
import BrumeWire

/// AWS service integrations (`type: AWS` with a URI that is not Lambda's invocation path):
/// `arn:aws:apigateway:{region}:{service}:path/{path}` calls the service's REST path with the
/// integration's HTTP method (S3 `GET`/`PUT`/`DELETE` of `/{bucket}/{key}`, SQS `POST` to
/// `/{account}/{queue}`); `...:{service}:action/{Action}` calls the action: JSON-protocol
/// services (Step Functions, EventBridge) by `X-Amz-Target` with the template's output as the
/// body, query-protocol ones (SQS) with `Action` and the mapped query string. Every call goes
/// through the edge, signed; the answer goes through the integration responses by its status.
extension APIGatewayDataPlane {
    /// JSON-protocol services: signing name → (`X-Amz-Target` prefix, content type).
    static let jsonTargets: [String: (prefix: String, contentType: String)] = [
        "states": ("AWSStepFunctions", "application/x-amz-json-1.0"),
        "events": ("AWSEvents", "application/x-amz-json-1.1"),
        "logs": ("Logs_20140328", "application/x-amz-json-1.1"),
        "kinesis": ("Kinesis_20131202", "application/x-amz-json-1.1"),
    ]

    func awsService(_ integration: Integration, invocation: Invocation) async throws(GatewayFailure) -> GatewayResponder.Answer {
        guard let target = ServiceURI(LambdaURI.substitute(integration.uri ?? "", stageVariables: invocation.stageVariables)) else {
            throw .configuration
        }
        let (body, override) = try integrationRequest(integration, invocation: invocation)
        var mapped = mappedParameters(integration, invocation: invocation)
        mapped.apply(override)
        var headers = mapped.headers
        var query = mapped.query
        let method: String
        let path: String
        switch target.kind {
        case .path(let raw):
            var resolved = raw
            for (name, value) in mapped.path { resolved = resolved.replacingOccurrences(of: "{\(name)}", with: value) }
            for (name, value) in invocation.match?.pathParameters ?? [:] { resolved = resolved.replacingOccurrences(of: "{\(name)}", with: value) }
            method = integration.httpMethod ?? "POST"
            path = "/" + resolved.drop { $0 == "/" }
        case .action(let action):
            method = integration.httpMethod ?? "POST"
            path = "/"
            if let json = Self.jsonTargets[target.service] {
                headers.removeAll { $0.name.lowercased() == "x-amz-target" || $0.name.lowercased() == "content-type" }
                headers.append(("X-Amz-Target", "\(json.prefix).\(action)"))
                headers.append(("Content-Type", json.contentType))
            } else {
                query.insert(("Action", action), at: 0)
            }
        }
        let limit = timeout(integration)
        let started = ContinuousClock.now
        let response: EdgeClient.Response
        do throws(EdgeClient.Failure) {
            response = try await client.send(
                service: target.service, method: method, path: path, query: query, headers: headers, body: body, timeout: limit
            )
        } catch {
            throw ContinuousClock.now - started >= limit ? .integrationTimeout : .integrationFailure
        }
        return try integrationResponse(
            integration, invocation: invocation, status: response.status, errorMessage: nil, headers: response.headers, body: response.body
        )
    }
}

/// `arn:aws:apigateway:{region}:{service}:{path|action}/{rest}`, read.
struct ServiceURI: Equatable {
    enum Kind: Equatable {
        case path(String)
        case action(String)
    }

    /// The signing name (`s3`, `sqs`, `states`, `events`), without any subdomain prefix.
    var service: String
    var kind: Kind

    init?(_ uri: String) {
        let parts = uri.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "apigateway" else { return nil }
        // `{subdomain}.{service}` names a regional or bucket endpoint; the service is the last label.
        service = String(parts[4].split(separator: ".").last ?? parts[4])
        let rest = parts[5]
        if rest.hasPrefix("path/") {
            kind = .path(String(rest.dropFirst("path/".count)))
        } else if rest.hasPrefix("action/") {
            let action = rest.dropFirst("action/".count).prefix { $0 != "&" && $0 != "?" }
            guard !action.isEmpty else { return nil }
            kind = .action(String(action))
        } else {
            return nil
        }
    }
}
