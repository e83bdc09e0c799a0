import BrumeFunction
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Brume's reference Swift function, used by the end-to-end tests and the cold-start benchmark;
/// build it with `swift build --product echo-swift` and deploy the binary as `bootstrap`.
///
/// - Echoes `message` back with facts about the invoke.
/// - Throws `EchoError.requested` when the event is `{"fail": true}`.
/// - With `ECHO_FAIL_INIT=1` in the environment, initialisation throws.

struct Event: Decodable {
    var message: String?
    var fail: Bool?
}

struct Reply: Encodable {
    var echo: String?
    var requestID: String
    var remainingMilliseconds: Int64
    var invokedFunctionARN: String
    var traceID: String?
    /// `_X_AMZN_TRACE_ID` as seen by the process during this invoke.
    var traceEnvironment: String?
    var functionName: String
    var memoryLimitInMB: Int
    /// Proves the process (and its init state) is reused across invokes.
    var invocationNumber: Int
    var processID: Int32
}

enum EchoError: Error, CustomStringConvertible {
    case requested

    var description: String { "failure requested by the event" }
}

struct InitFailure: Error, CustomStringConvertible {
    var description: String { "ECHO_FAIL_INIT is set" }
}

/// Per-process state created by the init closure.
final class Counter {
    var count = 0
}

@main
struct Echo {
    static func main() async throws {
        try await FunctionRuntime.run {
            if getenv("ECHO_FAIL_INIT") != nil { throw InitFailure() }
            return Counter()
        } handler: { (counter: Counter, event: Event, context: FunctionContext) async throws -> Reply in
            counter.count += 1
            context.log("invocation \(counter.count): \(event.message ?? "<no message>")")
            print("stdout line for \(context.requestID)")
            if event.fail == true { throw EchoError.requested }
            return Reply(
                echo: event.message,
                requestID: context.requestID,
                remainingMilliseconds: context.remainingTimeInMilliseconds,
                invokedFunctionARN: context.invokedFunctionARN,
                traceID: context.traceID,
                traceEnvironment: getenv("_X_AMZN_TRACE_ID").map { String(cString: $0) },
                functionName: context.functionName,
                memoryLimitInMB: context.memoryLimitInMB,
                invocationNumber: counter.count,
                processID: getpid()
            )
        }
    }
}
