import BrumeEdge
import Synchronization

/// Tells the tasks that wait for an execution to end (a `.sync` StartExecution task waiting for
/// its child) that it did, so they ask for its outcome once instead of asking again and again.
///
/// A waiter subscribes before it first reads the execution's status, so an end between the
/// read and the wait is not lost: the subscription's doorbell remembers the ring.
final class ExecutionEndings: Sendable {
    private let subscribers = Mutex<[String: [ObjectIdentifier: Doorbell]]>([:])

    init() {}

    /// A doorbell rung when the execution `arn` ends (or is stopped); pass it to ``unsubscribe(_:from:)`` when done.
    func subscribe(_ arn: String) -> Doorbell {
        let doorbell = Doorbell()
        subscribers.withLock { $0[arn, default: [:]][ObjectIdentifier(doorbell)] = doorbell }
        return doorbell
    }

    func unsubscribe(_ doorbell: Doorbell, from arn: String) {
        subscribers.withLock { subscribers in
            subscribers[arn]?[ObjectIdentifier(doorbell)] = nil
            if subscribers[arn]?.isEmpty == true { subscribers[arn] = nil }
        }
    }

    /// The execution `arn` ended: every waiter looks at it again.
    func ended(_ arn: String) {
        let doorbells = subscribers.withLock { $0[arn].map { Array($0.values) } ?? [] }
        for doorbell in doorbells { doorbell.ring() }
    }
}
