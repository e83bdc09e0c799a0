@testable import BrumeStates
import BrumeWire
import Testing

@Suite("TestState")
struct StateTesterTests {
    /// Fails any task it is asked to run: mocked tests must never reach it.
    struct Unreachable: TaskInvoker {
        func invoke(_ request: TaskRequest) async throws(StatesError) -> JSONValue {
            throw StatesError("Test.Unexpected", "the real invoker was called")
        }
    }

    func json(_ text: String) -> JSONValue { try! JSONValue.parse(Array(text.utf8)) }

    func test(_ definition: String, input: String = "{}", mock: StateTester.Mock? = nil, retryCount: Int64 = 0,
              stateName: String? = nil) async throws -> StateTester.Outcome {
        try await StateTester(invoker: Unreachable()).test(.init(
            definition: definition, stateName: stateName, input: json(input), retryCount: retryCount, mock: mock
        ))
    }

    @Test("a Pass state reports its output, next state and each data-flow step")
    func pass() async throws {
        let outcome = try await test(
            #"{"Type":"Pass","InputPath":"$.a","Parameters":{"x.$":"$.b"},"ResultPath":"$.out","Next":"After"}"#,
            input: #"{"a":{"b":1},"keep":true}"#
        )
        #expect(outcome.status == "SUCCEEDED")
        #expect(outcome.nextState == "After")
        #expect(outcome.output == json(#"{"a":{"b":1},"keep":true,"out":{"x":1}}"#))
        #expect(outcome.inspection["afterInputPath"] == .string(#"{"b":1}"#))
        #expect(outcome.inspection["afterParameters"] == .string(#"{"x":1}"#))
        #expect(outcome.inspection["afterResultPath"] == .string(#"{"a":{"b":1},"keep":true,"out":{"x":1}}"#))
    }

    @Test("a mocked Task goes through ResultSelector and ResultPath")
    func mockedTask() async throws {
        let outcome = try await test(
            #"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"ResultSelector":{"v.$":"$.Payload"},"ResultPath":"$.r","End":true}"#,
            input: #"{"in":1}"#, mock: .result(json(#"{"Payload":7}"#))
        )
        #expect(outcome.status == "SUCCEEDED" && outcome.nextState == nil)
        #expect(outcome.output == json(#"{"in":1,"r":{"v":7}}"#))
        #expect(outcome.inspection["result"] == .string(#"{"Payload":7}"#))
        #expect(outcome.inspection["afterResultSelector"] == .string(#"{"v":7}"#))
    }

    @Test("an error a retrier still covers is RETRIABLE with its backoff; once attempts are used up a catcher takes it")
    func retryThenCatch() async throws {
        let state = #"""
            {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true,
             "Retry":[{"ErrorEquals":["Other"]},{"ErrorEquals":["Boom"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":2}],
             "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Handle"}]}
            """#
        let retriable = try await test(state, mock: .failure(error: "Boom", cause: "c"), retryCount: 1)
        #expect(retriable.status == "RETRIABLE")
        #expect(retriable.inspection["errorDetails"] == .object(["retryIndex": .int(1), "retryBackoffIntervalSeconds": .int(6)]))
        let caught = try await test(state, input: #"{"x":1}"#, mock: .failure(error: "Boom", cause: "c"), retryCount: 2)
        #expect(caught.status == "CAUGHT_ERROR")
        #expect(caught.nextState == "Handle")
        #expect(caught.output == json(#"{"x":1,"error":{"Error":"Boom","Cause":"c"}}"#))
        #expect(caught.error == "Boom" && caught.cause == "c")
    }

    @Test("an error nothing handles is FAILED; a Fail state fails with its error")
    func failures() async throws {
        let failed = try await test(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}"#, mock: .failure(error: "Boom", cause: "c"))
        #expect(failed.status == "FAILED" && failed.error == "Boom")
        let fail = try await test(#"{"Type":"Fail","Error":"Bad","Cause":"why"}"#)
        #expect(fail.status == "FAILED" && fail.error == "Bad" && fail.cause == "why")
    }

    @Test("a Choice reports the branch it takes, including one back to itself")
    func choice() async throws {
        let state = #"{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":5,"Next":"Big"},{"Variable":"$.n","NumericEquals":0,"Next":"Loop"}],"Default":"Small"}"#
        #expect(try await test(state, input: #"{"n":9}"#, stateName: nil).nextState == "Big")
        #expect(try await test(state, input: #"{"n":1}"#).nextState == "Small")
        let looping = #"{"StartAt":"Loop","States":{"Loop":\#(state),"Big":{"Type":"Succeed"},"Small":{"Type":"Succeed"}}}"#
        #expect(try await test(looping, input: #"{"n":0}"#, stateName: "Loop").nextState == "Loop")
    }

    @Test("a state of a whole machine is picked by name; unknown names and Map states are refused")
    func machineDefinitions() async throws {
        let machine = #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Result":1,"End":true}}}"#
        #expect(try await test(machine, stateName: "B").output == .int(1))
        #expect(try await test(machine).nextState == "B")
        await #expect(throws: StateTester.Failure.self) { try await test(machine, stateName: "Z") }
        await #expect(throws: StateTester.Failure.self) {
            try await test(#"{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#)
        }
        await #expect(throws: StateTester.Failure.self) { try await test(#"{"Type":"Pass","Next":3}"#) }
    }

    @Test("a Wait state does not wait")
    func wait() async throws {
        let outcome = try await test(#"{"Type":"Wait","Seconds":3600,"Next":"Later"}"#, input: #"{"k":1}"#)
        #expect(outcome.status == "SUCCEEDED" && outcome.nextState == "Later" && outcome.output == json(#"{"k":1}"#))
    }
}
