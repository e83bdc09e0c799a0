import BrumeWire
import Foundation
import Testing

/// Error bodies compared byte for byte with golden files: these shapes are what SDK error
/// decoders parse, so any change to them must be deliberate.
@Suite("Error envelopes")
struct ErrorEnvelopeTests {
    static let error = AWSError(
        code: "NoSuchKey", message: "The specified key does not exist.", status: 404, details: [.init("Key", "a<b>&c")]
    )

    static func golden(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Golden"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test("Each protocol's envelope matches its golden file", arguments: [
        (WireProtocol.restXml, "rest-xml.xml"), (.query, "query.xml"), (.awsJson1_0, "json1.0.json"), (.restJson1, "rest-json.json"),
    ])
    func envelopes(wireProtocol: WireProtocol, file: String) throws {
        let response = ErrorEnvelope.response(
            for: Self.error, protocol: wireProtocol, requestID: "REQ123", hostID: wireProtocol == .restXml ? "HOST" : nil,
            typeNamespace: wireProtocol == .awsJson1_0 ? "com.amazonaws.s3" : nil
        )
        #expect(response.status == 404)
        #expect(response.bodyText == (try Self.golden(file)).trimmingCharacters(in: .newlines))
        #expect(response.headers.contains(.init(wireProtocol.requestIDHeader, "REQ123")))
        #expect(response.headers.contains(.init("Content-Type", wireProtocol.contentType)))
    }

    @Test("rest-json names the error in x-amzn-ErrorType")
    func restJSONErrorType() {
        let response = ErrorEnvelope.response(for: Self.error, protocol: .restJson1, requestID: "r")
        #expect(response.headers.contains(.init("x-amzn-ErrorType", "NoSuchKey")))
    }

    @Test("Query-compatible JSON errors carry x-amzn-query-error")
    func queryCompatible() {
        var error = AWSError(code: "QueueDoesNotExist", message: "gone", status: 400)
        error.queryCompatibleCode = "AWS.SimpleQueueService.NonExistentQueue"
        let response = ErrorEnvelope.response(for: error, protocol: .awsJson1_0, requestID: "r")
        #expect(response.headers.contains(.init("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")))
    }

    @Test("HEAD errors have no body")
    func headWithoutBody() {
        #expect(ErrorEnvelope.response(for: Self.error, protocol: .restXml, requestID: "r", includeBody: false).body.isEmpty)
    }
}

@Suite("Wire helpers")
struct WireHelperTests {
    @Test("Timestamps format as S3 writes them")
    func timestamps() {
        let date = Date(timeIntervalSince1970: 1_255_369_830.25)
        #expect(AWSTimestamp.iso8601(date) == "2009-10-12T17:50:30.250Z")
        #expect(AWSTimestamp.httpDate(date) == "Mon, 12 Oct 2009 17:50:30 GMT")
    }

    @Test("HTTP dates parse in all three RFC 7231 forms", arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z",
    ])
    func httpDates(text: String) {
        #expect(AWSTimestamp.parseHTTPDate(text) == Date(timeIntervalSince1970: 784_111_777))
    }

    @Test("Garbage is not a date")
    func badDates() {
        #expect(AWSTimestamp.parseHTTPDate("yesterday") == nil)
        #expect(AWSTimestamp.parseHTTPDate("Sun, 32 Nov 1994 08:49:37 GMT") == nil)
    }

    @Test("Query strings keep order and valueless names")
    func queryParameters() throws {
        let query = try QueryParameters(raw: "uploads&prefix=a%2Fb+c&max-keys=2")
        #expect(query.pairs.map(\.name) == ["uploads", "prefix", "max-keys"])
        #expect(query["prefix"] == "a/b c")
        #expect(query.contains("uploads") && query["uploads"] == "")
        #expect(throws: QueryParametersError.self) { try QueryParameters(raw: "a=%zz") }
    }

    @Test("Percent encoding is AWS's UriEncode")
    func percentEncoding() {
        #expect(PercentEncoding.encode("a b/c+é~", keepSlash: true) == "a%20b/c%2B%C3%A9~")
        #expect(PercentEncoding.encode("a/b") == "a%2Fb")
        #expect(PercentEncoding.decode("a%20b%2Fc") == "a b/c")
        #expect(PercentEncoding.decode("%ff") == nil)
    }

    @Test("XML escapes markup and control characters")
    func xmlEscaping() {
        var xml = XMLWriter(declaration: false)
        xml.element("Key", "a<b>&\"'\u{1}")
        #expect(xml.text == "<Key>a&lt;b&gt;&amp;&quot;&apos;&#1;</Key>")
    }

    @Test("XML bodies parse into trees, namespaces aside")
    func xmlParsing() throws {
        let tree = try XMLTree.parse(Data("""
            <Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Quiet>true</Quiet><Object><Key>a&amp;b</Key></Object></Delete>
            """.utf8))
        #expect(tree.name == "Delete")
        #expect(tree.child("Quiet")?.text == "true")
        #expect(tree.children(named: "Object").first?.child("Key")?.text == "a&b")
        #expect(throws: XMLTreeError.self) { try XMLTree.parse(Data("<a><b></a>".utf8)) }
    }
}
