import BrumeCore
import BrumeEdge
import BrumeWire
import Foundation
import Testing
@testable import BrumeIAM

/// IAM and STS operations run directly against an in-memory backend on a manual clock.
struct IAMFixture {
    let clock = ManualWallClock(Date(timeIntervalSince1970: 1_800_000_000))
    let backend: IAMBackend
    let iam: IAMService
    let sts: STSService
    static let account = "000000000000"
    static let root = Caller(accessKeyID: "test", accountID: account, region: "us-east-1")

    init(folder: URL? = nil) throws {
        backend = try IAMBackend(folder: folder, clock: clock)
        iam = IAMService(config: StackConfig(), backend: backend)
        sts = STSService(config: StackConfig(), backend: backend)
    }

    @discardableResult
    func call(_ operation: String, _ input: JSONObject = [:], as caller: Caller = root) throws(IAMError) -> JSONValue? {
        try iam.perform(IAMCall(operation: operation, input: input, caller: caller, sourceIP: nil))
    }

    @discardableResult
    func sts(_ operation: String, _ input: JSONObject = [:], as caller: Caller = root) throws(IAMError) -> JSONValue? {
        try sts.perform(IAMCall(operation: operation, input: input, caller: caller, sourceIP: nil))
    }

    /// The AWS error code `body` fails with, or nil when it succeeds.
    func code(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as IAMError {
            return error.awsError.code
        } catch {
            return "\(error)"
        }
    }

    static let allowAll = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#
    static func trust(_ principal: String) -> String {
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":\#(principal),"Action":"sts:AssumeRole"}}"#
    }
}

@Suite("IAM operations")
struct IAMServiceTests {
    @Test func usersHaveAWSIdsAndARNs() throws {
        let fixture = try IAMFixture()
        let user = try fixture.call("CreateUser", ["UserName": "alice", "Path": "/a/"])?["User"]
        #expect(user?["Arn"]?.stringValue == "arn:aws:iam::000000000000:user/a/alice")
        #expect(user?["UserId"]?.stringValue?.hasPrefix("AIDA") == true)
        #expect(user?["UserId"]?.stringValue?.count == 21)
        #expect(fixture.code { try fixture.call("CreateUser", ["UserName": "alice"]) } == "EntityAlreadyExists")
        #expect(fixture.code { try fixture.call("GetUser", ["UserName": "bob"]) } == "NoSuchEntity")
        #expect(fixture.code { try fixture.call("CreateUser", [:]) } == "ValidationError")
        #expect(fixture.code { try fixture.call("CreateUser", ["UserName": "a/b"]) } == "ValidationError")
        #expect(fixture.code { try fixture.call("CreateUser", ["UserName": "c", "Path": "nope"]) } == "ValidationError")
    }

    @Test func listsPaginateWithMarkers() throws {
        let fixture = try IAMFixture()
        for name in ["u1", "u2", "u3"] { try fixture.call("CreateUser", ["UserName": .string(name)]) }
        let first = try fixture.call("ListUsers", ["MaxItems": 2])
        #expect(first?["Users"]?.arrayValue?.compactMap { $0["UserName"]?.stringValue } == ["u1", "u2"])
        #expect(first?["IsTruncated"]?.boolValue == true)
        let marker = try #require(first?["Marker"]?.stringValue)
        let second = try fixture.call("ListUsers", ["MaxItems": 2, "Marker": .string(marker)])
        #expect(second?["Users"]?.arrayValue?.compactMap { $0["UserName"]?.stringValue } == ["u3"])
        #expect(second?["IsTruncated"]?.boolValue == false)
        #expect(fixture.code { try fixture.call("ListUsers", ["MaxItems": 0]) } == "ValidationError")
    }

