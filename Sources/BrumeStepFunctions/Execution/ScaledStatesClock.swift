public import BrumeCore
public import BrumeStates
public import Foundation

/// The clock executions run on: the stack's wall clock sped up by `scale`.
///
/// Virtual time starts equal to the wall clock at `anchor` and then runs `scale` times faster,
/// so a sleep of `d` virtual seconds takes `d / scale` real seconds and `now()` afterwards is
/// exactly `d` later: Wait states, history timestamps and execution dates agree with each other.
public struct ScaledStatesClock: StatesClock {
    let wall: any WallClock
    let scale: Double
    let anchor: Date

    public init(wall: any WallClock, scale: Double) {
        precondition(scale > 0, "time scale must be greater than zero")
        self.wall = wall
        self.scale = scale
        anchor = wall.now()
    }

    public func now() -> Date {
        let real = wall.now()
        guard scale != 1 else { return real }
        return anchor.addingTimeInterval(real.timeIntervalSince(anchor) * scale)
    }

    public func sleep(until deadline: Date) async throws {
        let remaining = deadline.timeIntervalSince(now())
        guard remaining > 0 else { return try Task.checkCancellation() }
        try await Task.sleep(for: .seconds(remaining / scale))
    }
}
