import BrumeWire
import Foundation

/// One state machine as stored: what DescribeStateMachine reports.
struct StateMachineRecord: Sendable, Equatable {
    var arn: String
    var name: String
    var type: StateMachineType
    var definition: String
    var roleARN: String
    /// `loggingConfiguration` as given (AWS's default when not).
    var logging: JSONValue
    /// `tracingConfiguration` as given (AWS's default when not).
    var tracing: JSONValue
    var tags: [Tag]
    var creationDate: Date
    /// Set by UpdateStateMachine.
    var updateDate: Date?
    var revisionID: String?

    static let defaultLogging: JSONValue = ["level": "OFF", "includeExecutionData": false]
    static let defaultTracing: JSONValue = ["enabled": false]
}

/// STANDARD or EXPRESS.
enum StateMachineType: String, Sendable, Equatable {
    case standard = "STANDARD"
    case express = "EXPRESS"
}

/// A resource tag, in the order it was added.
struct Tag: Sendable, Equatable {
    var key: String
    var value: String
}

/// An execution's status as DescribeExecution reports it.
enum ExecutionStatus: String, Sendable, Equatable, CaseIterable {
    case running = "RUNNING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case timedOut = "TIMED_OUT"
    case aborted = "ABORTED"
    case pendingRedrive = "PENDING_REDRIVE"
}

/// One execution: what DescribeExecution and ListExecutions report, plus the state machine as
/// it was when the execution started (DescribeStateMachineForExecution).
struct ExecutionRecord: Sendable, Equatable {
    var arn: String
    var stateMachineARN: String
    var name: String
    var type: StateMachineType
    var status: ExecutionStatus
    var input: String
    var output: String?
    var error: String?
    var cause: String?
    var startDate: Date
    var stopDate: Date?
    /// The definition and role the execution runs with.
    var definition: String
    var roleARN: String
    /// The state machine's update date (or creation date) when the execution started.
    var stateMachineUpdateDate: Date
    /// The Map Run that started this execution, for a Distributed Map's child.
    var mapRunARN: String?
}

/// One stored history event: the interpreter's event with its id and previous event id.
struct StoredHistoryEvent: Sendable, Equatable {
    var id: Int
    var previousEventID: Int
    var event: HistoryEventData
}

/// The parts of `BrumeStates.HistoryEvent` the service keeps.
struct HistoryEventData: Sendable, Equatable {
    var type: String
    var detailsName: String?
    var details: JSONObject?
    var timestamp: Date
}

/// Timestamps on the JSON wire: epoch seconds with millisecond precision.
extension Date {
    var epochJSON: JSONValue { .double((timeIntervalSince1970 * 1000).rounded() / 1000) }

    /// The date rounded to milliseconds, as stored.
    var millisecondPrecision: Date { Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded() / 1000) }
}
