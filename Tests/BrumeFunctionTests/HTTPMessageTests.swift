import Testing
@testable import BrumeFunction

@Suite("HTTP messages and endpoints")
struct HTTPMessageTests {
    @Test func headerLookupIsCaseInsensitive() {
        let headers = HTTPHeaders([("Lambda-Runtime-Deadline-Ms", "42"), ("content-type", "a")])
        #expect(headers["lambda-runtime-deadline-ms"] == "42")
        #expect(headers["CONTENT-TYPE"] == "a")
        #expect(headers["Content-Typ"] == nil)
    }

    @Test func getRequestHasNoBodyFraming() {
        let request = HTTPRequest(method: .get, path: "/2018-06-01/runtime/invocation/next")
        let text = String(decoding: request.serialized(host: "127.0.0.1"), as: UTF8.self)
        #expect(text == "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    }

    @Test func postRequestCarriesContentLengthAndBody() {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        let request = HTTPRequest(method: .post, path: "/p", headers: headers, body: Array("{}".utf8))
        let text = String(decoding: request.serialized(host: "h"), as: UTF8.self)
        #expect(text == "POST /p HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
        let empty = HTTPRequest(method: .post, path: "/p")
        #expect(String(decoding: empty.serialized(host: "h"), as: UTF8.self).contains("Content-Length: 0\r\n"))
    }

    @Test(arguments: [
        ("127.0.0.1:9001", "127.0.0.1", "9001"),
        ("localhost:80", "localhost", "80"),
        ("[::1]:9001", "::1", "9001"),
        (" 10.0.0.1:1 ", "10.0.0.1", "1"),
    ])
    func endpointsAreParsed(text: String, host: String, port: String) throws {
        let endpoint = try #require(HTTPConnection.parseEndpoint(text))
        #expect(endpoint.host == host)
        #expect(endpoint.port == port)
    }

    @Test(arguments: ["", "localhost", ":9001", "host:", "host:0", "host:70000", "[::1]9001", "[::1"])
    func invalidEndpointsAreRejected(text: String) {
        #expect(HTTPConnection.parseEndpoint(text) == nil)
    }

    @Test func requestIDsAreEscapedInPaths() {
        #expect(RuntimeAPIClient.escapePathSegment("8476a536-e9f4-11e8-9739-2dfe598c3fcd")
            == "8476a536-e9f4-11e8-9739-2dfe598c3fcd")
        #expect(RuntimeAPIClient.escapePathSegment("a/b c?é") == "a%2Fb%20c%3F%C3%A9")
    }

    @Test func errorRequestsCarryTheErrorTypeHeader() {
        let report = ErrorReport(errorType: "Orders.Failure", errorMessage: "boom")
        let request = RuntimeAPIClient.errorRequest(path: "/x", report)
        #expect(request.method == .post)
        #expect(request.headers["Lambda-Runtime-Function-Error-Type"] == "Orders.Failure")
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(request.body == report.json)
    }

    @Test func headerValuesCannotBeInjected() {
        #expect(RuntimeAPIClient.headerSafe("A\r\nX-Evil: 1") == "A??X-Evil: 1")
        #expect(RuntimeAPIClient.headerSafe("Wrapper<Café>") == "Wrapper<Caf?>")
    }
}
