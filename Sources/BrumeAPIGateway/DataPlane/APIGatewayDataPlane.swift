public import BrumeCore
public import BrumeEdge
import BrumeSigV4
import BrumeWire
import Foundation
public import Hummingbird
import HTTPTypes
import NIOCore
public import ServiceLifecycle
import Synchronization
public import BrumeGatewayRules

/// API Gateway's data plane: answers calls to deployed REST APIs at their invoke URLs.
///
/// A call goes through AWS's checks in AWS's order: the stage and route, the authorizer
/// (`AWS_IAM` or a Lambda authorizer), the API key, throttles and quota, request validation,
/// then the integration request, the integration, the integration response and the method
/// response. Each refusal is a ``GatewayFailure`` answered through the API's gateway responses.
/// Every answer carries `x-amzn-RequestId`, `x-amz-apigw-id` and `X-Amzn-Trace-Id`.
///
/// Time is the stack clock's: throttles, quotas and the authorizer cache move when it moves.
public final class APIGatewayDataPlane: Sendable {
    let store: APIGatewayStore
    let accountID: String
    let region: String
    let clock: any WallClock
    /// Real time, for signatures (the stack clock may run ahead of it).
    let realClock: any WallClock
    let client: EdgeClient
    let enforcer: UsageEnforcer
    let authorizers: AuthorizerCache
    let verifier: SigV4Verifier
    private let routeTables = Mutex<[String: RouteTable]>([:])

    /// The largest request body the gateway accepts (API Gateway's payload limit).
    static let maximumBody = 10 * 1024 * 1024

    init(store: APIGatewayStore, config: StackConfig, edge: EdgeAddress, clock: any WallClock) {
        self.store = store
        accountID = config.accountID
        region = config.region
        self.clock = clock
        // Signatures are dated by real time, as the edge checks them: a stack clock moved hours
        // ahead must not make the gateway's own calls (or its AWS_IAM check) look skewed.
        let realClock = (clock as? StackClock)?.realClock ?? clock
        self.realClock = realClock
        client = EdgeClient(address: edge, config: config, clock: realClock)
        enforcer = UsageEnforcer(store: store, throttles: Throttles())
        authorizers = AuthorizerCache()
        let credentials = config.credentials
        verifier = SigV4Verifier(secretForAccessKey: { credentials[$0]?.secret })
    }

    /// The pieces that must run beside the edge: the client that calls Lambda and the other
    /// services through it.
    public var backgroundServices: [any Service] { [client] }

    /// Answers one call to an invoke URL; never throws, every failure is an API Gateway answer.
    public func respond(to request: Request, context: EdgeContext) async -> Response {
        let requestID = context.requestID.isEmpty ? RequestID.uuid() : context.requestID
        let extendedID = Self.extendedRequestID()
        let now = clock.now()
        let traceID = Self.traceID(now)
        var answer: GatewayResponder.Answer
        do {
            answer = try await handle(request, context: context, requestID: requestID, extendedID: extendedID, traceID: traceID, now: now)
        } catch {
            answer = GatewayResponder.answer(error.failure, invocation: error.invocation)
        }
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        fields[HTTPField.Name("x-amzn-RequestId")!] = requestID
        fields[HTTPField.Name("x-amz-apigw-id")!] = extendedID
        fields[HTTPField.Name("X-Amzn-Trace-Id")!] = traceID
        fields[.contentLength] = String(answer.body.count)
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
        return Response(status: HTTPResponse.Status(code: answer.status), headers: fields, body: body)
    }

    /// A refusal with the invocation it happened in, when there was one to style it with.
    struct Refusal: Error {
        var failure: GatewayFailure
        var invocation: Invocation?
    }

