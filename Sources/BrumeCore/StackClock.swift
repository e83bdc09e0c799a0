public import Foundation
import Synchronization

/// The one clock a stack's services read and wait on.
///
/// Stack time is real time run `scale` times faster from the moment the clock was made, plus
/// every ``advance(by:)`` (and the offset a restart carries over):
///
///     stack = anchor + (real - anchor) × scale + offset
///
/// Everything that expires or waits reads it: Step Functions Wait states, retries and timeouts,
/// EventBridge and S3 delivery retries, Lambda's asynchronous retries and event ages, SQS and
/// API Gateway windows. ``sleep(until:)`` wakes when real time reaches the deadline *or* an
/// advance passes it, so a test moves time instead of sleeping.
///
/// Sleepers wait in a deadline heap; one real timer is armed for the earliest deadline only, so
/// a stack with nothing waiting uses no CPU. Sleepers due by the same instant are woken in
/// deadline order, ties in the order they started waiting. An advance moves time at once: a
/// sleeper woken by it that sleeps again counts from the new time.
public final class StackClock: WallClock {
    /// How much faster than real time stack time runs (`time_scale`); greater than zero.
    public let scale: Double
    /// The real time underneath: what signatures are dated and checked by (a client signs with
    /// its own clock, so request signing never moves with an advance).
    public let realClock: any WallClock
    private let anchor: Date
    private let offsetFile: URL?
    private let state: Mutex<State>

    private struct State {
        /// Seconds added to the scaled real time: advances, plus what a restart carried over.
        var offset: TimeInterval
        var sleepers = DeadlineHeap<@Sendable () -> Void>()
        var nextSequence: UInt64 = 0
        var timer: Task<Void, Never>?
        /// The deadline the real timer is armed for, if any.
        var armedFor: Date?
    }

    /// A clock over `real` (the machine's clock unless a test passes a manual one).
    /// - Parameters:
    ///   - scale: how much faster than real time it runs; must be greater than zero.
    ///   - offset: seconds stack time starts ahead of `real`.
    ///   - offsetFile: where ``persist()`` writes the offset, so a restart keeps stack time.
    public init(real: any WallClock = SystemWallClock(), scale: Double = 1, offset: TimeInterval = 0, offsetFile: URL? = nil) {
        precondition(scale > 0 && scale.isFinite, "time scale must be greater than zero")
        self.realClock = real
        self.scale = scale
        self.anchor = real.now()
        self.offsetFile = offsetFile
        self.state = Mutex(State(offset: offset.isFinite ? offset : 0))
    }

    deinit {
        state.withLock { $0.timer?.cancel() }
    }

    /// The current stack time.
    public func now() -> Date {
        let realNow = realClock.now()
        return state.withLock { stackTime(real: realNow, offset: $0.offset) }
    }

    /// Stack time, real time, and how far apart they are, read at one instant.
    public func reading() -> StackClockReading {
        let realNow = realClock.now()
        let stack = state.withLock { stackTime(real: realNow, offset: $0.offset) }
        return StackClockReading(stackTime: stack, realTime: realNow, scale: scale, offset: stack.timeIntervalSince(realNow))
    }

    /// Moves stack time forward by `seconds` and wakes, in deadline order, every sleeper it passes.
    /// - Throws: ``StackClockError/invalidAdvance(_:)`` unless `seconds` is finite, zero or more,
    ///   and at most ``maximumAdvance``; nothing moves then.
    public func advance(by seconds: TimeInterval) throws(StackClockError) {
        guard seconds.isFinite, seconds >= 0, seconds <= Self.maximumAdvance else { throw .invalidAdvance(seconds) }
        let realNow = realClock.now()
        let (due, stale) = state.withLock { state in
            state.offset += seconds
            return takeDue(&state, realNow: realNow)
        }
        stale?.cancel()
        persist()
        for action in due { action() }
    }

    /// The largest single advance: 100 years, so stack time stays a date every parser reads.
    public static let maximumAdvance: TimeInterval = 100 * 365 * 86_400

    /// Runs `action` once stack time reaches `deadline`: at once (on the caller) if it already
    /// has, else on the advance or real timer that passes it, after the actions due before it.
    /// - Returns: a handle for ``cancel(_:)``.
    @discardableResult
    public func schedule(at deadline: Date, _ action: @escaping @Sendable () -> Void) -> StackClockTimer {
        let realNow = realClock.now()
        let (timer, stale, runNow) = state.withLock { state -> (StackClockTimer, Task<Void, Never>?, Bool) in
            let sequence = state.nextSequence
            state.nextSequence += 1
            if deadline <= stackTime(real: realNow, offset: state.offset) { return (StackClockTimer(sequence: sequence), nil, true) }
            state.sleepers.insert(.init(deadline: deadline, sequence: sequence, value: action))
            return (StackClockTimer(sequence: sequence), rearm(&state, realNow: realNow), false)
        }
        stale?.cancel()
        if runNow { action() }
        return timer
    }

    /// Forgets a scheduled action that has not run.
    /// - Returns: whether it was still waiting (false once it ran or was cancelled).
    @discardableResult
    public func cancel(_ timer: StackClockTimer) -> Bool {
        let realNow = realClock.now()
        let (removed, stale) = state.withLock { state -> (Bool, Task<Void, Never>?) in
            guard state.sleepers.remove(sequence: timer.sequence) != nil else { return (false, nil) }
            return (true, rearm(&state, realNow: realNow))
        }
        stale?.cancel()
        return removed
    }

