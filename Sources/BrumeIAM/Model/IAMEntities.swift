import Foundation

/// One tag, kept in the order it was added, as IAM lists them.
struct IAMTag: Codable, Equatable, Sendable {
    var key: String
    var value: String
}

/// An IAM user.
struct IAMUser: Codable, Sendable {
    var name: String
    var path: String
    var id: String
    var created: Double
    var tags: [IAMTag] = []
    var inlinePolicies: [String: String] = [:]
    var attachedPolicies: [String] = []
    var permissionsBoundary: String?
}

/// An IAM group; members by user name.
struct IAMGroup: Codable, Sendable {
    var name: String
    var path: String
    var id: String
    var created: Double
    var members: [String] = []
    var inlinePolicies: [String: String] = [:]
    var attachedPolicies: [String] = []
}

/// An IAM role and its trust policy.
struct IAMRole: Codable, Sendable {
    var name: String
    var path: String
    var id: String
    var created: Double
    var trustPolicy: String
    var description: String?
    var maxSessionDuration: Int = 3600
    var tags: [IAMTag] = []
    var inlinePolicies: [String: String] = [:]
    var attachedPolicies: [String] = []
    var permissionsBoundary: String?
}

/// One version of a managed policy.
struct IAMPolicyVersion: Codable, Sendable {
    var id: String
    var document: String
    var created: Double
}

/// A customer managed policy with its versions.
struct IAMManagedPolicy: Codable, Sendable {
    var name: String
    var path: String
    var id: String
    var created: Double
    var updated: Double
    var description: String?
    var versions: [IAMPolicyVersion]
    var defaultVersion: String
    /// The number the next version takes (`v{n}`); IAM never reuses a number.
    var nextVersion: Int
    var tags: [IAMTag] = []
}

/// A long-term access key of a user, or of the account root when `userName` is nil.
struct IAMAccessKey: Codable, Sendable {
    var id: String
    var secret: String
    var userName: String
    var status: String
    var created: Double
}

/// Temporary credentials from AssumeRole or GetSessionToken.
struct IAMSession: Codable, Sendable {
    var accessKeyID: String
    var secret: String
    var token: String
    var expiration: Double
    var account: String
    /// `arn:aws:sts::…:assumed-role/role/session`, or the user's ARN for GetSessionToken.
    var arn: String
    /// `AROA…:session` for a role session, the user id for GetSessionToken.
    var userID: String
    var roleARN: String?
    var sessionPolicy: String?
}

/// An instance profile: a container for one role that EC2 instances take on.
struct IAMInstanceProfile: Codable, Sendable {
    var name: String
    var path: String
    var id: String
    var created: Double
    var roles: [String] = []
    var tags: [IAMTag] = []
}

/// Everything IAM holds for one account.
struct IAMAccount: Codable, Sendable {
    var users: [String: IAMUser] = [:]
    var groups: [String: IAMGroup] = [:]
    var roles: [String: IAMRole] = [:]
    /// Customer managed policies by ARN.
    var policies: [String: IAMManagedPolicy] = [:]
    var accessKeys: [String: IAMAccessKey] = [:]
    /// How many entities each AWS managed policy is attached to, by ARN.
    var awsPolicyAttachments: [String: Int] = [:]
    /// Optional so state written before instance profiles existed still reads.
    var storedInstanceProfiles: [String: IAMInstanceProfile]?

    var instanceProfiles: [String: IAMInstanceProfile] {
        get { storedInstanceProfiles ?? [:] }
        set { storedInstanceProfiles = newValue }
    }
}

/// IAM's whole state, as `<data>/iam/state.json` holds it.
struct IAMState: Codable, Sendable {
    var accounts: [String: IAMAccount] = [:]
    var sessions: [String: IAMSession] = [:]
}