    private func handle(
        _ request: Request, context: EdgeContext, requestID: String, extendedID: String, traceID: String, now: Date
    ) async throws(Refusal) -> GatewayResponder.Answer {
        guard let target = InvokeTarget(rawPath: request.uri.path, host: request.head.authority) else {
            throw Refusal(failure: .missingAuthenticationToken)
        }
        // An API or stage that does not exist is refused before anything else, as on AWS.
        guard !target.stage.isEmpty, let deployed = store.deployedStage(apiId: target.apiID, stageName: target.stage) else {
            throw Refusal(failure: .invalidAPIKey)
        }
        let body: [UInt8]
        do {
            var buffer = try await request.body.collect(upTo: Self.maximumBody)
            body = buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            throw Refusal(failure: GatewayFailure(
                type: "REQUEST_TOO_LARGE", status: 413, message: "Request Too Long", errorType: "RequestTooLargeException"
            ))
        }
        let query = (try? QueryParameters(raw: request.uri.query))?.pairs ?? []
        let sourceIP = Self.sourceIP(context.remoteAddress)
        let client = ClientRequest(
            method: request.method.rawValue, target: target,
            headers: Self.forwardedHeaders(request.headers.map { ($0.name.rawName, $0.value) }, sourceIP: sourceIP, traceID: traceID,
                                           host: request.head.authority),
            query: query, body: body, sourceIP: sourceIP, receivedAt: now
        )
        var invocation = Invocation(
            request: client, deployed: deployed, requestID: requestID, extendedRequestID: extendedID, accountID: accountID, region: region
        )
        do throws(GatewayFailure) {
            let routes = routeTable(deployed)
            guard let match = routes.match(method: client.method, rawPath: target.path),
                  let method = deployed.snapshot.resources.first(where: { $0.id == match.resourceID })?.resourceMethods?[match.method]
            else { throw .missingAuthenticationToken }
            invocation.match = match
            try await authorize(method, request: request, invocation: &invocation)
            let keyValue = invocation.api.effectiveApiKeySource == "AUTHORIZER"
                ? invocation.authorizer?.usageIdentifierKey : client.header("x-api-key")
            invocation.metered = try enforcer.admit(
                keyValue: keyValue, keyRequired: method.apiKeyRequired ?? false, apiID: target.apiID, stage: deployed.stage, match: match,
                now: now
            )
            try RequestValidation.check(method, invocation: invocation)
            guard let integration = method.methodIntegration else { throw .configuration }
            return try await integrate(integration, method: method, invocation: invocation)
        } catch {
            throw Refusal(failure: error, invocation: invocation)
        }
    }

    /// The route table of a deployment, built once per deployment.
    private func routeTable(_ deployed: DeployedStage) -> RouteTable {
        let key = "\(deployed.snapshot.api.id)/\(deployed.deployment.id)"
        if let table = routeTables.withLock({ $0[key] }) { return table }
        let table = RouteTable(resources: deployed.snapshot.resources.map {
            RouteTable.Resource(id: $0.id, path: $0.path, methods: Set(($0.resourceMethods ?? [:]).keys))
        })
        routeTables.withLock { tables in
            // Deployments are few; a stack that made thousands starts the cache over.
            if tables.count > 1_000 { tables.removeAll() }
            tables[key] = table
        }
        return table
    }

    // MARK: Authorization

    private func authorize(_ method: ApiMethod, request: Request, invocation: inout Invocation) async throws(GatewayFailure) {
        switch method.authorizationType {
        case "AWS_IAM":
            invocation.iamCaller = try verifySignature(request, body: invocation.request.body)
        case "CUSTOM":
            guard let id = method.authorizerId, let authorizer = invocation.deployed.snapshot.authorizers.first(where: { $0.id == id }) else {
                throw .authorizerConfiguration
            }
            let (result, latency) = try await runAuthorizer(authorizer, invocation: invocation)
            invocation.authorizer = result
            invocation.authorizerLatency = latency
            switch result.decision(for: invocation.methodARN) {
            case .allow: return
            case .deny: throw .accessDenied
            case .explicitDeny: throw .explicitDeny
            }
        default:
            return
        }
    }

