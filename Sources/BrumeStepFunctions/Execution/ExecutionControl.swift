import Synchronization

/// The stop switch of one running execution, shared by the task running it and the backend.
///
/// Once stopped (by StopExecution, or by the runner cancelling it at shutdown) the execution's
/// history takes no more events and its outcome is not recorded: whoever stopped it has
/// written how it ended.
final class ExecutionControl: Sendable {
    private struct State {
        var stopped = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    var isStopped: Bool { state.withLock { $0.stopped } }

    /// Stops the execution; returns false when it was already stopped.
    @discardableResult
    func stop() -> Bool {
        let (waiter, wasStopped) = state.withLock { state -> (CheckedContinuation<Void, Never>?, Bool) in
            let wasStopped = state.stopped
            state.stopped = true
            defer { state.waiter = nil }
            return (state.waiter, wasStopped)
        }
        waiter?.resume()
        return !wasStopped
    }

    /// Runs `body` until it ends or the execution is stopped, whichever comes first; a stop
    /// cancels `body`. Cancelling the calling task counts as a stop.
    func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T? {
        await withTaskCancellationHandler {
            await withTaskGroup(of: T?.self) { group in
                group.addTask { await body() }
                group.addTask {
                    await self.waitForStop()
                    return nil
                }
                let first = await group.next() ?? nil
                group.cancelAll()
                return isStopped ? nil : first
            }
        } onCancel: {
            stop()
        }
    }

    /// Returns once the execution is stopped, or when the waiting task is cancelled.
    private func waitForStop() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.stopped || Task.isCancelled { return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
