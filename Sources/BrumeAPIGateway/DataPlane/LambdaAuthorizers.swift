import BrumeEdge
import BrumeWire
import Foundation
import BrumeGatewayRules

/// Lambda authorizers, TOKEN and REQUEST: the identity is read and checked first (a missing
/// token, or one that fails `identityValidationExpression`, is 401 without calling the
/// function); the answer is cached for `authorizerResultTtlInSeconds` (300 by default, 0 for
/// none). The function's `Unauthorized` error is 401; any other failure, or an answer that is not
/// a policy, is 500 with a `null` message.
extension APIGatewayDataPlane {
    func runAuthorizer(_ authorizer: Authorizer, invocation: Invocation) async throws(GatewayFailure) -> (AuthorizerResult, Int) {
        let ttl = authorizer.authorizerResultTtlInSeconds ?? 300
        let request = invocation.request
        var event = JSONObject()
        let identity: [String]
        switch authorizer.type {
        case "TOKEN":
            let source = authorizer.identitySource ?? "method.request.header.Authorization"
            guard let token = ParameterMapping.value(of: source, invocation: invocation, integrationHeaders: [], integrationBody: nil),
                  !token.isEmpty
            else { throw .unauthorized }
            if let expression = authorizer.identityValidationExpression, !expression.isEmpty,
               !Self.fullMatch(expression, token) {
                throw .unauthorized
            }
            identity = [token]
            event["type"] = "TOKEN"
            event["methodArn"] = .string(invocation.methodARN)
            event["authorizationToken"] = .string(token)
        case "REQUEST":
            let sources = (authorizer.identitySource ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            var values: [String] = []
            for source in sources {
                let value = ParameterMapping.value(of: source, invocation: invocation, integrationHeaders: [], integrationBody: nil)
                // With caching on, every identity source is required; with it off they are not.
                if value?.isEmpty ?? true, ttl > 0 { throw .unauthorized }
                values.append(value ?? "")
            }
            identity = values
            guard let match = invocation.match, case .object(let proxy) = ProxyEvent.build(
                request, context: invocation.proxyContext(match: match), binaryMediaTypes: invocation.api.binaryMediaTypes ?? []
            ) else { throw .authorizerConfiguration }
            event["type"] = "REQUEST"
            event["methodArn"] = .string(invocation.methodARN)
            for (name, value) in proxy where name != "body" && name != "isBase64Encoded" {
                // The authorizer's requestContext carries no authorizer of its own.
                event[name] = value
            }
        default:
            throw .authorizerConfiguration
        }
        let cacheKey = ([authorizer.id] + identity).joined(separator: "\u{1F}")
        let now = clock.now()
        if let cached = authorizers.lookup(cacheKey, now: now) { return (cached, 0) }
        guard let function = LambdaURI.functionPath(authorizer.authorizerUri ?? "", stageVariables: invocation.stageVariables) else {
            throw .authorizerConfiguration
        }
        let started = ContinuousClock.now
        let response: EdgeClient.Response
        do throws(EdgeClient.Failure) {
            response = try await client.send(service: "lambda", method: "POST", path: function, body: JSONValue.object(event).serialized,
                                             timeout: .seconds(30))
        } catch {
            throw .authorizerFailure
        }
        let elapsed = ContinuousClock.now - started
        let latency = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        guard response.status == 200 else { throw .authorizerFailure }
        if response.header("X-Amz-Function-Error") != nil {
            let message = (try? JSONValue.parse(response.body))?["errorMessage"]?.stringValue
            throw message == "Unauthorized" ? .unauthorized : .authorizerFailure
        }
        guard let result = AuthorizerResult(payload: response.body) else { throw .authorizerConfiguration }
        authorizers.store(result, key: cacheKey, ttl: ttl, now: now)
        return (result, latency)
    }

    /// Java's `String.matches`: the whole text must match.
    static func fullMatch(_ pattern: String, _ text: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: "^(?:\(pattern))$", options: [.dotMatchesLineSeparators]) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

/// The Lambda invocation path in an integration or authorizer URI
/// (`arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations`), with
/// `${stageVariables.name}` substituted.
enum LambdaURI {
    static func functionPath(_ uri: String, stageVariables: [String: String]) -> String? {
        let uri = substitute(uri, stageVariables: stageVariables)
        guard let range = uri.range(of: ":lambda:path") else { return nil }
        let path = String(uri[range.upperBound...])
        guard path.hasPrefix("/2015-03-31/functions/"), path.hasSuffix("/invocations") else { return nil }
        return path
    }

    /// Replaces `${stageVariables.name}` with the stage's value (empty when unset).
    static func substitute(_ text: String, stageVariables: [String: String]) -> String {
        guard text.contains("${stageVariables.") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${stageVariables.") {
            result += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "}") else { result += rest[start.lowerBound...]; return result }
            result += stageVariables[String(after[..<end])] ?? ""
            rest = after[after.index(after: end)...]
        }
        return result + rest
    }
}