    /// Verifies an `AWS_IAM` method's SigV4 signature against the stack's credentials.
    private func verifySignature(_ request: Request, body: [UInt8]) throws(GatewayFailure) -> (accessKey: String, accountID: String) {
        guard let header = request.headers[.authorization] else { throw .missingAuthenticationToken }
        guard let authorization = try? SigV4Authorization.parse(header) else {
            throw GatewayFailure(
                type: "INCOMPLETE_SIGNATURE", status: 403, message: "Authorization header requires 'Credential' parameter.",
                errorType: "IncompleteSignatureException"
            )
        }
        let payloadHash = request.headers[HTTPField.Name("X-Amz-Content-SHA256")!] ?? SigV4.payloadHash(body)
        let amzDate = request.headers[HTTPField.Name("X-Amz-Date")!] ?? request.headers[.date] ?? ""
        let invalid = GatewayFailure(
            type: "INVALID_SIGNATURE", status: 403,
            message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
            errorType: "InvalidSignatureException"
        )
        guard let signed = try? SigV4Request(request, payloadHash: payloadHash) else { throw invalid }
        if let date = SigV4.date(fromAmzDate: amzDate), abs(date.timeIntervalSince(realClock.now())) > SigV4Verifier.allowedClockSkew {
            throw GatewayFailure(type: "INVALID_SIGNATURE", status: 403, message: "Signature expired: \(amzDate) is now earlier or later than the allowed 15 minute window.", errorType: "InvalidSignatureException")
        }
        switch verifier.verifyHeader(signed, authorization: authorization, amzDate: amzDate) {
        case .valid:
            let key = authorization.scope.accessKeyID
            return (key, accountID)
        case .unknownAccessKey:
            throw GatewayFailure(
                type: "UNAUTHORIZED", status: 403, message: "The security token included in the request is invalid.",
                errorType: "UnrecognizedClientException"
            )
        default:
            throw invalid
        }
    }

    // MARK: Identifiers

    /// An id like AWS's `x-amz-apigw-id`: 15 base64 characters and `=`.
    static func extendedRequestID() -> String {
        var bytes = [UInt8](repeating: 0, count: 11)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        return String(Data(bytes).base64EncodedString().prefix(15)) + "="
    }

    /// `Root=1-{epoch hex}-{24 hex}`, X-Ray's trace id form.
    static func traceID(_ now: Date) -> String {
        let epoch = String(UInt32(truncatingIfNeeded: Int64(now.timeIntervalSince1970)), radix: 16)
        let random = (0..<24).map { _ in String(UInt8.random(in: 0...15), radix: 16) }.joined()
        return "Root=1-\(String(repeating: "0", count: max(0, 8 - epoch.count)))\(epoch)-\(random)"
    }

    /// The client's headers as the backend sees them: API Gateway adds `X-Amzn-Trace-Id`, appends
    /// the caller to `X-Forwarded-For`, and sets `X-Forwarded-Port` and `X-Forwarded-Proto`.
    static func forwardedHeaders(
        _ headers: [(name: String, value: String)], sourceIP: String, traceID: String, host: String?
    ) -> [(name: String, value: String)] {
        var result = headers.filter { !["x-forwarded-for", "x-forwarded-port", "x-forwarded-proto"].contains($0.name.lowercased()) }
        let forwarded = headers.last { $0.name.lowercased() == "x-forwarded-for" }?.value
        if !result.contains(where: { $0.name.lowercased() == "x-amzn-trace-id" }) { result.append(("X-Amzn-Trace-Id", traceID)) }
        result.append(("X-Forwarded-For", forwarded.map { "\($0), \(sourceIP)" } ?? sourceIP))
        let port = host.flatMap { $0.hasPrefix("[") ? nil : $0.split(separator: ":").dropFirst().first.map(String.init) } ?? "80"
        result.append(("X-Forwarded-Port", port))
        result.append(("X-Forwarded-Proto", "http"))
        return result
    }

    static func sourceIP(_ address: SocketAddress?) -> String {
        address?.ipAddress ?? "127.0.0.1"
    }
}
