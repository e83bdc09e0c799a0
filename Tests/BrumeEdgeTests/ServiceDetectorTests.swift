@testable import BrumeEdge
import Testing

@Suite("ServiceDetector: the service a request is for, in the order AWS clients imply")
struct ServiceDetectorTests {
    let detector = ServiceDetector()

    func detect(path: String = "/", host: String? = nil, authorization: String? = nil, target: String? = nil,
                credential: String? = nil) -> ServiceDetector.Target {
        detector.detect(path: path, host: host, authorization: authorization, target: target, credentialQuery: credential)
    }

    @Test("The credential scope names the service, with AWS's signing names mapped to Brume's")
    func signingName() {
        #expect(detect(authorization: scopedAuthorization("sqs")) == .service("sqs"))
        #expect(detect(authorization: scopedAuthorization("states")) == .service("stepfunctions"))
        #expect(detect(authorization: scopedAuthorization("execute-api")) == .service("apigateway"))
        #expect(detect(credential: "AKID/20260101/us-east-1/lambda/aws4_request") == .service("lambda"))
    }

    @Test("The signature wins over the target and the path")
    func signatureFirst() {
        #expect(detect(path: "/2015-03-31/functions", authorization: scopedAuthorization("s3"), target: "AmazonSQS.SendMessage")
            == .service("s3"))
    }

    @Test("Without a signature, the X-Amz-Target prefix names JSON-protocol services")
    func targetPrefix() {
        #expect(detect(target: "AmazonSQS.SendMessage") == .service("sqs"))
        #expect(detect(target: "AWSStepFunctions.StartExecution") == .service("stepfunctions"))
        #expect(detect(target: "Logs_20140328.PutLogEvents") == .service("logs"))
        #expect(detect(target: "AWSEvents.PutEvents") == .service("events"))
        #expect(detect(target: "Unknown.Op") == .service("s3"))
    }

    @Test("Hosts and paths name the rest; anything else is S3")
    func hostsAndPaths() {
        #expect(detect(path: "/2015-03-31/functions/f/invocations") == .service("lambda"))
        #expect(detect(path: "/2015-03-31/event-source-mappings/") == .service("lambda"))
        #expect(detect(path: "/restapis") == .service("apigateway"))
        #expect(detect(path: "/bucket/key", host: "bucket.s3.localhost") == .service("s3"))
        #expect(detect(path: "/") == .service("s3"))
    }

    @Test("Invoke URLs are API Gateway's data plane in every form, whatever they are signed with")
    func invokeURLs() {
        #expect(detect(host: "abc.execute-api.localhost:4566") == .dataPlane("apigateway"))
        #expect(detect(path: "/prod/x", host: "abc123.execute-api.us-east-1.amazonaws.com") == .dataPlane("apigateway"))
        #expect(detect(path: "/prod", host: "a.execute-api.localhost", authorization: scopedAuthorization("execute-api"))
            == .dataPlane("apigateway"))
        #expect(detect(path: "/prod", host: "a.execute-api.localhost", authorization: "Bearer abc") == .dataPlane("apigateway"))
        #expect(detect(path: "/_aws/execute-api/abc/prod/items") == .dataPlane("apigateway"))
        #expect(detect(path: "/restapis/abc/prod/_user_request_/items/1") == .dataPlane("apigateway"))
        #expect(detect(path: "/restapis/abc/prod/_user_request_") == .dataPlane("apigateway"))
        // The control plane under /restapis, signed or not, stays the control plane.
        #expect(detect(path: "/restapis/abc/resources/xyz", authorization: scopedAuthorization("apigateway")) == .service("apigateway"))
        #expect(detect(path: "/restapis/abc/stages/prod") == .service("apigateway"))
        #expect(detect(path: "/restapis/abc/prod/_user_request_x") == .service("apigateway"))
        // Other /_aws/ paths and a bare execute-api host are not invoke URLs.
        #expect(detect(path: "/_aws/other") == .service("s3"))
        #expect(detect(host: "execute-api.localhost") == .service("s3"))
    }

    @Test("/_brume is the emulator's own, whatever the request carries")
    func internalEndpoints() {
        #expect(detect(path: "/_brume/health", authorization: scopedAuthorization("sqs")) == .internalEndpoint)
        #expect(detect(path: "/_brume") == .internalEndpoint)
        #expect(detect(path: "/_brumex") == .service("s3"))
    }

    @Test("A malformed credential scope is no signing name")
    func malformedScope() {
        #expect(detector.signingName(authorization: "AWS4-HMAC-SHA256 Credential=AKID/short", credentialQuery: nil) == nil)
        #expect(detector.signingName(authorization: "AWS AKID:sig", credentialQuery: nil) == nil)
        #expect(detect(authorization: "AWS4-HMAC-SHA256 Credential=", target: "AmazonSQS.ListQueues") == .service("sqs"))
    }

    @Test("Hosts lose their port and case; IPv6 literals are kept")
    func hostWithoutPort() {
        #expect(ServiceDetector.hostWithoutPort("API.Execute-API.localhost:4566") == "api.execute-api.localhost")
        #expect(ServiceDetector.hostWithoutPort("[::1]:4566") == "[::1]:4566")
    }
}
