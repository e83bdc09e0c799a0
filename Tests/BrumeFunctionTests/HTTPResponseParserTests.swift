import Testing
@testable import BrumeFunction

@Suite("HTTP response parsing")
struct HTTPResponseParserTests {
    /// Feeds `text` in pieces of `step` bytes, returning every completed response.
    private func parseAll(_ text: String, step: Int = .max, finish: Bool = false) throws -> [HTTPResponse] {
        var parser = HTTPResponseParser()
        var responses: [HTTPResponse] = []
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + step)
            parser.append(bytes[offset..<end])
            offset = end
            while let response = try parser.parse() { responses.append(response) }
        }
        if finish, let response = try parser.finish() { responses.append(response) }
        return responses
    }

    private func body(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func contentLengthBody() throws {
        let responses = try parseAll("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nLambda-Runtime-Aws-Request-Id: abc\r\n\r\nhello")
        #expect(responses.count == 1)
        #expect(responses[0].statusCode == 200)
        #expect(body(responses[0]) == "hello")
        #expect(responses[0].headers["lambda-runtime-aws-request-id"] == "abc")
        #expect(responses[0].keepAlive)
    }

    @Test(arguments: [1, 2, 3, 7, 64])
    func byteByByteFeedingGivesTheSameResult(step: Int) throws {
        let text = "HTTP/1.1 202 Accepted\r\nContent-Length: 11\r\n\r\n{\"ok\":true}"
        let responses = try parseAll(text, step: step)
        #expect(responses.count == 1)
        #expect(responses[0].statusCode == 202)
        #expect(body(responses[0]) == "{\"ok\":true}")
    }

    @Test(arguments: [1, 3, 1000])
    func chunkedBodyWithExtensionsAndTrailers(step: Int) throws {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;name=value\r\nWiki\r\n" + "9\r\npedia in \r\n" + "7 \r\nchunks.\r\n"
            + "0\r\nX-Trailer: 1\r\n\r\n"
        let responses = try parseAll(text, step: step)
        #expect(responses.count == 1)
        #expect(body(responses[0]) == "Wikipedia in chunks.")
        #expect(responses[0].keepAlive)
    }

    @Test func chunkedWinsOverContentLength() throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"
        #expect(try body(parseAll(text)[0]) == "hi")
    }

    @Test func pipelinedResponsesAreSplitCorrectly() throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"
            + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nb\r\n0\r\n\r\n"
            + "HTTP/1.1 204 No Content\r\n\r\n"
        let responses = try parseAll(text, step: 5)
        #expect(responses.map(body) == ["a", "b", ""])
        #expect(responses.map(\.statusCode) == [200, 200, 204])
    }

    @Test func interimResponsesAreSkipped() throws {
        let responses = try parseAll("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        #expect(responses.count == 1)
        #expect(responses[0].statusCode == 200)
    }

    @Test func bareLineFeedsAreAccepted() throws {
        let responses = try parseAll("HTTP/1.1 200 OK\nContent-Length: 2\n\nok")
        #expect(try #require(responses.first).headers["Content-Length"] == "2")
        #expect(body(responses[0]) == "ok")
    }

    @Test func bodyUntilCloseCompletesOnFinish() throws {
        var parser = HTTPResponseParser()
        parser.append(Array("HTTP/1.1 200 OK\r\n\r\npartial ".utf8))
        #expect(try parser.parse() == nil)
        parser.append(Array("and the rest".utf8))
        #expect(try parser.parse() == nil)
        let response = try #require(try parser.finish())
        #expect(body(response) == "partial and the rest")
        #expect(!response.keepAlive)
    }

    @Test func connectionHeadersDecideKeepAlive() throws {
        let close = try parseAll("HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n")
        #expect(!close[0].keepAlive)
        let http10 = try parseAll("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")
        #expect(!http10[0].keepAlive)
        let http10KeepAlive = try parseAll("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")
        #expect(http10KeepAlive[0].keepAlive)
    }

    @Test func headerValuesAreTrimmedAndDuplicatesKept() throws {
        let response = try parseAll("HTTP/1.1 200 OK\r\nX-A:   one \t\r\nx-a: two\r\nContent-Length: 0\r\n\r\n")[0]
        #expect(response.headers["X-A"] == "one")
        #expect(response.headers.values(for: "x-A") == ["one", "two"])
    }

    @Test func cleanCloseBetweenResponsesIsNotAnError() throws {
        var parser = HTTPResponseParser()
        #expect(try parser.finish() == nil)
    }

    @Test func closeInTheMiddleOfABodyIsAnError() {
        var parser = HTTPResponseParser()
        parser.append(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".utf8))
        #expect(throws: HTTPParseError.unexpectedEndOfStream) {
            _ = try parser.parse()
            _ = try parser.finish()
        }
    }

    @Test(arguments: [
        ("HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n", HTTPParseError.invalidContentLength),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", .invalidContentLength),
        ("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", .invalidContentLength),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", .invalidChunkSize),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\n", .invalidChunkSize),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhiX\r\n", .malformedChunk),
        ("HTTP/2 200\r\n\r\n", .malformedStatusLine),
        ("HTTP/1.1 2000 OK\r\n\r\n", .malformedStatusLine),
        ("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", .malformedHeaderLine),
    ])
    func malformedInputIsRejected(text: String, expected: HTTPParseError) {
        #expect(throws: expected) { _ = try parseAll(text) }
    }

    @Test func oversizedBodiesAreRejected() {
        var parser = HTTPResponseParser(maxBodySize: 4)
        parser.append(Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.bodyTooLarge) { _ = try parser.parse() }

        var chunked = HTTPResponseParser(maxBodySize: 4)
        chunked.append(Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\n".utf8))
        #expect(throws: HTTPParseError.bodyTooLarge) { _ = try chunked.parse() }
    }

    @Test func endlessHeadIsRejected() {
        var parser = HTTPResponseParser()
        parser.append(Array("HTTP/1.1 200 OK\r\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 70_000))
        #expect(throws: HTTPParseError.headTooLarge) { _ = try parser.parse() }
    }

    @Test func largeBodyInManyPieces() throws {
        let payload = String(repeating: "0123456789", count: 50_000)
        let responses = try parseAll("HTTP/1.1 200 OK\r\nContent-Length: \(payload.utf8.count)\r\n\r\n" + payload, step: 4096)
        #expect(responses.count == 1)
        #expect(responses[0].body.count == payload.utf8.count)
    }
}
