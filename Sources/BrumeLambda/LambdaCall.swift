import BrumeEdge
import BrumeWire
import Hummingbird
import HTTPTypes

/// One decoded rest-json request: the path split into decoded segments, the query, the
/// headers the operations read, and the body.
struct LambdaCall: Sendable {
    let method: String
    let segments: [String]
    let query: QueryParameters
    let headers: HTTPFields
    let body: [UInt8]
    let caller: Caller
    /// The edge's request id: an invocation's id is the Invoke call's, as on AWS.
    let requestID: String
    /// The path parameters the route captured (`FunctionName`, `Resource`).
    var parameters: [String: String] = [:]

    init(request: Request, body: [UInt8], caller: Caller, requestID: String) throws {
        method = request.method.rawValue
        let path = request.uri.path
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = PercentEncoding.decode(raw, plusAsSpace: false) else {
                throw AWSError(code: "ValidationException", message: "The path is not valid percent-encoding: \(path)", status: 400)
            }
            segments.append(decoded)
        }
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

    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }

    /// The JSON body.
    func input() throws(LambdaError) -> LambdaInput {
        try LambdaInput(body: body)
    }

    /// The `FunctionName` path parameter, parsed.
    func functionReference(allowsQualifier: Bool = true) throws(LambdaError) -> FunctionReference {
        try FunctionReference(parsing: parameters["FunctionName"] ?? "", allowsQualifier: allowsQualifier)
    }
}
