import BrumeWire
import Foundation

extension Interpreter {
    /// Runs one state: its data flow, its work, its events; returns where to go next.
    ///
    /// `inputText` is the JSON text of `input` if the caller has it (nil: written here); on
    /// return it holds the output's text when the exited event wrote it, so the next state's
    /// entered event does not serialise the same value again. A state whose output is its input
    /// quotes the entered event's text again instead of writing it.
    func runState(
        _ state: State, input: JSONValue, inputText: inout String?, execution: ExecutionContext, variables: inout JSONObject,
        mapItem: (Int, JSONValue)?, enteredTime: Date? = nil
    ) async throws(StatesError) -> StateStep {
        let (frame, enteredText) = enter(
            state, input: input, inputText: &inputText, execution: execution, variables: variables, mapItem: mapItem, enteredTime: enteredTime
        )
        let outcome: (StateStep, JSONObject)
        switch state.kind {
        case .task(let task): outcome = try await runTask(task, frame)
        case .wait(let wait): outcome = try await runWait(wait, frame)
        case .parallel(let parallel): outcome = try await runParallel(parallel, frame)
        case .map(let map): outcome = try await runMap(map, frame)
        case .pass, .choice, .succeed, .fail: outcome = try compute(frame)
        }
        return leave(frame, outcome, enteredText: enteredText, inputText: &inputText, variables: &variables)
    }

    /// Runs one state that never waits (Pass, Choice, Succeed, Fail) without an asynchronous
    /// call, so a graph of such states allocates no async frame per state; same contract as
    /// ``runState(_:input:inputText:execution:variables:mapItem:enteredTime:)``.
    func runStateWithoutWaiting(
        _ state: State, input: JSONValue, inputText: inout String?, execution: ExecutionContext, variables: inout JSONObject,
        mapItem: (Int, JSONValue)?, enteredTime: Date? = nil
    ) throws(StatesError) -> StateStep {
        let (frame, enteredText) = enter(
            state, input: input, inputText: &inputText, execution: execution, variables: variables, mapItem: mapItem, enteredTime: enteredTime
        )
        let outcome = try compute(frame)
        return leave(frame, outcome, enteredText: enteredText, inputText: &inputText, variables: &variables)
    }

    /// Records the state's entered event and makes its frame; returns the JSON text the event
    /// quotes (nil when the recorder skips details).
    private func enter(
        _ state: State, input: JSONValue, inputText: inout String?, execution: ExecutionContext, variables: JSONObject,
        mapItem: (Int, JSONValue)?, enteredTime firstEntered: Date?
    ) -> (StateFrame, String?) {
        let enteredTime = firstEntered ?? clock.now()
        let enteredText = recordsDetails ? inputText ?? input.text : nil
        inputText = nil
        let enteredID = history.record(event(state.kind.enteredEventType, "stateEnteredEventDetails", [
            "name": .string(state.name), "input": .string(enteredText ?? ""), "inputDetails": Self.notTruncated,
        ]))
        let frame = StateFrame(
            state: state, input: input, execution: execution, variables: variables, mapItem: mapItem,
            enteredTime: enteredTime, enteredEventID: enteredID
        )
        return (frame, enteredText)
    }

    /// The work of a state that never waits: Pass, Choice, Succeed, Fail.
    private func compute(_ frame: StateFrame) throws(StatesError) -> (StateStep, JSONObject) {
        switch frame.state.kind {
        case .pass(let pass): return try runPass(pass, frame)
        case .choice(let choice): return try runChoice(choice, frame)
        case .succeed: return (.end(try runSucceed(frame)), [:])
        case .fail(let fail): try runFail(fail, frame)
        case .task, .wait, .parallel, .map:
            // Only graphs whose states all never wait run without waiting (`StateGraph.neverWaits`).
            preconditionFailure("State '\(frame.state.name)' waits; it cannot run without waiting")
        }
    }

    /// Sets the variables the state assigned and records its exited event; returns the step.
    private func leave(
        _ frame: StateFrame, _ outcome: (StateStep, JSONObject), enteredText: String?, inputText: inout String?,
        variables: inout JSONObject
    ) -> StateStep {
        let (step, assigned) = outcome
        let state = frame.state
        for (name, value) in assigned { variables[name] = value }
        let output: JSONValue = switch step {
        case .next(_, let output), .end(let output): output
        }
        if recordsDetails {
            let outputText = (state.outputIsInput ? enteredText : nil) ?? output.text
            let exited: JSONObject = if assigned.isEmpty {
                ["name": .string(state.name), "output": .string(outputText), "outputDetails": Self.notTruncated]
            } else {
                // AWS lists each assigned variable's value as JSON text.
                [
                    "name": .string(state.name), "output": .string(outputText), "outputDetails": Self.notTruncated,
                    "assignedVariables": .object(JSONObject(assigned.map { ($0.key, JSONValue.string($0.value.text)) })),
                    "assignedVariablesDetails": Self.notTruncated,
                ]
            }
            history.record(event(state.kind.exitedEventType, "stateExitedEventDetails", exited))
            inputText = outputText
        } else {
            history.record(event(state.kind.exitedEventType, "stateExitedEventDetails"))
        }
        return step
    }

