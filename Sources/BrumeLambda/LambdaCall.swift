import BrumeEdge
import BrumeWire
import Hummingbird
import HTTPTypes
import NIOCore

/// One decoded rest-json request: the path split into decoded segments, the query, the
/// headers the operations read, and the body.
struct LambdaCall: Sendable {
    let method: String
    let segments: [String]
    let query: QueryParameters
    let headers: HTTPFields
    /// The body as the edge collected it: operations read it in place rather than copy it.
    let body: ByteBuffer
    let caller: Caller
    /// The edge's request id: an invocation's id is the Invoke call's, as on AWS.
    let requestID: String
    /// The path parameters the route captured (`FunctionName`, `Resource`).
    var parameters: [String: String] = [:]

    init(request: Request, segments: [String], body: ByteBuffer, caller: Caller, requestID: String) throws {
        method = request.method.rawValue
        self.segments = segments
        do {
            query = try QueryParameters(raw: request.uri.query)
        } catch {
            throw AWSError(code: "ValidationException", message: "The query string is not valid percent-encoding.", status: 400)
        }
        headers = request.headers
        self.body = body
        self.caller = caller
        self.requestID = requestID
    }

    /// The path's segments, percent-decoded.
    static func segments(of path: String) throws -> [String] {
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = PercentEncoding.decode(raw, plusAsSpace: false) else {
                throw AWSError(code: "ValidationException", message: "The path is not valid percent-encoding: \(path)", status: 400)
            }
            segments.append(decoded)
        }
        return segments
    }

    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }

    /// The JSON body.
    func input() throws(LambdaError) -> LambdaInput {
        try LambdaInput(body: body.readableBytesView)
    }

    /// The JSON body without the base64 `ZipFile` string at `path`, which stays in the body
    /// for ``CodeStore`` to decode to disk; the input then reads `ZipFile` as `""`.
    func inputHoldingZipFile(at path: [String]) throws(LambdaError) -> (LambdaInput, InlineZipFile?) {
        guard let (remainder, zipFile) = InlineZipFile.separate(body, path: path) else { return (try input(), nil) }
        return (try LambdaInput(body: remainder), zipFile)
    }

    /// The `FunctionName` path parameter, parsed.
    func functionReference(allowsQualifier: Bool = true) throws(LambdaError) -> FunctionReference {
        try FunctionReference(parsing: parameters["FunctionName"] ?? "", allowsQualifier: allowsQualifier)
    }
}
