import BrumeStates
import BrumeWire
import Foundation

/// The task tokens of callback tasks (`.waitForTaskToken`) that are waiting, and of those that
/// ended, for SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat.
///
/// A token is opened before the task's message is sent (so an answer that comes at once is not
/// lost) and closed when the task ends for any reason: answered, timed out, stopped. An answer
/// for a closed token is `TaskTimedOut`, as AWS answers for a task that no longer exists; a token
/// never issued is `InvalidToken`. Tokens live in memory: after a restart the executions that
/// held them are aborted, and their tokens are unknown.
actor TaskTokenRegistry {
    /// How a callback task ends.
    enum Outcome: Sendable {
        case success(JSONValue)
        case failure(StatesError)
    }

    private struct Waiting {
        let continuation: AsyncStream<Outcome>.Continuation
        var lastHeartbeat: Date
    }

    private var waiting: [String: Waiting] = [:]
    private var closed: Set<String> = []
    private var closedOrder: [String] = []
    /// Closed tokens remembered for `TaskTimedOut`; older ones become unknown.
    private let closedLimit: Int

    init(closedLimit: Int = 100_000) {
        self.closedLimit = closedLimit
    }

    /// Opens `token`; the stream yields its outcome once, and ends early if the waiting task is cancelled.
    func open(_ token: String, now: Date) -> AsyncStream<Outcome> {
        let (stream, continuation) = AsyncStream.makeStream(of: Outcome.self, bufferingPolicy: .bufferingNewest(1))
        waiting[token] = Waiting(continuation: continuation, lastHeartbeat: now)
        return stream
    }

    /// Ends the task of `token` with `outcome` (SendTaskSuccess, SendTaskFailure).
    func complete(_ token: String, with outcome: Outcome) throws(StepFunctionsError) {
        guard let entry = waiting[token] else { throw unknown(token) }
        entry.continuation.yield(outcome)
        entry.continuation.finish()
        close(token)
    }

    /// Records a heartbeat at `now` (SendTaskHeartbeat).
    func heartbeat(_ token: String, now: Date) throws(StepFunctionsError) {
        guard waiting[token] != nil else { throw unknown(token) }
        waiting[token]?.lastHeartbeat = now
    }

    /// When the task of `token` last showed life (opened or heartbeat); `nil` once closed.
    func lastHeartbeat(_ token: String) -> Date? {
        waiting[token]?.lastHeartbeat
    }

    /// Forgets a waiting token; later answers get `TaskTimedOut`.
    func close(_ token: String) {
        guard let entry = waiting.removeValue(forKey: token) else { return }
        entry.continuation.finish()
        closed.insert(token)
        closedOrder.append(token)
        if closedOrder.count > closedLimit {
            closed.remove(closedOrder.removeFirst())
        }
    }

    private func unknown(_ token: String) -> StepFunctionsError {
        closed.contains(token) ? .taskTimedOut : .invalidToken(token)
    }
}