    /// Returns once stack time reaches `deadline` (at once if it already has).
    /// - Throws: `CancellationError` when the calling task is cancelled first.
    public func sleep(until deadline: Date) async throws {
        // The timer is registered inside the continuation and the cancellation handler may run
        // before that: both sides meet under this lock. Whoever removes the timer from the heap
        // (its firing or `cancel`) is the one that resumes.
        let registration = Mutex<Registration>(Registration())
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let timer = schedule(at: deadline) { continuation.resume() }
                let cancelled = registration.withLock { registration in
                    registration.timer = timer
                    registration.continuation = continuation
                    return registration.cancelled
                }
                if cancelled, cancel(timer) { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let (timer, continuation) = registration.withLock { registration in
                registration.cancelled = true
                return (registration.timer, registration.continuation)
            }
            if let timer, let continuation, cancel(timer) { continuation.resume(throwing: CancellationError()) }
        }
    }

    private struct Registration: Sendable {
        var timer: StackClockTimer?
        var continuation: CheckedContinuation<Void, any Error>?
        var cancelled = false
    }

    /// Returns after `seconds` of stack time.
    public func sleep(for seconds: TimeInterval) async throws {
        try await sleep(until: now().addingTimeInterval(seconds))
    }

    /// Returns after `duration` of stack time.
    public func sleep(for duration: Duration) async throws {
        let (seconds, attoseconds) = duration.components
        try await sleep(for: TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18)
    }

    /// How many sleepers are waiting; for tests and `GET /_brume/clock`.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// Writes stack time's current lead over real time to the offset file, so a restart
    /// resumes from it. Called on every advance and when the stack stops.
    public func persist() {
        guard let offsetFile else { return }
        let offset = reading().offset
        let data = Data(#"{"offsetSeconds":\#(offset)}"#.utf8)
        try? data.write(to: offsetFile, options: .atomic)
    }

    /// The offset a previous run persisted in `file` (0 when there is none or it is unreadable).
    public static func persistedOffset(in file: URL) -> TimeInterval {
        guard let data = try? Data(contentsOf: file),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let offset = (object["offsetSeconds"] as? NSNumber)?.doubleValue, offset.isFinite
        else { return 0 }
        return offset
    }

    // MARK: - Internals (called with the lock held)

    private func stackTime(real realNow: Date, offset: TimeInterval) -> Date {
        anchor.addingTimeInterval(realNow.timeIntervalSince(anchor) * scale + offset)
    }

    /// Removes the sleepers due at `realNow`, in order, and re-arms the timer for the rest.
    private func takeDue(_ state: inout State, realNow: Date) -> ([@Sendable () -> Void], Task<Void, Never>?) {
        let now = stackTime(real: realNow, offset: state.offset)
        var due: [@Sendable () -> Void] = []
        while let first = state.sleepers.first, first.deadline <= now {
            due.append(state.sleepers.popFirst()!.value)
        }
        return (due, rearm(&state, realNow: realNow))
    }

    /// Arms the one real timer for the earliest deadline; returns the timer it replaces.
    private func rearm(_ state: inout State, realNow: Date) -> Task<Void, Never>? {
        let earliest = state.sleepers.first?.deadline
        guard earliest != state.armedFor || (earliest != nil && state.timer == nil) else { return nil }
        let stale = state.timer
        state.timer = nil
        state.armedFor = earliest
        guard let earliest else { return stale }
        let stackDelay = earliest.timeIntervalSince(stackTime(real: realNow, offset: state.offset))
        // Real seconds until stack time reaches the deadline; capped so Duration never overflows
        // (a far deadline re-arms when the capped timer fires).
        let realDelay = min(max(stackDelay / scale, 0), 1_000_000_000)
        state.timer = Task { [weak self] in
            guard (try? await Task.sleep(for: .seconds(realDelay))) != nil else { return }
            self?.timerFired()
        }
        return stale
    }

    private func timerFired() {
        let realNow = realClock.now()
        let (due, stale) = state.withLock { state in
            // The deadline may still be a hair ahead (the timer's clock is not the wall clock):
            // forget the armed deadline so it is armed again for what remains.
            state.armedFor = nil
            state.timer = nil
            return takeDue(&state, realNow: realNow)
        }
        stale?.cancel()
        for action in due { action() }
    }
}

/// A handle on an action scheduled with ``StackClock/schedule(at:_:)``.
public struct StackClockTimer: Sendable, Hashable {
    let sequence: UInt64
}

/// One reading of a ``StackClock``.
public struct StackClockReading: Sendable, Equatable {
    /// What services see.
    public let stackTime: Date
    /// The machine's clock.
    public let realTime: Date
    /// `time_scale`.
    public let scale: Double
    /// `stackTime - realTime` in seconds: advances, scaling's lead and what a restart kept.
    public let offset: TimeInterval
}

/// Why the stack clock refused a change.
public enum StackClockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An advance that is negative, not finite, or past ``StackClock/maximumAdvance``.
    case invalidAdvance(TimeInterval)

    public var description: String {
        switch self {
        case .invalidAdvance(let seconds):
            "the stack clock only moves forward, by at most \(Int(StackClock.maximumAdvance)) seconds at a time (asked \(seconds))"
        }
    }
}
