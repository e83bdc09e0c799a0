/// IAM's policy language: validation of documents and AWS's evaluation logic.
///
/// Pure: a request context and the policies that apply go in, a decision comes out, so the
/// edge's `auth: iam`, IAM's policy simulator and the tests share one evaluator.
public enum IAMPolicy {}
