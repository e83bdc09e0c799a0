/// IAM's policy language: validation of documents and AWS's evaluation logic.
///
/// Pure: a request context and the policies that apply go in, a decision comes out, so the
/// edge's `auth: iam`, IAM's policy simulator and the tests share one evaluator.
///
/// ```swift
/// let policy = try PolicyDocument(parsing: text, kind: .identity)
/// let request = AuthorizationRequest(principal: .user(...), action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
/// PolicyEvaluator.evaluate(request, identityPolicies: [NamedPolicy(id: "p", document: policy)]).decision
/// ```
public enum IAMPolicy {}
