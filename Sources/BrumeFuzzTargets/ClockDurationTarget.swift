import BrumeCore
import Foundation

/// The durations clients give the stack clock (`POST /_brume/clock` `advance`, `brume clock
/// advance`): parsed, and an accepted one applied to a clock whose reading is then taken.
enum ClockDurationTarget {
    static let summary = "The input as a clock duration (1h30m, 90s, 2d): parsed, then advanced on a manual stack clock and read back"

    static func run(_ data: [UInt8]) {
        let text = FuzzInput.text(data)
        guard let seconds = try? ClockDuration.seconds(text) else { return }
        let clock = StackClock(real: ManualWallClock())
        let fired = clock.now().addingTimeInterval(seconds)
        clock.schedule(at: fired) {}
        try? clock.advance(by: seconds)
        _ = clock.reading()
    }
}
