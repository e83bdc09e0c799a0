import Testing
@testable import BrumeIAMPolicy

@Suite("Evaluation: Deny beats Allow beats the implicit deny; Action, Resource and their Not forms")
struct EvaluationTests {
    @Test func noPolicyIsAnImplicitDeny() {
        let result = PolicyEvaluator.evaluate(Fixtures.request("s3:GetObject"), identityPolicies: [])
        #expect(result.decision == .implicitDeny)
        #expect(result.matchedStatements.isEmpty)
    }

    @Test func anAllowAllows() throws {
        let policy = try Fixtures.statement(#""Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*""#)
        let result = PolicyEvaluator.evaluate(Fixtures.request("s3:GetObject", "arn:aws:s3:::b/k"), identityPolicies: [policy])
        #expect(result.decision == .allowed)
        #expect(result.matchedStatements == [MatchedStatement(policyID: "policy", index: 0, sid: nil, effect: .allow)])
    }

    @Test func anExplicitDenyWinsOverAnAllow() throws {
        let allow = try Fixtures.statement(#""Effect":"Allow","Action":"s3:*","Resource":"*""#)
        let deny = try Fixtures.identity(#"{"Version":"2012-10-17","Statement":[{"Sid":"NoDelete","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}"#, id: "deny")
        let result = PolicyEvaluator.evaluate(Fixtures.request("s3:DeleteObject", "arn:aws:s3:::b/k"), identityPolicies: [allow, deny])
        #expect(result.decision == .explicitDeny)
        #expect(result.matchedStatements == [MatchedStatement(policyID: "deny", index: 0, sid: "NoDelete", effect: .deny)])
        #expect(Fixtures.decide([allow, deny], Fixtures.request("s3:GetObject", "arn:aws:s3:::b/k")) == .allowed)
    }

    @Test func actionsIgnoreCase() throws {
        let policy = try Fixtures.statement(#""Effect":"Allow","Action":"S3:getobject","Resource":"*""#)
        #expect(Fixtures.decide([policy], Fixtures.request("s3:GetObject")) == .allowed)
    }

    @Test(arguments: [("s3:Get*", "s3:GetObject", true), ("s3:Get*", "s3:PutObject", false), ("s3:*Object", "s3:PutObject", true),
                      ("s3:?etObject", "s3:GetObject", true), ("s3:?etObject", "s3:GGetObject", false), ("*", "sqs:SendMessage", true),
                      ("s3:*", "s3x:Get", false), ("sqs:Send*Batch", "sqs:SendMessageBatch", true)])
    func actionWildcards(pattern: String, action: String, expected: Bool) throws {
        let policy = try Fixtures.statement(#""Effect":"Allow","Action":"\#(pattern)","Resource":"*""#)
        #expect((Fixtures.decide([policy], Fixtures.request(action)) == .allowed) == expected)
    }

    @Test func resourcesAreCaseSensitive() throws {
        let policy = try Fixtures.statement(#""Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::Bucket/*""#)
        #expect(Fixtures.decide([policy], Fixtures.request("s3:GetObject", "arn:aws:s3:::Bucket/k")) == .allowed)
        #expect(Fixtures.decide([policy], Fixtures.request("s3:GetObject", "arn:aws:s3:::bucket/k")) == .implicitDeny)
    }

    @Test func resourceWildcardsStayInsideTheirARNPart() throws {
        let policy = try Fixtures.statement(#""Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:*:123456789012:q-*""#)
        #expect(Fixtures.decide([policy], Fixtures.request("sqs:SendMessage", "arn:aws:sqs:eu-west-1:123456789012:q-1")) == .allowed)
        #expect(Fixtures.decide([policy], Fixtures.request("sqs:SendMessage", "arn:aws:sqs:eu-west-1:210987654321:q-1")) == .implicitDeny)
        let star = try Fixtures.statement(#""Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/*/x?""#)
        #expect(Fixtures.decide([star], Fixtures.request("s3:GetObject", "arn:aws:s3:::b/a/b:c/x1")) == .allowed)
        #expect(Fixtures.decide([star], Fixtures.request("s3:GetObject", "arn:aws:s3:::b/a/x12")) == .implicitDeny)
    }

    @Test func notActionAllowsEverythingElse() throws {
        let policy = try Fixtures.statement(#""Effect":"Allow","NotAction":"iam:*","Resource":"*""#)
        #expect(Fixtures.decide([policy], Fixtures.request("s3:GetObject")) == .allowed)
        #expect(Fixtures.decide([policy], Fixtures.request("iam:CreateUser")) == .implicitDeny)
    }

    @Test func notActionWithDenyDeniesEverythingElse() throws {
        let allow = try Fixtures.statement(#""Effect":"Allow","Action":"*","Resource":"*""#)
        let deny = try Fixtures.statement(#""Effect":"Deny","NotAction":["iam:Get*","iam:List*"],"Resource":"*""#)
        #expect(Fixtures.decide([allow, deny], Fixtures.request("iam:GetUser")) == .allowed)
        #expect(Fixtures.decide([allow, deny], Fixtures.request("iam:DeleteUser")) == .explicitDeny)
    }

    @Test func notResourceMatchesEveryOtherResource() throws {
        let policy = try Fixtures.statement(#""Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*""#)
        #expect(Fixtures.decide([policy], Fixtures.request("s3:GetObject", "arn:aws:s3:::public/k")) == .allowed)
        #expect(Fixtures.decide([policy], Fixtures.request("s3:GetObject", "arn:aws:s3:::secret/k")) == .implicitDeny)
    }

    @Test func manyStatementsAreAnyOf() throws {
        let policy = try Fixtures.identity(#"""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a/*"},
              {"Sid":"Write","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}
            """#)
        #expect(Fixtures.decide([policy], Fixtures.request("s3:PutObject", "arn:aws:s3:::b/k")) == .allowed)
        #expect(Fixtures.decide([policy], Fixtures.request("s3:PutObject", "arn:aws:s3:::a/k")) == .implicitDeny)
        let result = PolicyEvaluator.evaluate(Fixtures.request("s3:PutObject", "arn:aws:s3:::b/k"), identityPolicies: [policy])
        #expect(result.matchedStatements.map(\.sid) == ["Write"])
    }

    @Test func theRootUserIsAllowedUnlessDenied() throws {
        let root = RequestPrincipal.root(account: Fixtures.account)
        #expect(Fixtures.decide([], Fixtures.request("iam:CreateUser", principal: root)) == .allowed)
        let deny = try Fixtures.resource(#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}}"#)
        let result = PolicyEvaluator.evaluate(Fixtures.request("s3:GetObject", "arn:aws:s3:::b/k", principal: root), identityPolicies: [], resourcePolicy: deny)
        #expect(result.decision == .explicitDeny)
    }

    @Test func aPermissionsBoundaryCapsIdentityPolicies() throws {
        let allow = try Fixtures.statement(#""Effect":"Allow","Action":"*","Resource":"*""#)
        let boundary = try Fixtures.statement(#""Effect":"Allow","Action":"s3:*","Resource":"*""#)
        let s3 = PolicyEvaluator.evaluate(Fixtures.request("s3:GetObject"), identityPolicies: [allow], permissionsBoundary: boundary)
        let iam = PolicyEvaluator.evaluate(Fixtures.request("iam:CreateUser"), identityPolicies: [allow], permissionsBoundary: boundary)
        #expect(s3.decision == .allowed)
        #expect(iam.decision == .implicitDeny)
    }

    @Test func sessionPoliciesCapIdentityPolicies() throws {
        let allow = try Fixtures.statement(#""Effect":"Allow","Action":"*","Resource":"*""#)
        let session = try Fixtures.statement(#""Effect":"Allow","Action":"sqs:*","Resource":"*""#)
        #expect(PolicyEvaluator.evaluate(Fixtures.request("sqs:SendMessage"), identityPolicies: [allow], sessionPolicies: [session]).decision == .allowed)
        #expect(PolicyEvaluator.evaluate(Fixtures.request("s3:GetObject"), identityPolicies: [allow], sessionPolicies: [session]).decision == .implicitDeny)
    }
}

@Suite("Identity and resource policies, in one account and across accounts")
struct ResourcePolicyTests {
    let bucketPolicyForBob = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:user/bob"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#

    @Test func sameAccountEitherPolicyAllows() throws {
        let resource = try Fixtures.resource(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#)
        let result = PolicyEvaluator.evaluate(
            Fixtures.request("s3:GetObject", "arn:aws:s3:::b/k", resourceAccount: Fixtures.account), identityPolicies: [], resourcePolicy: resource)
        #expect(result.decision == .allowed)
        #expect(result.matchedStatements.map(\.policyID) == ["resource-policy"])
    }

    @Test func crossAccountNeedsBothPolicies() throws {
        let resource = try Fixtures.resource(bucketPolicyForBob)
        let request = Fixtures.request("s3:GetObject", "arn:aws:s3:::b/k", principal: Fixtures.bob, resourceAccount: Fixtures.account)
        #expect(PolicyEvaluator.evaluate(request, identityPolicies: [], resourcePolicy: resource).decision == .implicitDeny)
        let identity = try Fixtures.statement(#""Effect":"Allow","Action":"s3:GetObject","Resource":"*""#)
        #expect(PolicyEvaluator.evaluate(request, identityPolicies: [identity], resourcePolicy: resource).decision == .allowed)
        #expect(PolicyEvaluator.evaluate(request, identityPolicies: [identity]).decision == .implicitDeny)
    }

    @Test func accountPrincipalsMatchEveryoneInTheAccount() throws {
        let resource = try Fixtures.resource(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"210987654321"},"Action":"sqs:SendMessage","Resource":"*"}}"#)
        let identity = try Fixtures.statement(#""Effect":"Allow","Action":"sqs:*","Resource":"*""#)
        let request = Fixtures.request("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:q", principal: Fixtures.bob, resourceAccount: Fixtures.account)
        #expect(PolicyEvaluator.evaluate(request, identityPolicies: [identity], resourcePolicy: resource).decision == .allowed)
        let stranger = RequestPrincipal(kind: .user, arn: "arn:aws:iam::555555555555:user/eve", account: "555555555555")
        let other = Fixtures.request("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:q", principal: stranger, resourceAccount: Fixtures.account)
        #expect(PolicyEvaluator.evaluate(other, identityPolicies: [identity], resourcePolicy: resource).decision == .implicitDeny)
    }

    @Test func roleSessionsMatchTheirRole() throws {
        let resource = try Fixtures.resource(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/app"},"Action":"s3:*","Resource":"*"}}"#)
        let session = RequestPrincipal(kind: .assumedRole, arn: "arn:aws:sts::123456789012:assumed-role/app/s1", account: Fixtures.account,
                                       roleARN: "arn:aws:iam::123456789012:role/app")
        #expect(PolicyEvaluator.evaluate(Fixtures.request("s3:GetObject", principal: session), identityPolicies: [], resourcePolicy: resource).decision == .allowed)
    }

    @Test func serviceAndAnonymousPrincipals() throws {
        let resource = try Fixtures.resource(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*"},{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::public/*"}]}"#)
        let sns = RequestPrincipal(kind: .service, arn: "sns.amazonaws.com", account: "")
        let events = RequestPrincipal(kind: .service, arn: "events.amazonaws.com", account: "")
        let anonymous = RequestPrincipal(kind: .anonymous, arn: "*", account: "")
        #expect(PolicyEvaluator.evaluate(Fixtures.request("sqs:SendMessage", principal: sns, resourceAccount: Fixtures.account), identityPolicies: [], resourcePolicy: resource).decision == .allowed)
        #expect(PolicyEvaluator.evaluate(Fixtures.request("sqs:SendMessage", principal: events, resourceAccount: Fixtures.account), identityPolicies: [], resourcePolicy: resource).decision == .implicitDeny)
        #expect(PolicyEvaluator.evaluate(Fixtures.request("s3:GetObject", "arn:aws:s3:::public/x", principal: anonymous, resourceAccount: Fixtures.account), identityPolicies: [], resourcePolicy: resource).decision == .allowed)
    }

    @Test func notPrincipalDeniesEveryoneElse() throws {
        let resource = try Fixtures.resource(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"s3:DeleteObject","Resource":"*"}]}"#)
        let carol = RequestPrincipal(kind: .user, arn: "arn:aws:iam::123456789012:user/carol", account: Fixtures.account)
        #expect(PolicyEvaluator.evaluate(Fixtures.request("s3:DeleteObject"), identityPolicies: [], resourcePolicy: resource).decision == .allowed)
        #expect(PolicyEvaluator.evaluate(Fixtures.request("s3:DeleteObject", principal: carol), identityPolicies: [], resourcePolicy: resource).decision == .explicitDeny)
    }

    @Test func trustPoliciesDecideWhoAssumesARole() throws {
        let trust = NamedPolicy(id: "trust", document: try PolicyDocument(parsing: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}}"#, kind: .trust))
        let request = Fixtures.request("sts:AssumeRole", "arn:aws:iam::123456789012:role/app", resourceAccount: Fixtures.account)
        #expect(PolicyEvaluator.evaluate(request, identityPolicies: [], resourcePolicy: trust).decision == .allowed)
        #expect(PolicyEvaluator.evaluate(Fixtures.request("sts:AssumeRole", principal: Fixtures.bob, resourceAccount: Fixtures.account), identityPolicies: [], resourcePolicy: trust).decision == .implicitDeny)
    }
}
