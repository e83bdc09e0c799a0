public import BrumeWire
public import Foundation

/// Runs a parsed state machine: states, data flow, Retry and Catch, Parallel branches, inline
/// Map iterations and Distributed Map runs, recording AWS's history events as it goes.
///
/// Pure apart from what it is given: tasks run through the ``TaskInvoker``, time passes through
/// the ``StatesClock``, events go to the ``HistoryRecorder``. Randomness (retry jitter,
/// `States.MathRandom` without a seed, `States.UUID`) is the only other input.
public struct Interpreter: Sendable {
    let invoker: any TaskInvoker
    let clock: any StatesClock
    let history: any HistoryRecorder
    /// Runs Distributed Maps' child executions; without one a Distributed Map fails with States.Runtime.
    let mapRuns: (any DistributedMapHost)?
    /// `history.recordsDetails`, read once rather than through the existential at every event.
    let recordsDetails: Bool

    public init(invoker: any TaskInvoker, clock: any StatesClock, history: any HistoryRecorder, mapRuns: (any DistributedMapHost)? = nil) {
        self.invoker = invoker
        self.clock = clock
        self.history = history
        self.mapRuns = mapRuns
        recordsDetails = history.recordsDetails
    }

    /// Runs an execution to its end (or until the calling task is cancelled, which stops it).
    public func run(_ definition: StateMachineDefinition, input: JSONValue, identity: ExecutionIdentity) async -> ExecutionOutcome {
        // The first state's entered event quotes the same text.
        let inputText = recordsDetails ? input.text : nil
        history.record(event("ExecutionStarted", "executionStartedEventDetails", [
            "input": .string(inputText ?? ""), "inputDetails": Self.notTruncated, "roleArn": .string(identity.roleARN),
        ]))
        let start = ResumePoint(stateName: definition.graph.startAt, input: input, enteredTime: nil, variables: [:])
        return await finish(definition, from: start, inputText: inputText, executionInput: input, identity: identity)
    }

    /// Continues an execution interrupted by a restart from the top-level state it was in.
    ///
    /// That state runs again from its start (at-least-once, as AWS runs a task whose worker
    /// was lost), but a Wait keeps its original deadline because `enteredTime` is kept.
    public func resume(
        _ definition: StateMachineDefinition, at point: ResumePoint, executionInput: JSONValue, identity: ExecutionIdentity
    ) async -> ExecutionOutcome {
        await finish(definition, from: point, inputText: nil, executionInput: executionInput, identity: identity)
    }

    /// Runs from `point`, whose input's JSON text is `inputText` if the caller wrote it already.
    private func finish(
        _ definition: StateMachineDefinition, from point: ResumePoint, inputText: String?, executionInput: JSONValue,
        identity: ExecutionIdentity
    ) async -> ExecutionOutcome {
        let execution = ExecutionContext(identity: identity, input: executionInput, paths: definition.paths)
        let outcome: ExecutionOutcome
        do throws(StatesError) {
            let output = try await withExecutionTimeout(definition.timeoutSeconds, identity: identity) { () async throws(StatesError) -> JSONValue in
                try await runGraph(
                    definition.graph, input: point.input, execution: execution, variables: point.variables,
                    from: point.stateName, firstEnteredTime: point.enteredTime, inputText: inputText
                )
            }
            outcome = .succeeded(output)
        } catch {
            outcome = .failed(error)
        }
        switch outcome {
        case .succeeded(let output):
            history.record(event("ExecutionSucceeded", "executionSucceededEventDetails", [
                "output": .string(output.text), "outputDetails": Self.notTruncated,
            ]))
        case .failed(let error) where error.error == StatesErrorName.timeout && error.cause == Self.executionTimeoutCause:
            history.record(event("ExecutionTimedOut", "executionTimedOutEventDetails", [
                "error": .string(error.error), "cause": .string(error.cause),
            ]))
        case .failed(let error):
            history.record(event("ExecutionFailed", "executionFailedEventDetails", [
                "error": .string(error.error), "cause": .string(error.cause),
            ]))
        }
        return outcome
    }

    static let executionTimeoutCause = "The execution timed out."

    /// Runs `body`, failing with `States.Timeout` once the machine's TimeoutSeconds have passed.
    private func withExecutionTimeout(
        _ seconds: Int64?, identity: ExecutionIdentity, _ body: @escaping @Sendable () async throws(StatesError) -> JSONValue
    ) async throws(StatesError) -> JSONValue {
        guard let seconds else { return try await body() }
        let deadline = identity.startTime.addingTimeInterval(TimeInterval(seconds))
        return try await race(body, deadline: deadline, timeout: StatesError(StatesErrorName.timeout, Self.executionTimeoutCause))
    }

    /// Runs `body` unless `deadline` comes first, in which case it is cancelled and `timeout` is thrown.
    func race(
        _ body: @escaping @Sendable () async throws(StatesError) -> JSONValue, deadline: Date, timeout: StatesError
    ) async throws(StatesError) -> JSONValue {
        let clock = self.clock
        let result: Result<JSONValue, StatesError> = await withTaskGroup(of: Result<JSONValue, StatesError>?.self) { group in
            group.addTask {
                do throws(StatesError) { return .success(try await body()) } catch { return .failure(error) }
            }
            group.addTask {
                do { try await clock.sleep(until: deadline) } catch { return nil }
                return .failure(timeout)
            }
            var first: Result<JSONValue, StatesError>?
            while first == nil, let next = await group.next() { first = next }
            group.cancelAll()
            return first ?? .failure(timeout)
        }
        return try result.get()
    }

