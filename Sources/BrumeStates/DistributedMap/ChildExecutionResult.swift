public import BrumeWire
public import Foundation

/// How a Distributed Map's child execution ended, as its ResultWriter entry and result file record it.
public enum ChildExecutionStatus: String, Sendable, CaseIterable {
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case timedOut = "TIMED_OUT"
    case aborted = "ABORTED"
    /// Never started, because the Map Run failed or was aborted first.
    case pending = "PENDING"

    /// The result file family the status is written to: AWS puts failed, timed out and aborted
    /// children in `FAILED_<n>.json`.
    public var resultCategory: ResultCategory {
        switch self {
        case .succeeded: .succeeded
        case .failed, .timedOut, .aborted: .failed
        case .pending: .pending
        }
    }
}

/// The three families of ResultWriter files, named as the manifest's `ResultFiles` names them.
public enum ResultCategory: String, Sendable, CaseIterable {
    case failed = "FAILED"
    case pending = "PENDING"
    case succeeded = "SUCCEEDED"
}

/// One child execution of a Map Run, as the ResultWriter exports it.
///
/// ``entry`` is the object AWS writes for it with the `NONE` transformation (and for failed
/// children whatever the transformation): the execution's description, with members in alphabetical
/// order as AWS's example shows them, input and output as JSON text, and dates as ISO 8601 UTC with
/// milliseconds (`2025-02-04T01:49:50.099Z`). Members whose value is nil are left out.
public struct ChildExecutionResult: Sendable, Equatable {
    public var executionArn: String?
    public var name: String?
    public var stateMachineArn: String?
    public var status: ChildExecutionStatus
    /// The execution's input, as JSON text.
    public var input: String
    /// The execution's output, as JSON text; only a succeeded execution has one.
    public var output: String?
    public var error: String?
    public var cause: String?
    public var startDate: Date?
    public var stopDate: Date?
    public var redriveCount: Int?
    public var redriveDate: Date?
    /// `REDRIVABLE`, `NOT_REDRIVABLE` or `REDRIVABLE_BY_MAP_RUN`.
    public var redriveStatus: String?
    public var redriveStatusReason: String?

    public init(
        executionArn: String? = nil,
        name: String? = nil,
        stateMachineArn: String? = nil,
        status: ChildExecutionStatus,
        input: String,
        output: String? = nil,
        error: String? = nil,
        cause: String? = nil,
        startDate: Date? = nil,
        stopDate: Date? = nil,
        redriveCount: Int? = nil,
        redriveDate: Date? = nil,
        redriveStatus: String? = nil,
        redriveStatusReason: String? = nil
    ) {
        self.executionArn = executionArn
        self.name = name
        self.stateMachineArn = stateMachineArn
        self.status = status
        self.input = input
        self.output = output
        self.error = error
        self.cause = cause
        self.startDate = startDate
        self.stopDate = stopDate
        self.redriveCount = redriveCount
        self.redriveDate = redriveDate
        self.redriveStatus = redriveStatus
        self.redriveStatusReason = redriveStatusReason
    }

    /// The redrive fields AWS reports for a child that succeeded: it cannot be redriven.
    public static let succeededRedrive = (status: "NOT_REDRIVABLE", reason: "Execution is SUCCEEDED and cannot be redriven")

    /// The entry AWS writes for this execution with the `NONE` transformation.
    public var entry: JSONValue {
        // Built in alphabetical order of member names, the order AWS's files use.
        var members = JSONObject()
        members["Cause"] = cause.map(JSONValue.string)
        members["Error"] = error.map(JSONValue.string)
        members["ExecutionArn"] = executionArn.map(JSONValue.string)
        members["Input"] = .string(input)
        members["InputDetails"] = ["Included": true]
        members["Name"] = name.map(JSONValue.string)
        if let output {
            members["Output"] = .string(output)
            members["OutputDetails"] = ["Included": true]
        }
        members["RedriveCount"] = redriveCount.map { .int(Int64($0)) }
        members["RedriveDate"] = redriveDate.map { .string(AWSTimestamp.iso8601($0)) }
        members["RedriveStatus"] = redriveStatus.map(JSONValue.string)
        members["RedriveStatusReason"] = redriveStatusReason.map(JSONValue.string)
        members["StartDate"] = startDate.map { .string(AWSTimestamp.iso8601($0)) }
        members["StateMachineArn"] = stateMachineArn.map(JSONValue.string)
        members["Status"] = .string(status.rawValue)
        members["StopDate"] = stopDate.map { .string(AWSTimestamp.iso8601($0)) }
        return .object(members)
    }
}
