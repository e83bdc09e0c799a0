public import BrumeCore
public import BrumeEdge
public import BrumeWire
public import Hummingbird

/// IAM (query protocol, API version 2010-05-08, signing name `iam`): users, groups, roles,
/// managed and inline policies, access keys, tags and the policy simulator, per account. IAM is
/// global: its ARNs carry no region.
public final class IAMService: EdgeService {
    public let name = "iam"
    public let wireProtocol = WireProtocol.query
    public var internalError: AWSError { AWSError(code: "ServiceFailure", message: "The request processing has failed because of an unknown error, exception or failure.", status: 500) }

    /// The state IAM and STS share; the edge reads issued credentials from it.
    public let backend: IAMBackend
    let config: StackConfig
    let serving = QueryServing(shapes: IAMShapes.operations, namespace: "https://iam.amazonaws.com/doc/2010-05-08/")

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
        // A caller whose temporary credentials expired is refused before anything, as AWS does.
        _ = try backend.identify(call.caller, configured: config.credentials.keys.contains(call.caller.accessKeyID ?? ""))
        guard let operation = Self.operations[call.operation] else { throw .notImplemented(call.operation) }
        do {
            return try operation(self, call).map(JSONValue.object)
        } catch let error as IAMError {
            throw error
        } catch {
            throw .validation("\(error)")
        }
    }

    public func authenticationError(_ failure: AuthenticationFailure) -> AWSError {
        QueryServing.authenticationError(failure)
    }

    public func resourceSummary() async throws -> [String: [String]] {
        backend.summary()
    }

    typealias Operation = @Sendable (IAMService, IAMCall) throws -> JSONObject?

    /// The operations Brume implements; the model's others answer `NotImplemented`.
    static let operations: [String: Operation] = [
        "CreateUser": { try $0.createUser($1) }, "GetUser": { try $0.getUser($1) }, "ListUsers": { try $0.listUsers($1) }, "DeleteUser": { try $0.deleteUser($1) },
        "UpdateUser": { try $0.updateUser($1) },
        "TagUser": { try $0.tag($1, .user) }, "UntagUser": { try $0.untag($1, .user) }, "ListUserTags": { try $0.listTags($1, .user) },
        "CreateGroup": { try $0.createGroup($1) }, "GetGroup": { try $0.getGroup($1) }, "ListGroups": { try $0.listGroups($1) }, "DeleteGroup": { try $0.deleteGroup($1) },
        "AddUserToGroup": { try $0.addUserToGroup($1) }, "RemoveUserFromGroup": { try $0.removeUserFromGroup($1) },
        "ListGroupsForUser": { try $0.listGroupsForUser($1) },
        "CreateRole": { try $0.createRole($1) }, "GetRole": { try $0.getRole($1) }, "ListRoles": { try $0.listRoles($1) }, "DeleteRole": { try $0.deleteRole($1) },
        "UpdateRole": { try $0.updateRole($1) }, "UpdateRoleDescription": { try $0.updateRoleDescription($1) },
        "UpdateAssumeRolePolicy": { try $0.updateAssumeRolePolicy($1) },
        "TagRole": { try $0.tag($1, .role) }, "UntagRole": { try $0.untag($1, .role) }, "ListRoleTags": { try $0.listTags($1, .role) },
        "CreatePolicy": { try $0.createPolicy($1) }, "GetPolicy": { try $0.getPolicy($1) }, "ListPolicies": { try $0.listPolicies($1) },
        "DeletePolicy": { try $0.deletePolicy($1) }, "CreatePolicyVersion": { try $0.createPolicyVersion($1) },
        "GetPolicyVersion": { try $0.getPolicyVersion($1) }, "ListPolicyVersions": { try $0.listPolicyVersions($1) },
        "DeletePolicyVersion": { try $0.deletePolicyVersion($1) }, "SetDefaultPolicyVersion": { try $0.setDefaultPolicyVersion($1) },
        "TagPolicy": { try $0.tag($1, .policy) }, "UntagPolicy": { try $0.untag($1, .policy) }, "ListPolicyTags": { try $0.listTags($1, .policy) },
        "ListEntitiesForPolicy": { try $0.listEntitiesForPolicy($1) },
        "PutUserPolicy": { try $0.putInlinePolicy($1, .user) }, "GetUserPolicy": { try $0.getInlinePolicy($1, .user) },
        "ListUserPolicies": { try $0.listInlinePolicies($1, .user) }, "DeleteUserPolicy": { try $0.deleteInlinePolicy($1, .user) },
        "PutGroupPolicy": { try $0.putInlinePolicy($1, .group) }, "GetGroupPolicy": { try $0.getInlinePolicy($1, .group) },
        "ListGroupPolicies": { try $0.listInlinePolicies($1, .group) }, "DeleteGroupPolicy": { try $0.deleteInlinePolicy($1, .group) },
        "PutRolePolicy": { try $0.putInlinePolicy($1, .role) }, "GetRolePolicy": { try $0.getInlinePolicy($1, .role) },
        "ListRolePolicies": { try $0.listInlinePolicies($1, .role) }, "DeleteRolePolicy": { try $0.deleteInlinePolicy($1, .role) },
        "AttachUserPolicy": { try $0.attachPolicy($1, .user) }, "DetachUserPolicy": { try $0.detachPolicy($1, .user) },
        "ListAttachedUserPolicies": { try $0.listAttachedPolicies($1, .user) },
        "AttachGroupPolicy": { try $0.attachPolicy($1, .group) }, "DetachGroupPolicy": { try $0.detachPolicy($1, .group) },
        "ListAttachedGroupPolicies": { try $0.listAttachedPolicies($1, .group) },
        "AttachRolePolicy": { try $0.attachPolicy($1, .role) }, "DetachRolePolicy": { try $0.detachPolicy($1, .role) },
        "ListAttachedRolePolicies": { try $0.listAttachedPolicies($1, .role) },
        "CreateAccessKey": { try $0.createAccessKey($1) }, "ListAccessKeys": { try $0.listAccessKeys($1) }, "DeleteAccessKey": { try $0.deleteAccessKey($1) },
        "UpdateAccessKey": { try $0.updateAccessKey($1) }, "GetAccessKeyLastUsed": { try $0.getAccessKeyLastUsed($1) },
        "CreateInstanceProfile": { try $0.createInstanceProfile($1) }, "GetInstanceProfile": { try $0.getInstanceProfile($1) },
        "ListInstanceProfiles": { try $0.listInstanceProfiles($1) }, "DeleteInstanceProfile": { try $0.deleteInstanceProfile($1) },
        "AddRoleToInstanceProfile": { try $0.addRoleToInstanceProfile($1) },
        "RemoveRoleFromInstanceProfile": { try $0.removeRoleFromInstanceProfile($1) },
        "ListInstanceProfilesForRole": { try $0.listInstanceProfilesForRole($1) },
        "SimulateCustomPolicy": { try $0.simulateCustomPolicy($1) }, "SimulatePrincipalPolicy": { try $0.simulatePrincipalPolicy($1) },
    ]

    /// The operations of IAM's model Brume does not implement, for the README and the tests.
    static var unimplemented: [String] { IAMShapes.operations.keys.filter { operations[$0] == nil }.sorted() }
}