    /// Runs one graph (the machine, a Parallel branch, a Map iteration) from StartAt to its end.
    func runGraph(
        _ graph: StateGraph, input: JSONValue, execution: ExecutionContext, variables: JSONObject, mapItem: (Int, JSONValue)? = nil,
        from start: String? = nil, firstEnteredTime: Date? = nil, inputText: String? = nil
    ) async throws(StatesError) -> JSONValue {
        if graph.neverWaits {
            return try runGraphWithoutWaiting(
                graph, input: input, execution: execution, variables: variables, mapItem: mapItem,
                from: start, firstEnteredTime: firstEnteredTime, inputText: inputText
            )
        }
        var walk = try GraphWalk(graph, from: start, input: input, inputText: inputText, variables: variables, firstEnteredTime: firstEnteredTime)
        while true {
            try checkCancellation()
            let step = try await runState(
                graph.nodes[walk.position], input: walk.data, inputText: &walk.dataText, execution: execution, variables: &walk.variables,
                mapItem: mapItem, enteredTime: walk.enteredTime
            )
            if let output = try walk.advance(step, in: graph) { return output }
        }
    }

    /// Runs a graph whose states never wait (``StateGraph/neverWaits``) without an asynchronous
    /// call; same contract as ``runGraph(_:input:execution:variables:mapItem:from:firstEnteredTime:inputText:)``.
    /// A stop still ends it between states.
    func runGraphWithoutWaiting(
        _ graph: StateGraph, input: JSONValue, execution: ExecutionContext, variables: JSONObject, mapItem: (Int, JSONValue)? = nil,
        from start: String? = nil, firstEnteredTime: Date? = nil, inputText: String? = nil
    ) throws(StatesError) -> JSONValue {
        var walk = try GraphWalk(graph, from: start, input: input, inputText: inputText, variables: variables, firstEnteredTime: firstEnteredTime)
        while true {
            try checkCancellation()
            let step = try runStateWithoutWaiting(
                graph.nodes[walk.position], input: walk.data, inputText: &walk.dataText, execution: execution, variables: &walk.variables,
                mapItem: mapItem, enteredTime: walk.enteredTime
            )
            if let output = try walk.advance(step, in: graph) { return output }
        }
    }

    func checkCancellation() throws(StatesError) {
        if Task.isCancelled { throw StatesError("States.Cancelled", "The execution was stopped.") }
    }

    /// The `...Details` member of events that carry a payload: shared, so each event retains it
    /// instead of building a one-member object.
    static let notTruncated: JSONValue = ["truncated": false]

    /// Builds a history event stamped with the clock's time; `details` is evaluated only when the
    /// recorder reads details.
    func event(_ type: String, _ detailsName: String? = nil, _ details: @autoclosure () -> JSONObject = [:]) -> HistoryEvent {
        let details = recordsDetails ? detailsName.map { ($0, details()) } : nil
        return HistoryEvent(type: type, details: details, timestamp: clock.now())
    }
}

/// Where an interrupted execution picks up: the top-level state it was in, with that state's
/// input, the time it was first entered (nil: now) and the variables assigned before it.
public struct ResumePoint: Sendable, Equatable {
    public var stateName: String
    public var input: JSONValue
    public var enteredTime: Date?
    public var variables: JSONObject

    public init(stateName: String, input: JSONValue, enteredTime: Date?, variables: JSONObject) {
        self.stateName = stateName
        self.input = input
        self.enteredTime = enteredTime
        self.variables = variables
    }
}

/// Where a state goes after it ran.
enum StateStep: Sendable {
    case next(String, JSONValue)
    case end(JSONValue)
}

/// What every state of one execution shares: its identity and input, for the Context object.
///
/// A class so each state's frame (and each Map iteration's task) holds one reference instead
/// of a copy of the identity's strings.
final class ExecutionContext: Sendable {
    let identity: ExecutionIdentity
    let input: JSONValue
    /// The definition's paths, parsed with it.
    let paths: ParsedPaths

    init(identity: ExecutionIdentity, input: JSONValue, paths: ParsedPaths) {
        self.identity = identity
        self.input = input
        self.paths = paths
    }

    /// The Context object (`$$`) while `state` runs, entered at `enteredTime`.
    func contextObject(state: String, enteredTime: Date, retryCount: Int, mapItem: (Int, JSONValue)?, taskToken: String? = nil) -> JSONValue {
        var context: JSONObject = [
            "Execution": [
                "Id": .string(identity.executionARN),
                "Input": input,
                "StartTime": .string(StatesTime.format(identity.startTime)),
                "Name": .string(identity.name),
                "RoleArn": .string(identity.roleARN),
                "RedriveCount": 0,
            ],
            "StateMachine": ["Id": .string(identity.stateMachineARN), "Name": .string(identity.stateMachineName)],
            "State": [
                "EnteredTime": .string(StatesTime.format(enteredTime)),
                "Name": .string(state),
                "RetryCount": .int(Int64(retryCount)),
            ],
        ]
        if let taskToken { context["Task"] = ["Token": .string(taskToken)] }
        if let (index, value) = mapItem { context["Map"] = ["Item": ["Index": .int(Int64(index)), "Value": value]] }
        return .object(context)
    }
}

/// Step Functions' timestamp format: ISO 8601 with milliseconds and `Z`.
enum StatesTime {
    /// Formats without Foundation's Calendar, which cost a fifth of a Pass state's time.
    static func format(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (days, millisOfDay) = (floorDivide(millis, 86_400_000), millis - floorDivide(millis, 86_400_000) * 86_400_000)
        let (year, month, day) = StatesTimestamp.civil(fromDays: days)
        let seconds = millisOfDay / 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):"
            + "\(pad(seconds % 60, 2)).\(pad(millisOfDay % 1000, 3))Z"
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension JSONValue {
    /// The compact JSON text of the value, as history events carry inputs and outputs.
    var text: String { String(decoding: serialized, as: UTF8.self) }
}
