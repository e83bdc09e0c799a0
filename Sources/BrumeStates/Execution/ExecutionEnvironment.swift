public import BrumeWire
public import Foundation

/// Runs what a Task state names. The service implements it over HTTP (Lambda, SQS, S3, nested
/// executions); tests implement it in memory.
public protocol TaskInvoker: Sendable {
    /// Runs `request.resource` with `request.input` and returns its result, or throws the task's
    /// error (`StatesError` with the task's own error name, or `States.TaskFailed`).
    func invoke(_ request: TaskRequest) async throws(StatesError) -> JSONValue
}

/// One Task state's call.
public struct TaskRequest: Sendable {
    public var resource: String
    /// The effective input: after InputPath and Parameters.
    public var input: JSONValue
    public var stateName: String
    public var timeoutSeconds: Int64?
    public var heartbeatSeconds: Int64?
    /// The Context object the task saw (`$$`), including `Task.Token` for callback tasks.
    public var context: JSONValue
    /// The token of a callback task (`.waitForTaskToken`), also at `$$.Task.Token`.
    public var taskToken: String?
    /// Records TaskSubmitted with the service's answer: callback and `.sync` tasks call it once
    /// the request that starts the work succeeded, before they wait for its end.
    public var submitted: @Sendable (JSONValue) async -> Void

    public init(
        resource: String, input: JSONValue, stateName: String, timeoutSeconds: Int64? = nil, heartbeatSeconds: Int64? = nil,
        context: JSONValue = .object([:]), taskToken: String? = nil, submitted: @escaping @Sendable (JSONValue) async -> Void = { _ in }
    ) {
        self.resource = resource
        self.input = input
        self.stateName = stateName
        self.timeoutSeconds = timeoutSeconds
        self.heartbeatSeconds = heartbeatSeconds
        self.context = context
        self.taskToken = taskToken
        self.submitted = submitted
    }
}

/// The time an execution runs on: the stack's clock, possibly scaled, or a test's virtual clock.
public protocol StatesClock: Sendable {
    func now() -> Date
    /// Returns at `deadline`, or throws `CancellationError` when the task is cancelled first.
    func sleep(until deadline: Date) async throws
}

/// Where an execution's history events go, in order.
public protocol HistoryRecorder: Sendable {
    /// Records `event` and returns its id (1, 2, ...), which errors quote ("entered at the event id #4").
    ///
    /// Synchronous, so states that only compute (Pass, Choice, Succeed, Fail) run with their
    /// events and without an asynchronous call: a Map over such states runs each item without
    /// allocating an async frame. A recorder that writes to storage does so before returning,
    /// as the id it returns must already be the event's.
    @discardableResult
    func record(_ event: HistoryEvent) -> Int

    /// Whether the recorder reads events' details. When false the interpreter sends each event
    /// with `details` nil and skips building them (and the JSON text of inputs and outputs they
    /// quote), which is most of a Pass state's cost; types, order and ids are unchanged. Read
    /// once, when an ``Interpreter`` is made with the recorder.
    var recordsDetails: Bool { get }
}

extension HistoryRecorder {
    /// Recorders keep the details unless they say otherwise.
    public var recordsDetails: Bool { true }
}

/// One history event, as GetExecutionHistory reports it: a type (`TaskStateEntered`) and the
/// details object of that type (`stateEnteredEventDetails`, ...).
public struct HistoryEvent: Sendable, Equatable {
    public var type: String
    /// The name of the details member (`stateEnteredEventDetails`) and its value, if the type has one.
    public var details: (name: String, value: JSONObject)?
    public var timestamp: Date

    public init(type: String, details: (name: String, value: JSONObject)? = nil, timestamp: Date) {
        self.type = type
        self.details = details
        self.timestamp = timestamp
    }

    public static func == (lhs: HistoryEvent, rhs: HistoryEvent) -> Bool {
        lhs.type == rhs.type && lhs.details?.name == rhs.details?.name && lhs.details?.value == rhs.details?.value
            && lhs.timestamp == rhs.timestamp
    }
}

/// What identifies an execution in its Context object.
public struct ExecutionIdentity: Sendable {
    public var executionARN: String
    public var name: String
    public var stateMachineARN: String
    public var stateMachineName: String
    public var roleARN: String
    public var startTime: Date

    public init(executionARN: String, name: String, stateMachineARN: String, stateMachineName: String, roleARN: String, startTime: Date) {
        self.executionARN = executionARN
        self.name = name
        self.stateMachineARN = stateMachineARN
        self.stateMachineName = stateMachineName
        self.roleARN = roleARN
        self.startTime = startTime
    }
}

/// How an execution ended.
public enum ExecutionOutcome: Sendable, Equatable {
    case succeeded(JSONValue)
    case failed(StatesError)
}
