import BrumeCore
import Foundation
import Synchronization
import Testing

@Suite("Stack clock")
struct StackClockTests {
    /// Collects what fired, in the order it fired.
    final class Log: Sendable {
        let entries = Mutex<[String]>([])
        func append(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    @Test("Stack time is real time run time_scale times faster, plus advances")
    func scaledTimePlusAdvances() throws {
        let real = ManualWallClock()
        let clock = StackClock(real: real, scale: 10)
        let start = clock.now()
        real.advance(by: 2)
        #expect(clock.now().timeIntervalSince(start) == 20)
        try clock.advance(by: 180)
        #expect(clock.now().timeIntervalSince(start) == 200)
        let reading = clock.reading()
        #expect(reading.offset == reading.stackTime.timeIntervalSince(reading.realTime))
        #expect(reading.scale == 10)
    }

    @Test("An advance runs what it passes in deadline order, ties in scheduling order, and nothing later")
    func advanceFiresInDeadlineOrder() throws {
        let clock = StackClock(real: ManualWallClock())
        let start = clock.now()
        let log = Log()
        clock.schedule(at: start + 30) { log.append("30") }
        clock.schedule(at: start + 10) { log.append("10a") }
        clock.schedule(at: start + 3600) { log.append("3600") }
        clock.schedule(at: start + 20) { log.append("20") }
        clock.schedule(at: start + 10) { log.append("10b") }
        #expect(log.all.isEmpty)
        try clock.advance(by: 60)
        #expect(log.all == ["10a", "10b", "20", "30"])
        #expect(clock.sleeperCount == 1)
        try clock.advance(by: 3540)
        #expect(log.all == ["10a", "10b", "20", "30", "3600"])
        #expect(clock.sleeperCount == 0)
    }

    @Test("An action already due runs at once; a cancelled one never runs")
    func dueAndCancelled() throws {
        let clock = StackClock(real: ManualWallClock())
        let log = Log()
        clock.schedule(at: clock.now()) { log.append("now") }
        #expect(log.all == ["now"])
        let timer = clock.schedule(at: clock.now() + 5) { log.append("cancelled") }
        #expect(clock.cancel(timer))
        #expect(!clock.cancel(timer))
        try clock.advance(by: 10)
        #expect(log.all == ["now"])
    }

    @Test("Advances only go forward, by a finite amount")
    func invalidAdvances() {
        let clock = StackClock(real: ManualWallClock())
        let before = clock.now()
        #expect(throws: StackClockError.invalidAdvance(-1)) { try clock.advance(by: -1) }
        #expect(throws: StackClockError.self) { try clock.advance(by: .infinity) }
        #expect(throws: StackClockError.self) { try clock.advance(by: .nan) }
        #expect(throws: StackClockError.self) { try clock.advance(by: StackClock.maximumAdvance + 1) }
        #expect(clock.now() == before)
    }

    @Test("A sleeper wakes when an advance passes its deadline, not before")
    func sleepWakesOnAdvance() async throws {
        let clock = StackClock(real: ManualWallClock())
        let log = Log()
        let deadline = clock.now() + 3600
        let sleeper = Task {
            try await clock.sleep(until: deadline)
            log.append("woke")
        }
        while clock.sleeperCount == 0 { await Task.yield() }
        try clock.advance(by: 1800)
        #expect(clock.sleeperCount == 1)
        try clock.advance(by: 1800)
        try await sleeper.value
        #expect(log.all == ["woke"])
        #expect(clock.sleeperCount == 0)
    }

    @Test("A sleeper wakes on its own when real time reaches its deadline")
    func sleepWakesOnRealTime() async throws {
        // Scaled so a minute of stack time is a few real milliseconds; nothing advances.
        let clock = StackClock(scale: 10_000)
        try await clock.sleep(for: 60)
        #expect(clock.sleeperCount == 0)
    }

    @Test("A sleeper with an earlier deadline re-arms the one real timer and wakes first, unaided")
    func earlierSleeperRearmsTheTimer() async throws {
        // A hundred days of stack time are about fifteen real minutes at this scale, a minute a few milliseconds:
        // the minute's sleeper only wakes unaided if the timer was re-armed for it.
        let clock = StackClock(scale: 10_000)
        let late = Task { try await clock.sleep(for: 8_640_000) }
        while clock.sleeperCount == 0 { await Task.yield() }
        try await clock.sleep(for: 60)
        #expect(clock.sleeperCount == 1)
        late.cancel()
        await #expect(throws: CancellationError.self) { try await late.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test("Sleepers wake in deadline order however they were started")
    func sleepersWakeInOrder() async throws {
        let clock = StackClock(real: ManualWallClock())
        let start = clock.now()
        let log = Log()
        let sleepers = [30.0, 10, 20].map { offset in
            Task {
                try await clock.sleep(until: start + offset)
                log.append("\(Int(offset))")
            }
        }
        while clock.sleeperCount < 3 { await Task.yield() }
        try clock.advance(by: 10)
        try await sleepers[1].value
        try clock.advance(by: 10)
        try await sleepers[2].value
        try clock.advance(by: 10)
        try await sleepers[0].value
        #expect(log.all == ["10", "20", "30"])
    }

    @Test("A cancelled sleeper throws and leaves the heap; the others still wake")
    func cancelledSleeper() async throws {
        let clock = StackClock(real: ManualWallClock())
        let cancelled = Task { try await clock.sleep(for: 3600) }
        let kept = Task { try await clock.sleep(for: 7200) }
        while clock.sleeperCount < 2 { await Task.yield() }
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        #expect(clock.sleeperCount == 1)
        try clock.advance(by: 7200)
        try await kept.value
        #expect(clock.sleeperCount == 0)
    }

    @Test("A task cancelled before it sleeps throws at once")
    func cancelledBeforeSleeping() async {
        let clock = StackClock(real: ManualWallClock())
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await clock.sleep(for: 3600)
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test("The persisted offset is what a restart starts from")
    func persistedOffset() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stack-clock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("clock.json")
        #expect(StackClock.persistedOffset(in: file) == 0)
        let real = ManualWallClock()
        let clock = StackClock(real: real, offsetFile: file)
        try clock.advance(by: 86_400)
        #expect(StackClock.persistedOffset(in: file) == 86_400)
        let restarted = StackClock(real: real, offset: StackClock.persistedOffset(in: file), offsetFile: file)
        #expect(restarted.now() == clock.now())
        try Data("not json".utf8).write(to: file)
        #expect(StackClock.persistedOffset(in: file) == 0)
    }
}

@Suite("Clock durations")
struct ClockDurationTests {
    @Test("Units and combinations, largest first", arguments: [
        ("90", 90.0), ("90s", 90), ("3m", 180), ("1h", 3600), ("2d", 172_800), ("1h30m", 5400),
        ("1d2h3m4s", 93_784), ("1.5h", 5400), ("0s", 0), ("0.25s", 0.25),
    ])
    func parses(text: String, seconds: Double) throws {
        #expect(try ClockDuration.seconds(text) == seconds)
    }

    @Test("Refusals name the problem", arguments: ["", "h", "1x", "1h1h", "30m1h", "1.h", ".5s", "1..5s", "-1s", "1 h", "1h30", "99999999999d", String(repeating: "1", count: 65)])
    func refuses(text: String) {
        #expect(throws: ClockDurationError.self) { try ClockDuration.seconds(text) }
    }
}
