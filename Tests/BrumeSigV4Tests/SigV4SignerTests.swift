import BrumeSigV4
import Foundation
import Testing

/// The signer against known answers: AWS's SigV4 test suite (`get-vanilla`) and the S3
/// documentation's GET Object example, then round trips through the verifier.
@Suite struct SigV4SignerTests {
    /// `get-vanilla` from AWS's Signature Version 4 test suite: `GET /` to example.amazonaws.com
    /// at 2015-08-30T12:36:00Z, service `service`.
    @Test func awsTestSuiteGetVanilla() {
        let signer = SigV4Signer(
            accessKeyID: "AKIDEXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", region: "us-east-1", service: "service"
        )
        let headers = signer.sign(
            method: "GET", host: "example.amazonaws.com", path: "/", headers: [],
            payloadHash: SigV4.emptySHA256, date: Date(timeIntervalSince1970: 1_440_938_160)
        )
        #expect(headers.first { $0.name == "x-amz-date" }?.value == "20150830T123600Z")
        #expect(headers.last?.name == "Authorization")
        #expect(headers.last?.value == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    /// The S3 documentation's GET Object with a Range header gives its published signature.
    @Test func s3DocumentationGetObject() {
        let signer = SigV4Signer(accessKeyID: Fixtures.accessKey, secret: Fixtures.secret, region: "us-east-1", service: "s3")
        let headers = signer.sign(
            method: "GET", host: Fixtures.host, path: "/test.txt",
            headers: [("Range", "bytes=0-9")], payloadHash: Fixtures.emptyHash, date: Fixtures.signingDate
        )
        #expect(headers.first { $0.name == "x-amz-content-sha256" }?.value == Fixtures.emptyHash)
        #expect(headers.last?.value.hasSuffix("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41") == true)
    }

    /// A JSON-protocol request with a body, a query and a port in the host verifies.
    @Test func signedRequestVerifies() throws {
        let body = Array(#"{"QueueUrl":"http://127.0.0.1:4566/000000000000/q"}"#.utf8)
        let signer = SigV4Signer(accessKeyID: Fixtures.accessKey, secret: Fixtures.secret, region: "eu-west-1", service: "sqs")
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let headers = signer.sign(
            method: "POST", host: "127.0.0.1:4566", path: "/a b", query: [("x", "1 2")],
            headers: [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "AmazonSQS.SendMessage")],
            payloadHash: SigV4.payloadHash(body), date: now
        )
        let request = SigV4Request(method: "POST", path: "/a b", query: [("x", "1 2")], headers: headers, payloadHash: SigV4.payloadHash(body))
        let scope = SigV4Scope(accessKeyID: Fixtures.accessKey, date: "20231114", region: "eu-west-1", service: "sqs")
        #expect(Fixtures.verifier.verify(request, now: now) == .valid(scope))

        var tampered = request
        tampered.payloadHash = SigV4.payloadHash(Array("{}".utf8))
        guard case .signatureMismatch = Fixtures.verifier.verify(tampered, now: now) else {
            Issue.record("a changed body must not verify")
            return
        }
    }
}
