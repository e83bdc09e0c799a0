import BrumeCore
import Foundation
import Testing
@testable import BrumeSQS

/// A queue on the stack clock: delays and visibility timeouts end when the clock is advanced,
/// with no real time passing.
@Suite struct StackClockQueueTests {
    @Test func advancingTheClockEndsDelaysAndVisibilityTimeouts() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sqs-clock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = StackClock(real: ManualWallClock())
        let backend = try SQSBackend(store: SQSStore(folder: folder), clock: clock)
        let identity = QueueIdentity(accountID: "000000000000", region: "us-east-1", name: "clocked")
        _ = try await backend.createQueue(identity, attributes: [:], tags: [:])
        _ = try await backend.send([QueueStateMachineTests.draft("later", delay: 600)], to: identity)

        #expect(try await backend.receive(from: identity, maxCount: 10, visibilityTimeout: 3_600, attemptID: nil).messages.isEmpty)
        try clock.advance(by: 600)
        let first = try await backend.receive(from: identity, maxCount: 10, visibilityTimeout: 3_600, attemptID: nil).messages
        #expect(first.map(\.body) == ["later"])
        try clock.advance(by: 3_599)
        #expect(try await backend.receive(from: identity, maxCount: 10, visibilityTimeout: 30, attemptID: nil).messages.isEmpty)
        try clock.advance(by: 1)
        let again = try await backend.receive(from: identity, maxCount: 10, visibilityTimeout: 30, attemptID: nil).messages
        #expect(again.map(\.receiveCount) == [2])
    }
}
