import Testing
@testable import BrumeFunction

@Suite("Invocation and context")
struct InvocationTests {
    private let fullHeaders = HTTPHeaders([
        ("Lambda-Runtime-Aws-Request-Id", "req-1"),
        ("Lambda-Runtime-Deadline-Ms", "1700000030000"),
        ("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:f:prod"),
        ("Lambda-Runtime-Trace-Id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"),
        ("Lambda-Runtime-Client-Context", "{\"client\":{}}"),
        ("Lambda-Runtime-Cognito-Identity", "{\"cognitoIdentityId\":\"x\"}"),
    ])

    @Test func allHeadersAreMapped() throws {
        let invocation = try Invocation(headers: fullHeaders, payload: [1, 2])
        #expect(invocation.requestID == "req-1")
        #expect(invocation.deadlineMilliseconds == 1_700_000_030_000)
        #expect(invocation.invokedFunctionARN == "arn:aws:lambda:us-east-1:123456789012:function:f:prod")
        #expect(invocation.traceID?.hasPrefix("Root=1-5bef4de7") == true)
        #expect(invocation.clientContext == "{\"client\":{}}")
        #expect(invocation.cognitoIdentity == "{\"cognitoIdentityId\":\"x\"}")
        #expect(invocation.payload == [1, 2])
    }

    @Test func optionalHeadersMayBeAbsentOrEmpty() throws {
        let headers = HTTPHeaders([
            ("lambda-runtime-aws-request-id", "req-2"),
            ("lambda-runtime-deadline-ms", "5"),
            ("Lambda-Runtime-Trace-Id", ""),
        ])
        let invocation = try Invocation(headers: headers, payload: [])
        #expect(invocation.traceID == nil)
        #expect(invocation.clientContext == nil)
        #expect(invocation.invokedFunctionARN == "")
    }

    @Test func requestIDAndDeadlineAreRequired() {
        #expect(throws: FunctionRuntimeError.self) {
            try Invocation(headers: HTTPHeaders([("Lambda-Runtime-Deadline-Ms", "5")]), payload: [])
        }
        #expect(throws: FunctionRuntimeError.self) {
            try Invocation(headers: HTTPHeaders([
                ("Lambda-Runtime-Aws-Request-Id", "r"), ("Lambda-Runtime-Deadline-Ms", "soon"),
            ]), payload: [])
        }
    }

    @Test func contextCombinesInvocationAndEnvironment() throws {
        let environment = FunctionEnvironment { name in
            [
                "AWS_LAMBDA_FUNCTION_NAME": "orders",
                "AWS_LAMBDA_FUNCTION_VERSION": "7",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
                "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/orders",
                "AWS_LAMBDA_LOG_STREAM_NAME": "2025/01/01/[7]abc",
            ][name]
        }
        let context = FunctionContext(
            invocation: try Invocation(headers: fullHeaders, payload: []), environment: environment)
        #expect(context.functionName == "orders")
        #expect(context.functionVersion == "7")
        #expect(context.memoryLimitInMB == 512)
        #expect(context.logGroupName == "/aws/lambda/orders")
        #expect(context.logStreamName == "2025/01/01/[7]abc")
        #expect(context.requestID == "req-1")
        #expect(context.deadline.timeIntervalSince1970 == 1_700_000_030)
    }

    @Test func environmentDefaults() {
        let environment = FunctionEnvironment { _ in nil }
        #expect(environment.runtimeAPI == nil)
        #expect(environment.functionVersion == "$LATEST")
        #expect(environment.memoryLimitInMB == 128)
    }

    @Test func remainingTimeArithmetic() throws {
        let invocation = try Invocation(headers: fullHeaders, payload: [])
        let context = FunctionContext(invocation: invocation, environment: FunctionEnvironment { _ in nil })
        #expect(context.remainingMilliseconds(now: 1_700_000_000_000) == 30_000)
        #expect(context.remainingMilliseconds(now: 1_700_000_029_999) == 1)
        #expect(context.remainingMilliseconds(now: 1_700_000_030_000) == 0)
        #expect(context.remainingMilliseconds(now: 1_800_000_000_000) == 0)  // past: clamped
        #expect(context.remainingMilliseconds(now: .min) == .max)  // overflow: saturates
    }

    @Test func remainingTimeAgainstTheRealClock() {
        let now = WallClock.nowMilliseconds()
        let context = FunctionContext(requestID: "r", deadline: .init(timeIntervalSince1970: Double(now + 10_000) / 1000))
        #expect((9_000...10_000).contains(context.remainingTimeInMilliseconds))
        #expect(context.remainingTime <= .seconds(10))
        #expect(context.remainingTime > .seconds(9))
        let expired = FunctionContext(requestID: "r", deadline: .init(timeIntervalSince1970: 0))
        #expect(expired.remainingTime == .zero)
    }
}
