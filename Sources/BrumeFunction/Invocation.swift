/// One event fetched from `GET /2018-06-01/runtime/invocation/next`.
///
/// Everything Lambda tells the runtime about an invoke arrives as response
/// headers; this type turns them into typed values in one place so the rest of
/// the library never touches raw header names.
struct Invocation: Sendable, Equatable {
    var requestID: String
    /// Deadline as Unix epoch milliseconds, exactly as Lambda sends it; kept as
    /// an integer so remaining-time arithmetic is exact.
    var deadlineMilliseconds: Int64
    var invokedFunctionARN: String
    var traceID: String?
    var clientContext: String?
    var cognitoIdentity: String?
    var payload: [UInt8]

    enum Header {
        static let requestID = "Lambda-Runtime-Aws-Request-Id"
        static let deadline = "Lambda-Runtime-Deadline-Ms"
        static let functionARN = "Lambda-Runtime-Invoked-Function-Arn"
        static let traceID = "Lambda-Runtime-Trace-Id"
        static let clientContext = "Lambda-Runtime-Client-Context"
        static let cognitoIdentity = "Lambda-Runtime-Cognito-Identity"
    }

    /// Fails only for a missing request ID or deadline: without them the
    /// invoke can be neither answered nor time-boxed, so it is a protocol error.
    /// Optional headers that are present but empty are treated as absent.
    init(headers: HTTPHeaders, payload: [UInt8]) throws(FunctionRuntimeError) {
        func value(_ name: String) -> String? {
            guard let value = headers[name], !value.isEmpty else { return nil }
            return value
        }
        guard let requestID = value(Header.requestID) else {
            throw .unexpectedResponse("invocation without a \(Header.requestID) header")
        }
        guard let deadlineText = value(Header.deadline), let deadline = Int64(deadlineText) else {
            throw .unexpectedResponse("invocation without a valid \(Header.deadline) header")
        }
        self.requestID = requestID
        self.deadlineMilliseconds = deadline
        self.invokedFunctionARN = value(Header.functionARN) ?? ""
        self.traceID = value(Header.traceID)
        self.clientContext = value(Header.clientContext)
        self.cognitoIdentity = value(Header.cognitoIdentity)
        self.payload = payload
    }
}
