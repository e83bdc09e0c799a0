/// A client for the Lambda Runtime API (version 2018-06-01).
///
/// Maps each Runtime API operation onto one HTTP exchange on a single
/// kept-alive connection, and classifies the replies: a rejected report (4xx,
/// e.g. a response over the payload limit) concerns one invoke only and is
/// returned to the caller as ``ReportOutcome/rejected(statusCode:body:)``;
/// anything else unexpected is a fatal ``FunctionRuntimeError``.
final class RuntimeAPIClient {
    static let basePath = "/2018-06-01/runtime"

    enum ReportOutcome: Equatable {
        case accepted
        case rejected(statusCode: Int, body: String)
    }

    private let connection: HTTPConnection

    /// - Parameter endpoint: the `host:port` from `AWS_LAMBDA_RUNTIME_API`.
    init(endpoint: String) throws(FunctionRuntimeError) {
        guard let (host, port) = HTTPConnection.parseEndpoint(endpoint) else {
            throw .invalidEndpoint(endpoint)
        }
        connection = HTTPConnection(host: host, port: port)
    }

    /// Long-polls for the next event. Blocks, with no timeout, until Lambda has
    /// an invoke for this process.
    func nextInvocation() throws(FunctionRuntimeError) -> Invocation {
        let path = "\(Self.basePath)/invocation/next"
        let response = try execute(HTTPRequest(method: .get, path: path))
        guard response.statusCode == 200 else {
            throw .unexpectedResponse(Self.statusMessage(path, response))
        }
        return try Invocation(headers: response.headers, payload: response.body)
    }

    /// Posts the handler's result for `requestID`.
    func sendResponse(requestID: String, payload: [UInt8]) throws(FunctionRuntimeError) -> ReportOutcome {
        let path = "\(Self.basePath)/invocation/\(Self.escapePathSegment(requestID))/response"
        return try report(HTTPRequest(method: .post, path: path, body: payload))
    }

    /// Posts a handler failure for `requestID`.
    func sendError(requestID: String, _ error: ErrorReport) throws(FunctionRuntimeError) -> ReportOutcome {
        let path = "\(Self.basePath)/invocation/\(Self.escapePathSegment(requestID))/error"
        return try report(Self.errorRequest(path: path, error))
    }

    /// Posts an initialisation failure. The caller must exit afterwards.
    func sendInitError(_ error: ErrorReport) throws(FunctionRuntimeError) -> ReportOutcome {
        try report(Self.errorRequest(path: "\(Self.basePath)/init/error", error))
    }

    // MARK: - Helpers

    static func errorRequest(path: String, _ error: ErrorReport) -> HTTPRequest {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        // Lambda surfaces this header as the error type in metrics and to
        // synchronous callers (X-Amz-Function-Error); keep it equal to the body's.
        headers.add(name: "Lambda-Runtime-Function-Error-Type", value: Self.headerSafe(error.errorType))
        return HTTPRequest(method: .post, path: path, headers: headers, body: error.json)
    }

    private func report(_ request: HTTPRequest) throws(FunctionRuntimeError) -> ReportOutcome {
        let response = try execute(request)
        switch response.statusCode {
        case 200..<300: return .accepted
        // 5xx means the Runtime API is in a non-recoverable state: the
        // documented reaction is to exit, so it is fatal like a transport error.
        case 400..<500: return .rejected(statusCode: response.statusCode, body: Self.text(response.body))
        default:
            throw .unexpectedResponse(Self.statusMessage(request.path, response))
        }
    }

    private func execute(_ request: HTTPRequest) throws(FunctionRuntimeError) -> HTTPResponse {
        do {
            return try connection.execute(request)
        } catch {
            throw .connectionFailed("\(request.method.rawValue) \(request.path): \(error)")
        }
    }

    private static func statusMessage(_ path: String, _ response: HTTPResponse) -> String {
        "\(path) returned HTTP \(response.statusCode): \(text(response.body))"
    }

    private static func text(_ body: [UInt8]) -> String {
        String(decoding: body.prefix(1024), as: UTF8.self)
    }

    /// Request IDs are UUIDs in practice, but they are echoed into a URL path,
    /// so anything outside RFC 3986 "unreserved" is percent-encoded.
    static func escapePathSegment(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// Header values must not contain CR/LF (header injection) and should be
    /// ASCII; type names of generic or non-ASCII types could violate that.
    static func headerSafe(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { scalar in
            (scalar.value >= 0x20 && scalar.value < 0x7F) ? scalar : "?"
        }))
    }
}
