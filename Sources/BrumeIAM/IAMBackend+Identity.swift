import BrumeEdge
import BrumeIAMPolicy

/// Who a request's access key belongs to.
struct CallerIdentity {
    enum Kind {
        /// The account's root user: the credentials in `localstack.yml`, or any key a relaxed stack accepts.
        case root
        case user(IAMUser)
        case session(IAMSession)
    }

    let kind: Kind
    let account: String
    let arn: String
    let userID: String

    /// The principal the evaluator sees.
    var principal: RequestPrincipal {
        switch kind {
        case .root: .root(account: account)
        case .user: RequestPrincipal(kind: .user, arn: arn, account: account)
        case .session(let session):
            session.roleARN == nil
                ? RequestPrincipal(kind: .user, arn: arn, account: account)
                : RequestPrincipal(kind: .assumedRole, arn: arn, account: account, roleARN: session.roleARN)
        }
    }
}

extension IAMBackend {
    /// The identity behind `caller`'s access key.
    /// - Parameter configured: whether the key is one of the config's credentials (always root).
    /// - Throws: `ExpiredToken` for an expired session, `InvalidClientTokenId` for an unknown one.
    func identify(_ caller: Caller, configured: Bool) throws(IAMError) -> CallerIdentity {
        let account = caller.accountID
        guard let key = caller.accessKeyID, !configured else {
            return CallerIdentity(kind: .root, account: account, arn: "arn:aws:iam::\(account):root", userID: account)
        }
        if let session = session(key) {
            guard session.expiration > now else { throw .expiredToken }
            return CallerIdentity(kind: .session(session), account: session.account, arn: session.arn, userID: session.userID)
        }
        if let (keyAccount, accessKey) = accessKey(key) {
            guard let user = read(keyAccount, { $0.users[accessKey.userName] }) else { throw .invalidClientTokenID }
            return CallerIdentity(kind: .user(user), account: keyAccount,
                                  arn: IAMRendering.arn(keyAccount, "user", path: user.path, name: user.name), userID: user.id)
        }
        // Temporary keys Brume did not issue (or forgot) are refused; any other key acts as root.
        if key.hasPrefix("ASIA") { throw .invalidClientTokenID }
        return CallerIdentity(kind: .root, account: account, arn: "arn:aws:iam::\(account):root", userID: account)
    }

    /// What IAM holds, for `/_brume/resources`.
    func summary() -> [String: [String]] {
        state.withLock { state in
            var users: [String] = [], roles: [String] = [], groups: [String] = [], policies: [String] = []
            for (account, holdings) in state.accounts {
                users += holdings.users.values.map { IAMRendering.arn(account, "user", path: $0.path, name: $0.name) }
                roles += holdings.roles.values.map { IAMRendering.arn(account, "role", path: $0.path, name: $0.name) }
                groups += holdings.groups.values.map { IAMRendering.arn(account, "group", path: $0.path, name: $0.name) }
                policies += holdings.policies.keys
            }
            return ["users": users.sorted(), "roles": roles.sorted(), "groups": groups.sorted(), "policies": policies.sorted()]
        }
    }
}
