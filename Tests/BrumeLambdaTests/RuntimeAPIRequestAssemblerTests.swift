@testable import BrumeLambda
import NIOCore
import NIOHTTP1
import Testing

@Suite("Runtime API request bodies")
struct RuntimeAPIRequestAssemblerTests {
    private func head(_ headers: [(String, String)] = []) -> HTTPServerRequestPart {
        .head(HTTPRequestHead(version: .http1_1, method: .POST, uri: "/2018-06-01/runtime/invocation/a/response?x=1", headers: HTTPHeaders(headers)))
    }

    private func chunk(_ count: Int) -> HTTPServerRequestPart {
        .body(ByteBuffer(repeating: UInt8(ascii: "x"), count: count))
    }

    @Test("a body within the limit is kept whole, and the query is not part of the path")
    func withinLimit() throws {
        var assembler = RuntimeAPIRequestAssembler(bodyLimit: 10)
        #expect(assembler.receive(head([("Content-Length", "10")])) == nil)
        #expect(assembler.receive(chunk(4)) == nil)
        #expect(assembler.receive(chunk(6)) == nil)
        let requestEnded = assembler.receive(.end(nil))
        let request = try #require(requestEnded)
        #expect(request.path == "/2018-06-01/runtime/invocation/a/response")
        #expect(request.body?.readableBytes == 10)
    }

    @Test("a Content-Length over the limit keeps nothing of the body")
    func declaredTooLarge() throws {
        var assembler = RuntimeAPIRequestAssembler(bodyLimit: 10)
        _ = assembler.receive(head([("Content-Length", "11")]))
        _ = assembler.receive(chunk(5))
        _ = assembler.receive(chunk(6))
        let requestEnded = assembler.receive(.end(nil))
        let request = try #require(requestEnded)
        #expect(request.body == nil)
    }

    @Test("a chunked body is dropped as soon as it passes the limit, and the next request starts afresh")
    func chunkedTooLarge() throws {
        var assembler = RuntimeAPIRequestAssembler(bodyLimit: 10)
        _ = assembler.receive(head([("Transfer-Encoding", "chunked")]))
        _ = assembler.receive(chunk(8))
        _ = assembler.receive(chunk(8))
        // However much more arrives, nothing is held.
        for _ in 0..<100 { _ = assembler.receive(chunk(1000)) }
        let oversizedEnded = assembler.receive(.end(nil))
        let oversized = try #require(oversizedEnded)
        #expect(oversized.body == nil)

        _ = assembler.receive(head([("Transfer-Encoding", "chunked")]))
        _ = assembler.receive(chunk(3))
        let nextEnded = assembler.receive(.end(nil))
        let next = try #require(nextEnded)
        #expect(next.body?.readableBytes == 3)
    }

    @Test("the limit is Lambda's response limit, 6 MB and 100 bytes")
    func limit() {
        #expect(RuntimeAPIServer.bodyLimit == 6_291_556)
    }
}