    @Test func managedPoliciesKeepFiveVersions() throws {
        let fixture = try IAMFixture()
        let arn = try #require(try fixture.call("CreatePolicy", ["PolicyName": "p", "PolicyDocument": .string(IAMFixture.allowAll)])?["Policy"]?["Arn"]?.stringValue)
        for _ in 2...5 { try fixture.call("CreatePolicyVersion", ["PolicyArn": .string(arn), "PolicyDocument": .string(IAMFixture.allowAll)]) }
        #expect(fixture.code { try fixture.call("CreatePolicyVersion", ["PolicyArn": .string(arn), "PolicyDocument": .string(IAMFixture.allowAll)]) } == "LimitExceeded")
        #expect(fixture.code { try fixture.call("DeletePolicyVersion", ["PolicyArn": .string(arn), "VersionId": "v1"]) } == "DeleteConflict")
        try fixture.call("DeletePolicyVersion", ["PolicyArn": .string(arn), "VersionId": "v2"])
        let next = try fixture.call("CreatePolicyVersion", ["PolicyArn": .string(arn), "PolicyDocument": .string(IAMFixture.allowAll), "SetAsDefault": true])
        #expect(next?["PolicyVersion"]?["VersionId"]?.stringValue == "v6")
        #expect(try fixture.call("GetPolicy", ["PolicyArn": .string(arn)])?["Policy"]?["DefaultVersionId"]?.stringValue == "v6")
        #expect(fixture.code { try fixture.call("CreatePolicy", ["PolicyName": "bad", "PolicyDocument": "{}"]) } == "MalformedPolicyDocument")
    }

    @Test func inlinePoliciesCountTowardsTheIdentitysLimit() throws {
        let fixture = try IAMFixture()
        try fixture.call("CreateUser", ["UserName": "u"])
        let actions = (0..<200).map { "\"s3:Action\($0)\"" }.joined(separator: ",")
        let big = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":[\#(actions)],"Resource":"*"}}"#
        #expect(fixture.code { try fixture.call("PutUserPolicy", ["UserName": "u", "PolicyName": "big", "PolicyDocument": .string(big)]) } == "LimitExceeded")
        try fixture.call("PutUserPolicy", ["UserName": "u", "PolicyName": "small", "PolicyDocument": .string(IAMFixture.allowAll)])
        let listed = try fixture.call("ListUserPolicies", ["UserName": "u"])
        #expect(listed?["PolicyNames"] == ["small"])
    }