    // MARK: Pass, Choice, Wait, Succeed, Fail

    private func runPass(_ pass: State.Pass, _ frame: StateFrame) throws(StatesError) -> (StateStep, JSONObject) {
        if pass.parameters == nil, frame.state.assign == nil, frame.state.inputPath == nil, frame.state.outputPath == nil,
           pass.resultPath == nil {
            // Every path is the default `$`, so nothing reads a path: the Result (or the input) is the output.
            return (frame.step(pass.result ?? frame.input), [:])
        }
        let flow = DataFlow(
            inputPath: frame.state.inputPath ?? "$", parameters: pass.parameters,
            resultPath: pass.resultPath ?? "$", outputPath: frame.state.outputPath ?? "$"
        )
        return try frame.runtime { () throws(StatesError) in
            let scope = frame.scope(frame.input)
            let result: JSONValue
            if let fixed = pass.result { result = fixed } else { result = try flow.effectiveInput(scope, intrinsic: Self.intrinsic) }
            let output = try flow.effectiveOutput(scope, result: result, intrinsic: Self.intrinsic)
            return (frame.step(output), try frame.assignments(result: result))
        }
    }

    private func runChoice(_ choice: State.Choice, _ frame: StateFrame) throws(StatesError) -> (StateStep, JSONObject) {
        try frame.runtime { () throws(StatesError) in
            let selected = try DataFlow.select(frame.state.inputPath ?? "$", field: "InputPath", scope: frame.scope(frame.input))
            let scope = frame.scope(selected)
            let decision = try ChoiceEvaluation.choose(
                rules: choice.branches, default: choice.default,
                resolve: { path throws(StatesError) in try Self.resolveIfPresent(path, in: scope) }
            )
            let output = try DataFlow.select(frame.state.outputPath ?? "$", field: "OutputPath", scope: frame.scope(selected))
            var assigned = try frame.assignments(result: selected)
            if let assign = decision.assign {
                let values = try PayloadTemplate.evaluate(assign, in: scope, intrinsic: Self.intrinsic).objectValue ?? [:]
                for (name, value) in values { assigned[name] = value }
            }
            return (.next(decision.next, output), assigned)
        }
    }

    private func runWait(_ wait: State.Wait, _ frame: StateFrame) async throws(StatesError) -> (StateStep, JSONObject) {
        let (selected, deadline) = try frame.runtime { () throws(StatesError) in
            let selected = try DataFlow.select(frame.state.inputPath ?? "$", field: "InputPath", scope: frame.scope(frame.input))
            let scope = frame.scope(selected)
            let deadline: Date
            switch wait {
            case .seconds(let seconds):
                deadline = frame.enteredTime.addingTimeInterval(TimeInterval(seconds))
            case .secondsPath(let path):
                guard let seconds = try Self.resolve(path, in: scope).intValue, seconds >= 0 else {
                    throw .runtime("The SecondsPath parameter does not reference a valid integer value: \(path)")
                }
                deadline = frame.enteredTime.addingTimeInterval(TimeInterval(seconds))
            case .timestamp(let text):
                guard let timestamp = StatesTimestamp(text) else { throw .runtime("The Timestamp parameter is not a valid timestamp: \(text)") }
                deadline = timestamp.date
            case .timestampPath(let path):
                guard let text = try Self.resolve(path, in: scope).stringValue, let date = StatesTimestamp(text)?.date else {
                    throw .runtime("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: \(path)")
                }
                deadline = date
            }
            return (selected, deadline)
        }
        do {
            try await clock.sleep(until: deadline)
        } catch {
            throw StatesError("States.Cancelled", "The execution was stopped.")
        }
        let output = try frame.runtime { () throws(StatesError) in
            try DataFlow.select(frame.state.outputPath ?? "$", field: "OutputPath", scope: frame.scope(selected))
        }
        return (frame.step(output), try frame.runtime { () throws(StatesError) in try frame.assignments(result: selected) })
    }

    private func runSucceed(_ frame: StateFrame) throws(StatesError) -> JSONValue {
        try frame.runtime { () throws(StatesError) in
            let selected = try DataFlow.select(frame.state.inputPath ?? "$", field: "InputPath", scope: frame.scope(frame.input))
            return try DataFlow.select(frame.state.outputPath ?? "$", field: "OutputPath", scope: frame.scope(selected))
        }
    }

    private func runFail(_ fail: State.Fail, _ frame: StateFrame) throws(StatesError) -> Never {
        let scope = frame.scope(frame.input)
        let error = try frame.runtime { () throws(StatesError) in
            try fail.errorPath.map { path throws(StatesError) in try Self.pathOrIntrinsic(path, in: scope).stringValue ?? "" } ?? fail.error
        }
        let cause = try frame.runtime { () throws(StatesError) in
            try fail.causePath.map { path throws(StatesError) in try Self.pathOrIntrinsic(path, in: scope).stringValue ?? "" } ?? fail.cause
        }
        throw StatesError(error ?? "", cause ?? "")
    }

