public import BrumeCore
public import BrumeStates
public import Foundation

/// The clock executions run on: the stack clock, so `time_scale` speeds up Wait states, retry
/// backoff, task timeouts and heartbeats, and `POST /_brume/clock` fires them; history
/// timestamps and execution dates read the same time.
public struct StackStatesClock: StatesClock {
    let clock: StackClock

    public init(_ clock: StackClock) {
        self.clock = clock
    }

    public func now() -> Date { clock.now() }

    public func sleep(until deadline: Date) async throws {
        try await clock.sleep(until: deadline)
    }
}
