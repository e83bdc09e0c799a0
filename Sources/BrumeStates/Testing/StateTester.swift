public import BrumeWire
public import Foundation

/// Runs one state in isolation, as Step Functions' TestState does: the state's data flow and its
/// task (or a mocked result), without waiting, retrying or moving on.
///
/// The state runs inside a one-state machine built around it (its `Next`, `Default` and Choice
/// targets become stub states, its Retry and Catch are set aside), so it goes through the same
/// interpreter as an execution. Then, as TestState reports it:
/// - success is `SUCCEEDED` with the output and the state it would go to next;
/// - an error a retrier would still retry is `RETRIABLE`, with the retrier's index and backoff;
/// - an error a catcher takes is `CAUGHT_ERROR`, with the catcher's output and `Next`;
/// - anything else is `FAILED`.
public struct StateTester: Sendable {
    /// What to test.
    public struct Request: Sendable {
        /// A state's JSON, or a whole machine with ``stateName`` picking the state (its StartAt by default).
        public var definition: String
        public var stateName: String?
        public var input: JSONValue
        public var variables: JSONObject
        /// How many retries the state has already made (`stateConfiguration.retrierRetryCount`).
        public var retryCount: Int64
        /// A result or error to use instead of calling the Task's resource.
        public var mock: Mock?

        public init(definition: String, stateName: String?, input: JSONValue, variables: JSONObject = [:], retryCount: Int64 = 0, mock: Mock? = nil) {
            self.definition = definition
            self.stateName = stateName
            self.input = input
            self.variables = variables
            self.retryCount = retryCount
            self.mock = mock
        }
    }

    /// A Task's mocked outcome.
    public enum Mock: Sendable, Equatable {
        case result(JSONValue)
        case failure(error: String, cause: String)
    }

    /// How the state ended, in TestState's terms.
    public struct Outcome: Sendable, Equatable {
        public var status: String
        public var output: JSONValue?
        public var error: String?
        public var cause: String?
        public var nextState: String?
        /// TestState's `inspectionData` at DEBUG level: each data-flow step's value.
        public var inspection: JSONObject
    }

    /// Why a request cannot be tested.
    public enum Failure: Error, Sendable, Equatable {
        /// The definition is not valid; carries the InvalidDefinition message.
        case invalidDefinition(String)
        /// The request asks for something TestState (or Brume's) does not do; carries the message.
        case unsupported(String)
    }

    let invoker: any TaskInvoker

    public init(invoker: any TaskInvoker) {
        self.invoker = invoker
    }

    public func test(_ request: Request) async throws(Failure) -> Outcome {
        let (name, stateJSON) = try Self.locate(request)
        let wrapped = try Self.wrap(name: name, state: stateJSON)
        let definition: StateMachineDefinition
        let asWritten: StateMachineDefinition
        do {
            asWritten = try StateMachineDefinition.parse(String(decoding: JSONValue.object(wrapped.original).serialized, as: UTF8.self))
            definition = try StateMachineDefinition.parse(String(decoding: JSONValue.object(wrapped.machine).serialized, as: UTF8.self))
        } catch {
            throw .invalidDefinition(error.message)
        }
        guard let state = asWritten.graph.states[name] else { throw .invalidDefinition("The state '\(name)' is not in the definition") }
        if case .task(let task) = state.kind, request.mock == nil,
           task.resource.hasSuffix(".waitForTaskToken") || task.resource.contains(".sync") {
            throw .unsupported("TestState does not run .sync or .waitForTaskToken tasks; give a mock result for state '\(name)'.")
        }
        let recorder = TestHistory()
        let invoker: any TaskInvoker = request.mock.map { MockInvoker(mock: $0) } ?? self.invoker
        let interpreter = Interpreter(invoker: invoker, clock: ImmediateClock(), history: recorder)
        let identity = ExecutionIdentity(
            executionARN: "arn:aws:states:us-east-1:000000000000:execution:TestState:test", name: "test",
            stateMachineARN: "arn:aws:states:us-east-1:000000000000:stateMachine:TestState", stateMachineName: "TestState",
            roleARN: "", startTime: Date()
        )
        let start = ResumePoint(stateName: name, input: request.input, enteredTime: nil, variables: request.variables)
        let outcome = await interpreter.resume(definition, at: start, executionInput: request.input, identity: identity)
        let events = recorder.events
        let inspection = Self.inspection(state, input: request.input, variables: request.variables, events: events, mock: request.mock)
        switch outcome {
        case .succeeded(let output):
            let entered = events.filter { $0.type.hasSuffix("StateEntered") }.compactMap { $0.details?.value["name"]?.stringValue }
            let next = entered.dropFirst().first.map(wrapped.targetName) ?? wrapped.next
            return Outcome(status: "SUCCEEDED", output: output, nextState: next, inspection: inspection)
        case .failed(let error):
            return Self.handle(error, state: state, input: request.input, retryCount: request.retryCount, inspection: inspection)
        }
    }