    // MARK: Paths and intrinsics

    /// A path's value; a path that does not resolve is `States.Runtime`.
    static func resolve(_ path: String, in scope: PathScope) throws(StatesError) -> JSONValue {
        try JSONPath.value(
            of: path, in: scope,
            invalid: { error in .runtime("Invalid path '\(path)': \(error.reason)") },
            missing: { _, failure in .runtime("Invalid path '\(path)' : \(failure.message)") }
        )
    }

    /// The value of a field that takes a reference path or an intrinsic function (ErrorPath, CausePath).
    static func pathOrIntrinsic(_ text: String, in scope: PathScope) throws(StatesError) -> JSONValue {
        text.hasPrefix("States.") ? try intrinsic(text, scope) : try resolve(text, in: scope)
    }

    /// A path's value, or nil when the path does not exist (Choice's IsPresent).
    static func resolveIfPresent(_ path: String, in scope: PathScope) throws(StatesError) -> JSONValue? {
        guard let parsed = try? scope.paths.selection(path) else { throw .runtime("Invalid path '\(path)'") }
        return try? parsed.evaluate(in: scope)
    }

    /// Evaluates an intrinsic function call with its path arguments read from `scope`.
    static func intrinsic(_ expression: String, _ scope: PathScope) throws(StatesError) -> JSONValue {
        try IntrinsicFunctions.evaluate(expression, resolve: { path throws(StatesError) in try resolve(path, in: scope) })
    }
}

/// One running state: what it was given and how to describe it in errors.
struct StateFrame: Sendable {
    let state: State
    /// The raw state input (ResultPath merges into it).
    let input: JSONValue
    let execution: ExecutionContext
    let variables: JSONObject
    let mapItem: (Int, JSONValue)?
    let enteredTime: Date
    let enteredEventID: Int

    func context(retryCount: Int = 0, taskToken: String? = nil) -> JSONValue {
        execution.contextObject(state: state.name, enteredTime: enteredTime, retryCount: retryCount, mapItem: mapItem, taskToken: taskToken)
    }

    func scope(_ input: JSONValue, retryCount: Int = 0, taskToken: String? = nil) -> PathScope {
        // The closure captures only what the Context object needs, not the whole frame (whose
        // copy costs a retain and release of every field of the state, once per state).
        let (execution, name, enteredTime, mapItem) = (execution, state.name, enteredTime, mapItem)
        var scope = PathScope(
            input: input,
            lazyContext: {
                execution.contextObject(
                    state: name, enteredTime: enteredTime, retryCount: retryCount, mapItem: mapItem, taskToken: taskToken
                )
            },
            variables: variables
        )
        scope.paths = execution.paths
        return scope
    }

    func step(_ output: JSONValue) -> StateStep {
        if case .next(let name) = state.transition { return .next(name, output) }
        return .end(output)
    }

    /// The variables the state's `Assign` sets, evaluated against `result`.
    func assignments(result: JSONValue) throws(StatesError) -> JSONObject {
        guard let assign = state.assign else { return [:] }
        let value = try PayloadTemplate.evaluate(assign, in: scope(result), intrinsic: Interpreter.intrinsic)
        return value.objectValue ?? [:]
    }

    /// Runs data-flow work; a `States.Runtime` failure gets AWS's prefix naming the state.
    func runtime<T>(_ work: () throws(StatesError) -> T) throws(StatesError) -> T {
        do {
            return try work()
        } catch where error.error == StatesErrorName.runtime && !error.cause.hasPrefix("An error occurred while executing") {
            throw StatesError(
                error.error,
                "An error occurred while executing the state '\(state.name)' (entered at the event id #\(enteredEventID)). \(error.cause)"
            )
        }
    }
}

extension State {
    /// Whether the state's output is always its input, when it succeeds: no field that could
    /// change it is set (Assign changes variables, not the output).
    var outputIsInput: Bool {
        guard inputPath == nil, outputPath == nil else { return false }
        switch kind {
        case .pass(let pass): return pass.resultPath == .some(nil) || (pass.result == nil && pass.parameters == nil && pass.resultPath == nil)
        case .choice, .wait, .succeed: return true
        case .task, .fail, .parallel, .map: return false
        }
    }
}

extension State.Kind {
    /// `PassStateEntered`, ...: literals, so no string is built for each state.
    var enteredEventType: String {
        switch self {
        case .pass: "PassStateEntered"
        case .task: "TaskStateEntered"
        case .choice: "ChoiceStateEntered"
        case .wait: "WaitStateEntered"
        case .succeed: "SucceedStateEntered"
        case .fail: "FailStateEntered"
        case .parallel: "ParallelStateEntered"
        case .map: "MapStateEntered"
        }
    }

    /// `PassStateExited`, ...
    var exitedEventType: String {
        switch self {
        case .pass: "PassStateExited"
        case .task: "TaskStateExited"
        case .choice: "ChoiceStateExited"
        case .wait: "WaitStateExited"
        case .succeed: "SucceedStateExited"
        case .fail: "FailStateExited"
        case .parallel: "ParallelStateExited"
        case .map: "MapStateExited"
        }
    }
}
