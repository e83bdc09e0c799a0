import BrumeCore
import BrumeEdge
import BrumeWire
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Testing

@Suite("EdgeResponder: routing, request ids, errors in the service's envelope")
struct EdgeResponderTests {
    @Test("A request reaches the service its signature names, with the caller and a request id")
    func routesBySignature() async throws {
        let sqs = FakeService(name: "sqs", wireProtocol: .awsJson1_0)
        let logs = FakeService(name: "logs", wireProtocol: .awsJson1_1)
        try await withEdge([sqs, logs]) { client in
            var headers = HTTPFields()
            headers[.authorization] = scopedAuthorization("logs")
            try await client.execute(uri: "/", method: .post, headers: headers, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "AKIDEXAMPLE 2")
                #expect(response.headers[HTTPField.Name("x-amzn-RequestId")!]?.isEmpty == false)
            }
        }
        #expect(logs.answered.withLock { $0 } == 1)
        #expect(sqs.answered.withLock { $0 } == 0)
    }

    @Test("A service the stack does not run is NotImplemented (501)")
    func serviceNotEnabled() async throws {
        try await withEdge([FakeService(name: "s3", wireProtocol: .restXml)]) { client in
            var headers = HTTPFields()
            headers[HTTPField.Name("X-Amz-Target")!] = "Kinesis_20131202.ListStreams"
            try await client.execute(uri: "/", method: .post, headers: headers) { response in
                #expect(response.status.code == 501)
                #expect(String(buffer: response.body).contains("kinesis service is not enabled"))
            }
        }
    }

    @Test("A refused signature is the service's authentication error and never reaches it")
    func strictRefusal() async throws {
        var config = StackConfig()
        config.auth = .strict
        let sqs = FakeService(name: "sqs", wireProtocol: .awsJson1_0)
        try await withEdge([sqs], config: config) { client in
            var headers = HTTPFields()
            headers[HTTPField.Name("X-Amz-Target")!] = "AmazonSQS.ListQueues"
            try await client.execute(uri: "/", method: .post, headers: headers) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("MissingAuthenticationTokenException"))
            }
        }
        #expect(sqs.answered.withLock { $0 } == 0)
    }

    @Test("An invoke URL reaches API Gateway's data plane unauthenticated, even with auth: strict and a non-SigV4 Authorization")
    func dataPlaneUnauthenticated() async throws {
        var config = StackConfig()
        config.auth = .strict
        let apigateway = FakeService(name: "apigateway", wireProtocol: .restJson1)
        try await withEdge([apigateway], config: config) { client in
            var headers = HTTPFields()
            headers[.authorization] = "Bearer allow-me"
            try await client.execute(uri: "/_aws/execute-api/abc/prod/items", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/restapis/abc/prod/_user_request_/items", method: .get) { response in
                #expect(response.status == .ok)
            }
            // The control plane under /restapis is still authenticated.
            try await client.execute(uri: "/restapis/abc/resources", method: .get) { response in
                #expect(response.status == .forbidden)
            }
        }
        #expect(apigateway.answered.withLock { $0 } == 2)
    }

    @Test("An unexpected error is InternalError (500) in the envelope, with the request id")
    func unexpectedFailure() async throws {
        try await withEdge([FailingService()]) { client in
            var headers = HTTPFields()
            headers[.authorization] = scopedAuthorization("stepfunctions")
            try await client.execute(uri: "/", method: .post, headers: headers) { response in
                #expect(response.status == .internalServerError)
                let body = String(buffer: response.body)
                #expect(body.contains("\"__type\":\"InternalError\""), "\(body)")
                #expect(response.headers[HTTPField.Name("x-amzn-RequestId")!] != nil)
            }
        }
    }

    @Test("An unexpected error is the service's own internal error when its model names one")
    func servicesOwnInternalError() async throws {
        try await withEdge([FailingService(internalError: .commonInternalFailure)]) { client in
            var headers = HTTPFields()
            headers[.authorization] = scopedAuthorization("stepfunctions")
            try await client.execute(uri: "/", method: .post, headers: headers) { response in
                #expect(response.status == .internalServerError)
                let body = String(buffer: response.body)
                #expect(body.contains("\"__type\":\"InternalFailure\""), "\(body)")
            }
        }
    }

    @Test("A body whose HTTP framing broke is a 400 in the envelope, not an internal error")
    func brokenFraming() async throws {
        try await withEdge([FailingService(failure: HTTPParserError.invalidEOFState)]) { client in
            var headers = HTTPFields()
            headers[.authorization] = scopedAuthorization("stepfunctions")
            try await client.execute(uri: "/", method: .post, headers: headers) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("SerializationException"))
            }
        }
        try await withEdge([FailingService(name: "s3", wireProtocol: .restXml, failure: HTTPParserError.invalidChunkSize)]) { client in
            try await client.execute(uri: "/bucket/key", method: .put, body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("<Code>IncompleteBody</Code>"))
            }
        }
    }

    @Test("A HEAD error has no body")
    func headErrorHasNoBody() async throws {
        try await withEdge([FailingService(name: "s3", wireProtocol: .restXml)]) { client in
            try await client.execute(uri: "/bucket/key", method: .head) { response in
                #expect(response.status == .internalServerError)
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test("/_brume/health answers without authentication")
    func health() async throws {
        var config = StackConfig()
        config.auth = .strict
        try await withEdge([FakeService(name: "s3", wireProtocol: .restXml)], config: config) { client in
            try await client.execute(uri: "/_brume/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"s3\" : \"running\""))
            }
        }
    }
}

/// A service whose every answer is an unexpected failure.
struct FailingService: EdgeService {
    struct Boom: Error {}
    var name = "stepfunctions"
    var wireProtocol = WireProtocol.awsJson1_0
    var internalError = AWSError.internalFailure()
    var failure: any Error & Sendable = Boom()

    func respond(to request: Request, context: EdgeContext) async throws -> Response { throw failure }
    func resourceSummary() async throws -> [String: [String]] { [:] }
}
