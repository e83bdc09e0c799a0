public import BrumeCore
public import Foundation
import Synchronization

/// Wakes a waiting loop at once when there is work, instead of it noticing at its next poll.
///
/// A ring with nobody waiting is remembered, so a ring between the loop's last look and its
/// wait is not lost. S3's notification deliverer and EventBridge's deliverer wait on one, with
/// the stack clock's deadline for their next retry.
public final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes the waiter, or the next wait when nobody waits.
    public func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.rung = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns after a ring (possibly one made before the call) or after `timeout`.
    public func wait(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForRing() }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Returns after a ring (possibly one made before the call) or once `clock` reaches
    /// `deadline`, whether real time gets there or `POST /_brume/clock` moves it past.
    public func wait(until deadline: Date, on clock: StackClock) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForRing() }
            group.addTask { try? await clock.sleep(until: deadline) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Returns after a ring, or once `clock` reaches `next` (nil: nothing is due), waiting at
    /// least `minimum` and at most `idle` seconds of real time (each scaled to stack time), so a
    /// loop whose work failed does not spin and an idle one looks again now and then.
    public func wait(untilNext next: Date?, on clock: StackClock, minimum: TimeInterval = 0, idle: TimeInterval) async {
        let now = clock.now()
        let latest = now.addingTimeInterval(idle * clock.scale)
        let deadline = next.map { min(latest, max(now.addingTimeInterval(minimum * clock.scale), $0)) } ?? latest
        await wait(until: deadline, on: clock)
    }

    private func waitForRing() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.rung || Task.isCancelled {
                        state.rung = false
                        return true
                    }
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
