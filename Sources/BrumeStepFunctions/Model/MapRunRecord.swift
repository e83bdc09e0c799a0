import BrumeStates
import BrumeWire
import Foundation

/// One Map Run: what DescribeMapRun reports.
struct MapRunRecord: Sendable, Equatable {
    var arn: String
    /// The execution whose Distributed Map state started the run.
    var executionARN: String
    /// The parent execution's state machine.
    var stateMachineARN: String
    var status: MapRunStatus
    var startDate: Date
    var stopDate: Date?
    /// The limits as DescribeMapRun reports them: 0 for a threshold the definition does not set.
    var maxConcurrency: Int
    var toleratedFailureCount: Int64
    var toleratedFailurePercentage: Double
    /// Counts of items and of child executions, by status.
    var itemCounts = MapRunCounts()
    var executionCounts = MapRunCounts()
}

/// RUNNING, SUCCEEDED, FAILED or ABORTED.
enum MapRunStatus: String, Sendable, Equatable {
    case running = "RUNNING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case aborted = "ABORTED"
}

/// DescribeMapRun's `itemCounts` or `executionCounts`.
struct MapRunCounts: Sendable, Equatable {
    var pending: Int64 = 0
    var running: Int64 = 0
    var succeeded: Int64 = 0
    var failed: Int64 = 0
    var timedOut: Int64 = 0
    var aborted: Int64 = 0
    var total: Int64 = 0
    var resultsWritten: Int64 = 0

    /// Moves `count` from running to the status `outcome` names.
    mutating func finish(_ count: Int64, _ status: ExecutionStatus) {
        running -= count
        switch status {
        case .succeeded: succeeded += count
        case .failed: failed += count
        case .timedOut: timedOut += count
        default: aborted += count
        }
    }

    var json: JSONValue {
        [
            "pending": .int(pending), "running": .int(running), "succeeded": .int(succeeded), "failed": .int(failed),
            "timedOut": .int(timedOut), "aborted": .int(aborted), "total": .int(total), "resultsWritten": .int(resultsWritten),
            "failuresNotRedrivable": 0, "pendingRedrive": 0,
        ]
    }

    init() {}

    init(json: JSONValue?) {
        let value = { (key: String) in json?[key]?.intValue ?? 0 }
        (pending, running, succeeded, failed) = (value("pending"), value("running"), value("succeeded"), value("failed"))
        (timedOut, aborted, total, resultsWritten) = (value("timedOut"), value("aborted"), value("total"), value("resultsWritten"))
    }
}
