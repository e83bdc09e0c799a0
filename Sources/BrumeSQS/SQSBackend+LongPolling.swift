/// Long polls: a ReceiveMessage with nothing to return waits here until its queue changes.
extension SQSBackend {

    /// When the next hidden message of a queue may become visible, in milliseconds.
    func nextDeadline(_ identity: QueueIdentity) -> Int64? {
        queueIDs[identity].flatMap { queues[$0]?.state.nextDeadline }
    }

    /// Suspends until the queue changes after `seen` (its change count from ``receive(from:maxCount:visibilityTimeout:attemptID:)``),
    /// or until ``wake(queueID:waiter:)`` names this waiter.
    ///
    /// Returns at once when the queue already changed, or when the waiter was woken before it got
    /// here: the receive, this call and the timer's wake are separate actor turns, and a send or
    /// a timer firing between them must not be lost.
    func wait(queueID: Int64, waiter: Int, seen: Int) async {
        if versions[queueID, default: 0] != seen || wokenEarly.remove(waiter) != nil { return }
        await withCheckedContinuation { continuation in
            waiters[queueID, default: [:]][waiter] = continuation
        }
    }

    /// A fresh waiter id for ``wait(queueID:waiter:seen:)``.
    func makeWaiterID() -> Int {
        nextWaiterID += 1
        return nextWaiterID
    }

    /// Resumes one waiter (its timer ran out); if it is not waiting yet, it returns as soon as it does.
    func wake(queueID: Int64, waiter: Int) {
        if let continuation = waiters[queueID]?.removeValue(forKey: waiter) {
            continuation.resume()
        } else {
            wokenEarly.insert(waiter)
        }
    }

    /// Forgets a finished waiter's early wake, so the set does not grow.
    func finishWaiting(_ waiter: Int) {
        wokenEarly.remove(waiter)
    }

    /// Records that a queue changed in a way that may make messages available, and wakes its long polls.
    func signal(_ queueID: Int64) {
        versions[queueID, default: 0] &+= 1
        guard let pending = waiters.removeValue(forKey: queueID) else { return }
        for continuation in pending.values { continuation.resume() }
    }
}
