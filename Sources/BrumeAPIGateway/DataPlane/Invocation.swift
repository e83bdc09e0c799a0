import BrumeWire
import Foundation
import BrumeGatewayRules

/// One call to a deployed API as it moves through the checks: the request, the stage it
/// reached, the route it matched, and what each check learned (authorizer, key).
struct Invocation: Sendable {
    var request: ClientRequest
    var deployed: DeployedStage
    var requestID: String
    var extendedRequestID: String
    var accountID: String
    var region: String
    var match: RouteTable.Match?
    var authorizer: AuthorizerResult?
    /// Milliseconds the authorizer's function took (`integrationLatency`), 0 from the cache.
    var authorizerLatency: Int = 0
    var metered: UsageEnforcer.Metered?
    var iamCaller: (accessKey: String, accountID: String)?

    var stageVariables: [String: String] { deployed.stage.variables ?? [:] }
    var api: RestApi { deployed.snapshot.api }

    /// `arn:aws:execute-api:{region}:{account}:{api}/{stage}/{METHOD}/{path}`, what authorizer
    /// policies are evaluated against.
    var methodARN: String {
        let path = PercentEncoding.decode(request.target.path) ?? request.target.path
        return "arn:aws:execute-api:\(region):\(accountID):\(request.target.apiID)/\(request.target.stage)/\(request.method)\(path)"
    }

    /// `requestContext.authorizer` of the proxy event: the principal, the context, the latency.
    var authorizerContext: JSONObject? {
        guard let authorizer else { return nil }
        var object = JSONObject()
        for (name, value) in authorizer.context { object[name] = value }
        object["principalId"] = .string(authorizer.principalID)
        object["integrationLatency"] = .int(Int64(authorizerLatency))
        return object
    }

    func proxyContext(match: RouteTable.Match) -> ProxyEvent.Context {
        ProxyEvent.Context(
            accountID: accountID, requestID: requestID, extendedRequestID: extendedRequestID, match: match,
            stageVariables: stageVariables, apiKey: metered.map { ($0.key.id, $0.key.value ?? "") }, authorizer: authorizerContext,
            iamCaller: iamCaller
        )
    }

    /// The request context (`$context` in templates), without the route when none matched.
    var requestContext: JSONObject {
        let match = match ?? RouteTable.Match(resourceID: "", resourcePath: "", method: request.method, pathParameters: [:])
        let path = PercentEncoding.decode(request.target.path) ?? request.target.path
        return ProxyEvent.requestContext(request, context: proxyContext(match: match), path: path)
    }
}
