import AsyncHTTPClient
import BrumeCore
import BrumeTesting
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// Requests over a real socket to a stack started in-process: the layer between the pure
/// logic tests and the boto3 suite in Tests/e2e.
@Suite("In-process S3 over HTTP")
struct InProcessStackTests {
    static func send(_ method: HTTPMethod, _ url: String, body: String? = nil, headers: [(String, String)] = []) async throws
        -> (status: UInt, headers: [(String, String)], body: String)
    {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (response.status.code, response.headers.map { ($0.name, $0.value) }, String(buffer: bytes))
    }

    @Test("PUT then GET returns the bytes and the MD5 ETag")
    func roundTrip() async throws {
        try await withStack { endpoint in
            #expect(try await Self.send(.PUT, "\(endpoint)/demo").status == 200)
            let put = try await Self.send(.PUT, "\(endpoint)/demo/a.txt", body: "hello")
            #expect(put.status == 200)
            #expect(put.headers.contains { $0.0.lowercased() == "etag" && $0.1 == "\"5d41402abc4b2a76b9719d911017c592\"" })
            let get = try await Self.send(.GET, "\(endpoint)/demo/a.txt")
            #expect(get.status == 200 && get.body == "hello")
            #expect(get.headers.contains { $0.0.lowercased() == "x-amz-request-id" })
        }
    }

    @Test("Errors use S3's XML envelope with the request id")
    func errorEnvelope() async throws {
        try await withStack { endpoint in
            let response = try await Self.send(.GET, "\(endpoint)/missing-bucket/key")
            #expect(response.status == 404)
            #expect(response.body.contains("<Code>NoSuchBucket</Code>"))
            let requestID = response.headers.first { $0.0.lowercased() == "x-amz-request-id" }?.1 ?? "?"
            #expect(response.body.contains("<RequestId>\(requestID)</RequestId>"))
        }
    }

    @Test("A bad Content-MD5 stores nothing")
    func badDigestChangesNothing() async throws {
        try await withStack { endpoint in
            _ = try await Self.send(.PUT, "\(endpoint)/demo")
            _ = try await Self.send(.PUT, "\(endpoint)/demo/k", body: "original")
            let bad = try await Self.send(.PUT, "\(endpoint)/demo/k", body: "changed", headers: [("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==")])
            #expect(bad.status == 400 && bad.body.contains("BadDigest"))
            #expect(try await Self.send(.GET, "\(endpoint)/demo/k").body == "original")
        }
    }

    @Test("Buckets declared in the config exist at start, with their tags")
    func declaredBuckets() async throws {
        var config = StackConfig()
        config.resources.buckets = [.init(name: "declared", tags: ["team": "data"])]
        try await withStack(config) { endpoint in
            let tagging = try await Self.send(.GET, "\(endpoint)/declared?tagging")
            #expect(tagging.status == 200 && tagging.body.contains("<Key>team</Key><Value>data</Value>"))
            let resources = try await Self.send(.GET, "\(endpoint)/_brume/resources")
            #expect(resources.body.contains("declared"))
        }
    }

    @Test("An expired pre-signed URL is refused whatever the clock says now")
    func expiredPresignedURL() async throws {
        let clock = ManualWallClock(Date(timeIntervalSince1970: 1_369_353_600))  // 2013-05-24, the AWS example's date
        try await withStack(clock: clock) { endpoint in
            _ = try await Self.send(.PUT, "\(endpoint)/examplebucket")
            clock.advance(by: 86_400 * 3)
            let url = "\(endpoint)/examplebucket/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
            let response = try await Self.send(.GET, url)
            #expect(response.status == 403)
            #expect(response.body.contains("<Message>Request has expired</Message>"))
        }
    }
}