    // MARK: Errors

    /// What Retry and Catch would do with `error`, without doing it.
    static func handle(_ error: StatesError, state: State, input: JSONValue, retryCount: Int64, inspection: JSONObject) -> Outcome {
        var inspection = inspection
        let (retriers, catchers) = state.errorHandlers
        if let index = retriers.firstIndex(where: { Interpreter.matches($0.errorEquals, error) }) {
            let retrier = retriers[index]
            if retryCount < retrier.maxAttempts {
                var backoff = Double(retrier.intervalSeconds) * pow(retrier.backoffRate, Double(retryCount))
                if let cap = retrier.maxDelaySeconds { backoff = min(backoff, Double(cap)) }
                inspection["errorDetails"] = .object(["retryIndex": .int(Int64(index)), "retryBackoffIntervalSeconds": .int(Int64(backoff.rounded(.up)))])
                return Outcome(status: "RETRIABLE", error: error.error, cause: error.cause, inspection: inspection)
            }
        }
        if let index = catchers.firstIndex(where: { Interpreter.matches($0.errorEquals, error) }) {
            let catcher = catchers[index]
            let errorOutput: JSONValue = .object(["Error": .string(error.error), "Cause": .string(error.cause)])
            let output = (try? DataFlow.resultPath(catcher.resultPath ?? "$", input: input, result: errorOutput)) ?? errorOutput
            inspection["errorDetails"] = .object(["catchIndex": .int(Int64(index))])
            return Outcome(status: "CAUGHT_ERROR", output: output, error: error.error, cause: error.cause, nextState: catcher.next,
                           inspection: inspection)
        }
        return Outcome(status: "FAILED", error: error.error, cause: error.cause, inspection: inspection)
    }

    // MARK: Inspection

    /// The data-flow steps TestState shows at DEBUG level, as JSON text.
    static func inspection(_ state: State, input: JSONValue, variables: JSONObject, events: [HistoryEvent], mock: Mock?) -> JSONObject {
        var data: JSONObject = ["input": .string(input.text)]
        let scope = PathScope(input: input, context: .object([:]), variables: variables)
        guard let afterInputPath = try? DataFlow.select(state.inputPath ?? "$", field: "InputPath", scope: scope) else { return data }
        data["afterInputPath"] = .string(afterInputPath.text)
        let flow: DataFlow
        var result: JSONValue?
        switch state.kind {
        case .pass(let pass):
            flow = DataFlow(inputPath: state.inputPath ?? "$", parameters: pass.parameters, resultPath: pass.resultPath ?? "$")
            result = pass.result
        case .task(let task):
            flow = DataFlow(inputPath: state.inputPath ?? "$", parameters: task.parameters, resultSelector: task.resultSelector,
                            resultPath: task.resultPath ?? "$")
            if case .result(let value)? = mock {
                result = value
            } else if let succeeded = events.first(where: { $0.type == "TaskSucceeded" || $0.type == "LambdaFunctionSucceeded" }),
                      let text = succeeded.details?.value["output"]?.stringValue {
                result = try? JSONValue.parse(Array(text.utf8))
            }
        default:
            return data
        }
        guard let afterParameters = try? flow.effectiveInput(scope, intrinsic: Interpreter.intrinsic) else { return data }
        data["afterParameters"] = .string(afterParameters.text)
        let produced = result ?? afterParameters
        data["result"] = .string(produced.text)
        var selected = produced
        if let selector = flow.resultSelector {
            var resultScope = scope
            resultScope.input = produced
            guard let value = try? PayloadTemplate.evaluate(selector, in: resultScope, intrinsic: Interpreter.intrinsic) else { return data }
            selected = value
        }
        data["afterResultSelector"] = .string(selected.text)
        if let combined = try? DataFlow.resultPath(flow.resultPath, input: input, result: selected) {
            data["afterResultPath"] = .string(combined.text)
        }
        return data
    }
}
