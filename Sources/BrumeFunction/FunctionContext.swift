#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Information about the current invocation and the function, passed to every
/// handler call.
///
/// Everything here comes from the standard Lambda Runtime API headers and
/// environment variables, so handler code behaves the same under Brume and on
/// AWS Lambda.
public struct FunctionContext: Sendable {
    /// The AWS request ID of this invocation (`Lambda-Runtime-Aws-Request-Id`).
    public let requestID: String
    /// When this invocation times out, as Unix epoch milliseconds
    /// (`Lambda-Runtime-Deadline-Ms`).
    public let deadlineMilliseconds: Int64
    /// The ARN used to invoke the function, including any version or alias
    /// qualifier (`Lambda-Runtime-Invoked-Function-Arn`).
    public let invokedFunctionARN: String
    /// The X-Ray tracing header (`Lambda-Runtime-Trace-Id`), if tracing is on.
    /// Also exported as the `_X_AMZN_TRACE_ID` environment variable for the
    /// duration of the invoke, where AWS SDKs look for it.
    public let traceID: String?
    /// Client context JSON sent by mobile SDK callers, unparsed.
    public let clientContext: String?
    /// Amazon Cognito identity JSON sent by mobile SDK callers, unparsed.
    public let cognitoIdentity: String?
    /// `AWS_LAMBDA_FUNCTION_NAME`.
    public let functionName: String
    /// `AWS_LAMBDA_FUNCTION_VERSION` (`$LATEST` when unset).
    public let functionVersion: String
    /// `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`, in MB (128 when unset).
    public let memoryLimitInMB: Int
    /// `AWS_LAMBDA_LOG_GROUP_NAME`.
    public let logGroupName: String
    /// `AWS_LAMBDA_LOG_STREAM_NAME`.
    public let logStreamName: String

    /// Creates a context. The runtime builds one per invoke; this initializer
    /// is public so handler code can be unit-tested without a Runtime API.
    public init(
        requestID: String,
        deadline: Date,
        invokedFunctionARN: String = "",
        traceID: String? = nil,
        clientContext: String? = nil,
        cognitoIdentity: String? = nil,
        functionName: String = "",
        functionVersion: String = "$LATEST",
        memoryLimitInMB: Int = 128,
        logGroupName: String = "",
        logStreamName: String = ""
    ) {
        self.requestID = requestID
        self.deadlineMilliseconds = Int64((deadline.timeIntervalSince1970 * 1000).rounded())
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.functionName = functionName
        self.functionVersion = functionVersion
        self.memoryLimitInMB = memoryLimitInMB
        self.logGroupName = logGroupName
        self.logStreamName = logStreamName
    }

    init(invocation: Invocation, environment: FunctionEnvironment) {
        requestID = invocation.requestID
        deadlineMilliseconds = invocation.deadlineMilliseconds
        invokedFunctionARN = invocation.invokedFunctionARN
        traceID = invocation.traceID
        clientContext = invocation.clientContext
        cognitoIdentity = invocation.cognitoIdentity
        functionName = environment.functionName
        functionVersion = environment.functionVersion
        memoryLimitInMB = environment.memoryLimitInMB
        logGroupName = environment.logGroupName
        logStreamName = environment.logStreamName
    }

    /// When this invocation times out.
    public var deadline: Date {
        Date(timeIntervalSince1970: Double(deadlineMilliseconds) / 1000)
    }

    /// Time left before the invocation times out; zero once the deadline has
    /// passed (never negative). Measured against the wall clock, because the
    /// deadline Lambda sends is wall-clock time.
    public var remainingTime: Duration {
        .milliseconds(remainingTimeInMilliseconds)
    }

    /// ``remainingTime`` in whole milliseconds, the unit Lambda uses.
    public var remainingTimeInMilliseconds: Int64 {
        remainingMilliseconds(now: WallClock.nowMilliseconds())
    }

    /// Deadline arithmetic against an explicit "now", for testing.
    func remainingMilliseconds(now: Int64) -> Int64 {
        let (difference, overflow) = deadlineMilliseconds.subtractingReportingOverflow(now)
        if overflow { return now < 0 ? .max : 0 }
        return max(0, difference)
    }

    /// Writes `message` to the function's log (standard error), prefixed with a
    /// UTC timestamp and this invocation's request ID:
    ///
    ///     2025-01-31T12:00:00.123Z\t<request id>\tINFO\t<message>
    ///
    /// The line is written with a single unbuffered `write(2)`, so it reaches
    /// the log immediately and does not interleave with concurrent log lines.
    public func log(_ message: String) {
        LogWriter.write(message, requestID: requestID)
    }
}

/// The wall clock in Unix epoch milliseconds, without going through `Date`.
enum WallClock {
    static func nowMilliseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}
