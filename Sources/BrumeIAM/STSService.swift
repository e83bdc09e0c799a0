public import BrumeCore
public import BrumeEdge
public import BrumeWire
public import Hummingbird
import BrumeIAMPolicy

/// STS (query protocol, API version 2011-06-15, signing name `sts`): who is calling, and
/// temporary credentials for roles and users, on the stack clock. Sessions live in the same
/// ``IAMBackend`` as IAM, which the edge asks for their secrets.
public final class STSService: EdgeService {
    public let name = "sts"
    public let wireProtocol = WireProtocol.query
    public var internalError: AWSError { AWSError(code: "InternalFailure", message: "The request processing has failed because of an unknown error, exception or failure.", status: 500) }

    /// The state IAM and STS share; the edge reads issued credentials from it.
    public let backend: IAMBackend
    let config: StackConfig
    let serving = QueryServing(shapes: STSShapes.operations, namespace: "https://sts.amazonaws.com/doc/2011-06-15/")

    public init(config: StackConfig, backend: IAMBackend) {
        self.config = config
        self.backend = backend
    }

    public func respond(to request: Request, context: EdgeContext) async throws -> Response {
        try await serving.respond(to: request, context: context) { (call: IAMCall) throws(IAMError) -> JSONValue? in
            try self.perform(call)
        }
    }

    func perform(_ call: IAMCall) throws(IAMError) -> JSONValue? {
        let identity = try backend.identify(call.caller, configured: config.credentials.keys.contains(call.caller.accessKeyID ?? ""))
        switch call.operation {
        case "GetCallerIdentity":
            return ["UserId": .string(identity.userID), "Account": .string(identity.account), "Arn": .string(identity.arn)]
        case "AssumeRole": return try assumeRole(call, identity: identity)
        case "GetSessionToken": return try sessionToken(call, identity: identity)
        case "GetAccessKeyInfo":
            let key = try call.required("AccessKeyId")
            let account = backend.credential(forAccessKey: key, at: backend.clock.now())?.accountID
                ?? backend.session(key)?.account ?? config.account(forAccessKey: key)
            return ["Account": .string(account)]
        default:
            throw .notImplemented(call.operation)
        }
    }

    public func authenticationError(_ failure: AuthenticationFailure) -> AWSError {
        QueryServing.authenticationError(failure)
    }

    public func resourceSummary() async throws -> [String: [String]] { [:] }

    /// The operations Brume implements.
    static let implemented: Set<String> = ["GetCallerIdentity", "AssumeRole", "GetSessionToken", "GetAccessKeyInfo"]

    func assumeRole(_ call: IAMCall, identity: CallerIdentity) throws(IAMError) -> JSONValue {
        let roleARN = try call.required("RoleArn")
        let sessionName = try call.required("RoleSessionName")
        guard (2...64).contains(sessionName.count), sessionName.allSatisfy(IAMValidation.nameCharacters.contains) else {
            throw .validation("1 validation error detected: Value '\(sessionName)' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*")
        }
        let denied = IAMError.accessDenied("User: \(identity.arn) is not authorized to perform: sts:AssumeRole on resource: \(roleARN)")
        guard let account = IAMService.account(of: roleARN), let resource = roleARN.split(separator: ":", maxSplits: 5).last,
              resource.hasPrefix("role/")
        else { throw .validation("\(roleARN) is invalid") }
        let roleName = String(resource.split(separator: "/").last ?? "")
        guard let role = backend.read(account, { $0.roles[roleName] }),
              IAMRendering.arn(account, "role", path: role.path, name: role.name) == roleARN
        else { throw denied }
        if let trust = try? PolicyDocument(parsing: role.trustPolicy, kind: .trust) {
            var context = RequestContext()
            if let externalID = call.string("ExternalId") { context["sts:ExternalId"] = [externalID] }
            context["aws:PrincipalArn"] = [identity.arn]
            context["aws:PrincipalAccount"] = [identity.account]
            // The trust policy alone decides, for the root user too: it must name the caller or its account.
            let principal = identity.principal.kind == .root
                ? RequestPrincipal(kind: .user, arn: identity.arn, account: identity.account) : identity.principal
            let request = AuthorizationRequest(principal: principal, action: "sts:AssumeRole", resource: roleARN,
                                               resourceAccount: account, context: context)
            let result = PolicyEvaluator.evaluate(request, identityPolicies: [], resourcePolicy: NamedPolicy(id: "trust", document: trust))
            guard result.decision == .allowed else { throw denied }
        }
        let duration = call.int("DurationSeconds") ?? 3600
        guard duration >= 900, duration <= role.maxSessionDuration else {
            throw .validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
        }
        var packedSize: Int?
        if let policy = call.string("Policy") {
            _ = try IAMValidation.document(policy, kind: .session)
            let size = PolicySize.count(policy)
            guard size <= 2048 else {
                throw .validation("Packed policy consumes \(size * 100 / 2048)% of allotted space, please use smaller policy.")
            }
            packedSize = size * 100 / 2048
        }
        let session = IAMSession(
            accessKeyID: IAMIdentifiers.accessKeyID(.temporaryKey), secret: IAMIdentifiers.secret(), token: IAMIdentifiers.sessionToken(),
            expiration: backend.now + Double(duration), account: account,
            arn: "arn:aws:sts::\(account):assumed-role/\(role.name)/\(sessionName)", userID: "\(role.id):\(sessionName)",
            roleARN: roleARN, sessionPolicy: call.string("Policy"))
        try backend.addSession(session)
        var result: JSONObject = [
            "Credentials": credentials(session),
            "AssumedRoleUser": ["AssumedRoleId": .string(session.userID), "Arn": .string(session.arn)],
        ]
        if let packedSize { result["PackedPolicySize"] = .int(Int64(packedSize)) }
        return .object(result)
    }

    func sessionToken(_ call: IAMCall, identity: CallerIdentity) throws(IAMError) -> JSONValue {
        if case .session = identity.kind {
            throw .accessDenied("Cannot call GetSessionToken with session credentials")
        }
        let duration = call.int("DurationSeconds") ?? 43_200
        guard (900...129_600).contains(duration) else {
            throw .validation("1 validation error detected: Value '\(duration)' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600")
        }
        let session = IAMSession(
            accessKeyID: IAMIdentifiers.accessKeyID(.temporaryKey), secret: IAMIdentifiers.secret(), token: IAMIdentifiers.sessionToken(),
            expiration: backend.now + Double(duration), account: identity.account, arn: identity.arn, userID: identity.userID,
            roleARN: nil, sessionPolicy: nil)
        try backend.addSession(session)
        return ["Credentials": credentials(session)]
    }

    func credentials(_ session: IAMSession) -> JSONValue {
        ["AccessKeyId": .string(session.accessKeyID), "SecretAccessKey": .string(session.secret),
         "SessionToken": .string(session.token), "Expiration": .double(session.expiration)]
    }
}
