import BrumeIAMPolicy

/// IAM policy documents, as CreatePolicy, PutRolePolicy, CreateRole's trust policy and resource
/// policies read them, then evaluated against requests that exercise variables and conditions.
enum IAMPolicyTarget {
    static let summary = "A policy document, validated as identity, resource, trust and session policy; each accepted one evaluated against sample requests"

    static let context: RequestContext = {
        var context = RequestContext([
            "aws:username": "alice", "aws:userid": "AIDAEXAMPLE", "aws:SourceIp": "203.0.113.9",
            "aws:PrincipalArn": "arn:aws:iam::123456789012:user/alice", "aws:CurrentTime": "2026-12-07T12:00:00Z",
            "aws:EpochTime": "1796644800", "aws:SecureTransport": "true", "s3:prefix": "home/alice/",
            "s3:max-keys": "10",
        ])
        context["aws:TagKeys"] = ["env", "team"]
        return context
    }()

    static let requests: [AuthorizationRequest] = [
        AuthorizationRequest(
            principal: RequestPrincipal(kind: .user, arn: "arn:aws:iam::123456789012:user/alice", account: "123456789012"),
            action: "s3:GetObject", resource: "arn:aws:s3:::home/alice/file", context: context),
        AuthorizationRequest(
            principal: RequestPrincipal(kind: .assumedRole, arn: "arn:aws:sts::210987654321:assumed-role/app/s", account: "210987654321",
                                        roleARN: "arn:aws:iam::210987654321:role/app"),
            action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-1:123456789012:q", resourceAccount: "123456789012", context: context),
    ]

    static func run(_ data: [UInt8]) {
        let text = FuzzInput.text(data)
        for kind in [PolicyKind.identity, .resource, .trust, .session] {
            guard let document = try? PolicyDocument(parsing: text, kind: kind) else { continue }
            let policy = NamedPolicy(id: "fuzz", document: document)
            for request in requests {
                if kind == .identity || kind == .session {
                    _ = PolicyEvaluator.evaluate(request, identityPolicies: [policy], permissionsBoundary: policy, sessionPolicies: [policy])
                } else {
                    _ = PolicyEvaluator.evaluate(request, identityPolicies: [], resourcePolicy: policy)
                }
            }
        }
        _ = PolicySize.count(text)
    }
}
