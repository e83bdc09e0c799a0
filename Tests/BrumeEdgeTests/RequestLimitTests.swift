import BrumeEdge
import BrumeWire
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Request limits: a request past a service's limit gets the service's own error")
struct RequestLimitTests {
    @Test("A body longer than the service reads is its 413, not an internal error, and reaches nothing")
    func oversizedBodyIsTheServicesError() async throws {
        let service = FakeService(name: "logs", wireProtocol: .awsJson1_1, bodyLimit: 16)
        try await withEdge([service]) { client in
            var headers = HTTPFields()
            headers[.authorization] = scopedAuthorization("logs")
            try await client.execute(uri: "/", method: .post, headers: headers, body: ByteBuffer(repeating: 0x61, count: 64)) { response in
                #expect(response.status.code == 413)
                let body = String(buffer: response.body)
                #expect(body.contains("RequestEntityTooLargeException"), "\(body)")
                #expect(response.headers[HTTPField.Name("x-amzn-RequestId")!] != nil)
            }
            // A body within the limit still reaches the service.
            try await client.execute(uri: "/", method: .post, headers: headers, body: ByteBuffer(repeating: 0x61, count: 16)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "AKIDEXAMPLE 16")
            }
        }
        #expect(service.answered.withLock { $0 } == 1)
    }

    @Test("A service can answer the limit with its own code")
    func serviceOverridesTheError() async throws {
        let service = CustomLimitService()
        try await withEdge([service]) { client in
            var headers = HTTPFields()
            headers[.authorization] = scopedAuthorization("sqs")
            try await client.execute(uri: "/", method: .post, headers: headers, body: ByteBuffer(repeating: 0x61, count: 64)) { response in
                #expect(response.status.code == 400)
                #expect(String(buffer: response.body).contains("InvalidParameterValue"))
            }
        }
    }

    @Test("REST-XML services default to S3's MaxMessageLengthExceeded")
    func restXMLDefault() {
        let error = RequestLimit.body.defaultError(for: .restXml)
        #expect(error.code == "MaxMessageLengthExceeded" && error.status == 400)
        let header = RequestLimit.headerSection(size: 9000, maximum: 8192).defaultError(for: .restXml)
        #expect(header.code == "RequestHeaderSectionTooLarge" && header.status == 400)
        #expect(header.details == [.init("MaxSizeAllowed", "8192")])
    }

    @Test("A header section past the service's maximum is refused before the service runs")
    func headerSectionLimit() async throws {
        let service = FakeService(name: "s3", wireProtocol: .restXml, maximumHeaderSection: 8192, streamsRequestBodies: true)
        try await withEdge([service]) { client in
            var headers = HTTPFields()
            headers[HTTPField.Name("x-amz-meta-big")!] = String(repeating: "v", count: 9000)
            try await client.execute(uri: "/bucket/key", method: .put, headers: headers, body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .badRequest)
                let body = String(buffer: response.body)
                #expect(body.contains("<Code>RequestHeaderSectionTooLarge</Code>"), "\(body)")
                #expect(body.contains("<MaxSizeAllowed>8192</MaxSizeAllowed>"))
            }
            headers[HTTPField.Name("x-amz-meta-big")!] = String(repeating: "v", count: 2000)
            try await client.execute(uri: "/bucket/key", method: .put, headers: headers, body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(service.answered.withLock { $0 } == 1)
    }

    @Test("The header section counts every header line and the query")
    func headerSectionSize() {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain"  // "Content-Type: text/plain\r\n" = 26 bytes
        let request = Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: "h", path: "/b/k?list-type=2", headerFields: headers),
            body: RequestBody(buffer: ByteBuffer())
        )
        #expect(RequestLimit.headerSectionSize(of: request) == 26 + "list-type=2".utf8.count)
    }

    @Test("Only a body-length error is a request limit")
    func limitFromError() {
        #expect(RequestLimit(NIOTooManyBytesError(maxBytes: 8)) == .body)
        #expect(RequestLimit(AWSError(code: "X", message: "", status: 400)) == nil)
    }
}

/// A service that names its own error for an oversized body, as SQS does.
struct CustomLimitService: EdgeService {
    let name = "sqs"
    let wireProtocol = WireProtocol.awsJson1_0

    func respond(to request: Request, context: EdgeContext) async throws -> Response {
        _ = try await request.body.collect(upTo: 8)
        return Response(status: .ok)
    }

    func limitError(_ limit: RequestLimit, request: Request) -> AWSError {
        AWSError(code: "InvalidParameterValue", message: "Message must be shorter than 8 bytes.", status: 400)
    }

    func resourceSummary() async throws -> [String: [String]] { [:] }
}
