/// Why the runtime cannot continue, thrown out of the ``FunctionRuntime``
/// `run` functions.
///
/// All of these are fatal for the process. Letting the error escape `main` is
/// the intended reaction: Lambda expects a runtime in an unknown state to exit,
/// and starts a new one. Catch ``missingEndpoint`` to give the executable a
/// different behaviour when it is started outside a Lambda environment.
public enum FunctionRuntimeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `AWS_LAMBDA_RUNTIME_API` is not set: the executable was not started by
    /// a Lambda runtime.
    case missingEndpoint
    /// `AWS_LAMBDA_RUNTIME_API` is not a `host:port` endpoint.
    case invalidEndpoint(String)
    /// The Runtime API could not be reached, or the connection broke.
    case connectionFailed(String)
    /// The Runtime API replied with something the runtime cannot act on: a
    /// server error (which the Runtime API documents as "exit now"), an
    /// unexpected status, or an invocation missing required headers.
    case unexpectedResponse(String)

    public var description: String {
        switch self {
        case .missingEndpoint:
            "AWS_LAMBDA_RUNTIME_API is not set; this executable must be started by a Lambda runtime"
        case .invalidEndpoint(let value):
            "AWS_LAMBDA_RUNTIME_API is not a host:port endpoint: \(value)"
        case .connectionFailed(let detail):
            "Runtime API connection failed: \(detail)"
        case .unexpectedResponse(let detail):
            "unexpected Runtime API response: \(detail)"
        }
    }
}