    @Test func awsManagedPoliciesAreAttachableAndOthersAreNot() throws {
        let fixture = try IAMFixture()
        try fixture.call("CreateRole", ["RoleName": "r", "AssumeRolePolicyDocument": .string(IAMFixture.trust(#"{"Service":"lambda.amazonaws.com"}"#))])
        try fixture.call("AttachRolePolicy", ["RoleName": "r", "PolicyArn": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"])
        #expect(fixture.code { try fixture.call("AttachRolePolicy", ["RoleName": "r", "PolicyArn": "arn:aws:iam::aws:policy/NoSuchPolicy"]) } == "NoSuchEntity")
        #expect(fixture.code { try fixture.call("DeleteRole", ["RoleName": "r"]) } == "DeleteConflict")
    }

    @Test func unimplementedOperationsAreRefused() throws {
        let fixture = try IAMFixture()
        #expect(fixture.code { try fixture.call("CreateServiceLinkedRole", ["AWSServiceName": "elasticbeanstalk.amazonaws.com"]) } == "NotImplemented")
        #expect(fixture.code { try fixture.sts("GetFederationToken", ["Name": "n"]) } == "NotImplemented")
        #expect(IAMService.unimplemented.contains("CreateServiceLinkedRole"))
        #expect(!IAMService.unimplemented.contains("CreateUser"))
    }

    @Test func instanceProfilesHoldOneRole() throws {
        let fixture = try IAMFixture()
        try fixture.call("CreateRole", ["RoleName": "r", "AssumeRolePolicyDocument": .string(IAMFixture.trust(#"{"Service":"ec2.amazonaws.com"}"#))])
        let profile = try fixture.call("CreateInstanceProfile", ["InstanceProfileName": "ip"])?["InstanceProfile"]
        #expect(profile?["InstanceProfileId"]?.stringValue?.hasPrefix("AIPA") == true)
        #expect(profile?["Arn"]?.stringValue == "arn:aws:iam::000000000000:instance-profile/ip")
        try fixture.call("AddRoleToInstanceProfile", ["InstanceProfileName": "ip", "RoleName": "r"])
        #expect(fixture.code { try fixture.call("AddRoleToInstanceProfile", ["InstanceProfileName": "ip", "RoleName": "r"]) } == "LimitExceeded")
        #expect(try fixture.call("GetInstanceProfile", ["InstanceProfileName": "ip"])?["InstanceProfile"]?["Roles"]?.arrayValue?.count == 1)
        #expect(fixture.code { try fixture.call("DeleteRole", ["RoleName": "r"]) } == "DeleteConflict")
        #expect(fixture.code { try fixture.call("DeleteInstanceProfile", ["InstanceProfileName": "ip"]) } == "DeleteConflict")
        try fixture.call("RemoveRoleFromInstanceProfile", ["InstanceProfileName": "ip", "RoleName": "r"])
        try fixture.call("DeleteInstanceProfile", ["InstanceProfileName": "ip"])
        #expect(fixture.code { try fixture.call("GetInstanceProfile", ["InstanceProfileName": "ip"]) } == "NoSuchEntity")
    }

    @Test func usersRolesAndPoliciesTakeTags() throws {
        let fixture = try IAMFixture()
        try fixture.call("CreateUser", ["UserName": "u"])
        try fixture.call("CreateRole", ["RoleName": "r", "AssumeRolePolicyDocument": .string(IAMFixture.trust(#"{"AWS":"000000000000"}"#))])
        let arn = try #require(try fixture.call("CreatePolicy", ["PolicyName": "p", "PolicyDocument": .string(IAMFixture.allowAll)])?["Policy"]?["Arn"]?.stringValue)
        for (tag, untag, list, key, id) in [("TagUser", "UntagUser", "ListUserTags", "UserName", "u"), ("TagRole", "UntagRole", "ListRoleTags", "RoleName", "r"),
                                            ("TagPolicy", "UntagPolicy", "ListPolicyTags", "PolicyArn", arn)] {
            try fixture.call(tag, [key: .string(id), "Tags": [["Key": "a", "Value": "1"], ["Key": "b", "Value": "2"]]])
            try fixture.call(tag, [key: .string(id), "Tags": [["Key": "a", "Value": "3"]]])
            try fixture.call(untag, [key: .string(id), "TagKeys": ["b"]])
            #expect(try fixture.call(list, [key: .string(id)])?["Tags"] == [["Key": "a", "Value": "3"]])
            #expect(fixture.code { try fixture.call(tag, [key: "missing", "Tags": [["Key": "a", "Value": "1"]]]) } == "NoSuchEntity")
        }
        let many: JSONValue = .array((0..<51).map { ["Key": .string("k\($0)"), "Value": "v"] })
        #expect(fixture.code { try fixture.call("TagUser", ["UserName": "u", "Tags": many]) } == "LimitExceeded")
    }

    @Test func stateSurvivesAReopen() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iam-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try IAMFixture(folder: folder).call("CreateUser", ["UserName": "kept"])
        let reopened = try IAMFixture(folder: folder)
        #expect(try reopened.call("GetUser", ["UserName": "kept"])?["User"]?["UserName"]?.stringValue == "kept")
    }
}

@Suite("STS and issued credentials")
struct STSServiceTests {
    @Test func accessKeysAreIssuedCredentialsWhileActive() throws {
        let fixture = try IAMFixture()
        try fixture.call("CreateUser", ["UserName": "u"])
        let key = try fixture.call("CreateAccessKey", ["UserName": "u"])?["AccessKey"]
        let id = try #require(key?["AccessKeyId"]?.stringValue)
        #expect(id.hasPrefix("AKIA") && id.count == 20)
        let credential = fixture.backend.credential(forAccessKey: id, at: fixture.clock.now())
        #expect(credential == IssuedCredential(secret: key?["SecretAccessKey"]?.stringValue ?? "", accountID: IAMFixture.account, sessionToken: nil))
        let asUser = Caller(accessKeyID: id, accountID: IAMFixture.account, region: "us-east-1")
        #expect(try fixture.sts("GetCallerIdentity", as: asUser)?["Arn"]?.stringValue == "arn:aws:iam::000000000000:user/u")
        try fixture.call("UpdateAccessKey", ["UserName": "u", "AccessKeyId": .string(id), "Status": "Inactive"])
        #expect(fixture.backend.credential(forAccessKey: id, at: fixture.clock.now()) == nil)
    }

    @Test func rootCallerIdentity() throws {
        let fixture = try IAMFixture()
        let identity = try fixture.sts("GetCallerIdentity")
        #expect(identity == ["UserId": "000000000000", "Account": "000000000000", "Arn": "arn:aws:iam::000000000000:root"])
    }

    @Test func sessionsExpireOnTheStackClock() throws {
        let fixture = try IAMFixture()
        try fixture.call("CreateRole", ["RoleName": "r", "AssumeRolePolicyDocument": .string(IAMFixture.trust(#"{"AWS":"000000000000"}"#))])
        let assumed = try fixture.sts("AssumeRole", ["RoleArn": "arn:aws:iam::000000000000:role/r", "RoleSessionName": "s1", "DurationSeconds": 900])
        let id = try #require(assumed?["Credentials"]?["AccessKeyId"]?.stringValue)
        #expect(id.hasPrefix("ASIA"))
        #expect(assumed?["Credentials"]?["Expiration"] == .double(1_800_000_900))
        let session = Caller(accessKeyID: id, accountID: IAMFixture.account, region: "us-east-1")
        #expect(try fixture.sts("GetCallerIdentity", as: session)?["Arn"]?.stringValue == "arn:aws:sts::000000000000:assumed-role/r/s1")
        #expect(fixture.backend.credential(forAccessKey: id, at: fixture.clock.now())?.sessionToken != nil)
        fixture.clock.advance(by: 901)
        #expect(fixture.code { try fixture.sts("GetCallerIdentity", as: session) } == "ExpiredToken")
        #expect(fixture.backend.credential(forAccessKey: id, at: fixture.clock.now()) == nil)
        #expect(fixture.code { try fixture.sts("GetCallerIdentity", as: Caller(accessKeyID: "ASIAUNKNOWN", accountID: IAMFixture.account, region: "us-east-1")) } == "InvalidClientTokenId")
    }

    @Test func trustPoliciesDecide() throws {
        let fixture = try IAMFixture()
        try fixture.call("CreateRole", ["RoleName": "svc", "AssumeRolePolicyDocument": .string(IAMFixture.trust(#"{"Service":"lambda.amazonaws.com"}"#))])
        #expect(fixture.code { try fixture.sts("AssumeRole", ["RoleArn": "arn:aws:iam::000000000000:role/svc", "RoleSessionName": "s1"]) } == "AccessDenied")
        try fixture.call("CreateRole", ["RoleName": "ext", "AssumeRolePolicyDocument": .string(
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"000000000000"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"secret"}}}}"#)])
        #expect(fixture.code { try fixture.sts("AssumeRole", ["RoleArn": "arn:aws:iam::000000000000:role/ext", "RoleSessionName": "s1"]) } == "AccessDenied")
        #expect(fixture.code { try fixture.sts("AssumeRole", ["RoleArn": "arn:aws:iam::000000000000:role/ext", "RoleSessionName": "s1", "ExternalId": "secret"]) } == nil)
        #expect(fixture.code { try fixture.sts("AssumeRole", ["RoleArn": "arn:aws:iam::000000000000:role/ext", "RoleSessionName": "s1", "ExternalId": "secret", "DurationSeconds": 7200]) } == "ValidationError")
    }

    @Test func simulatorUsesThePrincipalsPolicies() throws {
        let fixture = try IAMFixture()
        try fixture.call("CreateUser", ["UserName": "u"])
        try fixture.call("PutUserPolicy", ["UserName": "u", "PolicyName": "p", "PolicyDocument": .string(
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"NoDelete","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}"#)])
        let results = try fixture.call("SimulatePrincipalPolicy", ["PolicySourceArn": "arn:aws:iam::000000000000:user/u",
                                                                    "ActionNames": ["s3:GetObject", "s3:DeleteObject", "sqs:SendMessage"]])?["EvaluationResults"]?.arrayValue
        #expect(results?.compactMap { $0["EvalDecision"]?.stringValue } == ["allowed", "explicitDeny", "implicitDeny"])
        #expect(results?[1]["MatchedStatements"]?.arrayValue?.first?["SourcePolicyId"] == "p")
    }
}

@Suite("XML-safe text")
struct XMLSafeTextTests {
    @Test func forbiddenCharactersBecomeReplacementCharacters() {
        #expect(XMLSafeText.sanitized("a\u{0}b\u{1F}c\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect(XMLSafeText.sanitized("tab\tline\nreturn\r é") == "tab\tline\nreturn\r é")
        #expect(XMLSafeText.sanitized(JSONValue.array(["\u{8}"])) == .array(["\u{FFFD}"]))
    }
}
