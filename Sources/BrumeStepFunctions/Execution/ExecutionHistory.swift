import BrumeStates
import Foundation
import Synchronization

/// Records one execution's history events with AWS's ids (1, 2, ...) and previous event ids,
/// persisting each as it happens for STANDARD executions.
///
/// After the execution is stopped, events are dropped: the stop wrote the last one.
///
/// An event that cannot be stored (a full disk) is not recorded at all, and the execution halts
/// there: nothing may report what storage does not hold. It stays RUNNING, its history ends at
/// the last stored event, and after a restart it runs on from there like any interrupted one.
final class ExecutionHistory: HistoryRecorder {
    private let executionARN: String
    private let store: StepFunctionsStore?
    private let control: ExecutionControl
    private let events = Mutex<[StoredHistoryEvent]>([])
    let recordsDetails: Bool
    /// When the execution started, for an ExecutionStarted event written after a restart.
    private let startDate: Date?

    /// - Parameters:
    ///   - store: where STANDARD executions' events go; nil for EXPRESS executions.
    ///   - existing: events already stored, when the history continues.
    ///   - recordsDetails: false when nothing will read the events (a synchronous EXPRESS
    ///     execution), so the interpreter need not build their details.
    ///   - startDate: the execution's start, when it is run again after a restart: its
    ///     ExecutionStarted event carries that time, as StartExecution answered it.
    init(
        executionARN: String, store: StepFunctionsStore?, control: ExecutionControl, existing: [StoredHistoryEvent] = [],
        recordsDetails: Bool = true, startDate: Date? = nil
    ) {
        self.startDate = startDate
        self.executionARN = executionARN
        self.store = store
        self.control = control
        self.recordsDetails = recordsDetails
        events.withLock { $0 = existing }
    }

    @discardableResult
    func record(_ event: HistoryEvent) -> Int {
        var timestamp = event.timestamp
        if event.type == Self.executionStarted {
            // An execution starts once: one run again from its start after a restart keeps the
            // ExecutionStarted event it stored, and one stored without it gets its start time.
            if let started = events.withLock({ $0.first { $0.event.type == Self.executionStarted } }) { return started.id }
            timestamp = startDate ?? timestamp
        }
        return append(HistoryEventData(type: event.type, detailsName: event.details?.name, details: event.details?.value, timestamp: timestamp))
    }

    private static let executionStarted = "ExecutionStarted"

    /// Appends an event the service itself writes (ExecutionAborted), even after a stop.
    @discardableResult
    func append(_ data: HistoryEventData, force: Bool = false) -> Int {
        events.withLock { events in
            guard force || !control.isStopped else { return events.count }
            // Events follow one another; AWS links each to the one that caused it, which for the
            // linear histories Brume records is the one before it.
            let stored = StoredHistoryEvent(id: events.count + 1, previousEventID: events.count, event: data)
            // Stored under the lock so ids reach storage in order.
            do {
                try store?.appendEvent(stored, execution: executionARN)
            } catch {
                if !force { control.stop() }
                return events.count
            }
            events.append(stored)
            return stored.id
        }
    }

    var all: [StoredHistoryEvent] { events.withLock { $0 } }
}
