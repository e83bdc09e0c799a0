#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The function's static configuration, read from the environment variables
/// Lambda (and Brume) set for every `provided.al2023` process.
///
/// Read once at startup and passed around by value, so nothing in the library
/// depends on global mutable state or re-reads the environment per invoke.
struct FunctionEnvironment: Sendable, Equatable {
    /// `host:port` of the Runtime API (`AWS_LAMBDA_RUNTIME_API`).
    var runtimeAPI: String?
    var functionName: String
    var functionVersion: String
    var memoryLimitInMB: Int
    var logGroupName: String
    var logStreamName: String

    /// Builds the environment from a lookup function, so tests need not mutate
    /// the real process environment.
    init(lookup: (String) -> String?) {
        runtimeAPI = lookup("AWS_LAMBDA_RUNTIME_API")
        functionName = lookup("AWS_LAMBDA_FUNCTION_NAME") ?? ""
        functionVersion = lookup("AWS_LAMBDA_FUNCTION_VERSION") ?? "$LATEST"
        memoryLimitInMB = lookup("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").flatMap { Int($0) } ?? 128
        logGroupName = lookup("AWS_LAMBDA_LOG_GROUP_NAME") ?? ""
        logStreamName = lookup("AWS_LAMBDA_LOG_STREAM_NAME") ?? ""
    }

    /// The environment of the current process.
    static func current() -> FunctionEnvironment {
        FunctionEnvironment { name in getenv(name).map { String(cString: $0) } }
    }
}
