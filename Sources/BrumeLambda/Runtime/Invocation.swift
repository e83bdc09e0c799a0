import BrumeWire
import Foundation

/// One invocation handed to an instance: what the runtime's `next` request receives.
struct Invocation: Sendable {
    let requestID: InvocationID
    let payload: [UInt8]
    /// The ARN the caller invoked, with the qualifier it used.
    let invokedFunctionARN: String
    let traceID: String
    /// The decoded `X-Amz-Client-Context` (base64 on the Invoke API, JSON on the Runtime API).
    let clientContext: String?
    /// When the invocation ran out of time; set when the runtime receives it.
    var deadline: Date?
}

/// How an invocation ended, as the Invoke API reports it.
struct InvocationResult: Sendable {
    /// The response payload, or the error document when ``functionError`` is set.
    var payload: [UInt8]
    /// `Unhandled` when the function failed (`X-Amz-Function-Error`).
    var functionError: String?
    /// The error type, for logs and async retries; nil on success.
    var errorType: String?
    /// The invocation's log lines, START to REPORT, for `LogType: Tail`.
    var log: String
}

/// The error documents Lambda writes itself when the function could not answer.
enum RuntimeFailure {
    static func document(type: String, message: String) -> [UInt8] {
        JSONValue.object(["errorType": .string(type), "errorMessage": .string(message)]).serialized
    }

    static func timedOut(requestID: String, timeout: Int) -> (type: String, message: String) {
        ("Sandbox.Timedout", "RequestId: \(requestID) Error: Task timed out after \(timeout).00 seconds")
    }

    static func exited(requestID: String, status: Int32) -> (type: String, message: String) {
        let reason = status < 0 ? "signal: \(signalName(-status))" : "exit status \(status)"
        return ("Runtime.ExitError", "RequestId: \(requestID) Error: Runtime exited with error: \(reason)")
    }

    /// How Go's os/exec names a signal, which is the form AWS's messages use.
    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGKILL: "killed"
        case SIGSEGV: "segmentation fault"
        case SIGABRT: "aborted"
        case SIGTERM: "terminated"
        case SIGBUS: "bus error"
        case SIGILL: "illegal instruction"
        case SIGFPE: "floating point exception"
        default: "signal \(signal)"
        }
    }
}
