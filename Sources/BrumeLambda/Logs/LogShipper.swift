import BrumeEdge
import BrumeWire
import Foundation
import ServiceLifecycle
import Synchronization

/// Sends function logs to the CloudWatch Logs service, through the edge like any AWS client.
///
/// Lines are queued without waiting and sent in batches (`PutLogEvents`, one call per stream)
/// ``flushInterval`` after the first line of a batch, creating the log group `/aws/lambda/<name>`
/// and each instance's stream on first use, as the Lambda service does. With no lines to send
/// the shipper sleeps until one comes. When the stack runs no `logs` service the
/// shipper is not started and lines only reach `LogType: Tail` and Brume's own log.
actor LogShipper: Service {
    private let client: EdgeClient
    /// Lines not sent yet, by stream, with each stream's group; filled from any thread.
    private let pending = Mutex<[String: (group: String, lines: [LogLine])]>([:])
    private var createdGroups: Set<String> = []
    private var createdStreams: Set<String> = []
    /// Rung by the first line queued after a flush.
    private let doorbell = Doorbell()
    /// How long lines are gathered into one batch once the first has come.
    static let flushInterval = Duration.milliseconds(200)
    /// How long the shipper sleeps with nothing to send before it looks again (a line rings it).
    static let idleWait = Duration.seconds(3600)

    init(client: EdgeClient) {
        self.client = client
    }

    /// Queues one line of `group`; it is sent within ``flushInterval``.
    nonisolated func submit(group: String, line: LogLine) {
        let first = pending.withLock { pending in
            defer { pending[line.stream, default: (group, [])].lines.append(line) }
            return pending.isEmpty
        }
        if first { doorbell.ring() }
    }

    func run() async throws {
        let doorbell = self.doorbell
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            await withGracefulShutdownHandler {
                await doorbell.wait(timeout: Self.idleWait)
            } onGracefulShutdown: {
                doorbell.ring()
            }
            // Gather the batch; at shutdown the last lines go at once.
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.flushInterval) }
            await flush()
        }
        await flush()
    }

    private func flush() async {
        let batches = pending.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        for (stream, batch) in batches where !batch.lines.isEmpty {
            await send(batch.lines, group: batch.group, stream: stream)
        }
    }

    private func send(_ lines: [LogLine], group: String, stream: String) async {
        if !createdGroups.contains(group) {
            _ = await call("CreateLogGroup", ["logGroupName": .string(group)])
            createdGroups.insert(group)
        }
        let streamKey = "\(group)\u{0}\(stream)"
        if !createdStreams.contains(streamKey) {
            _ = await call("CreateLogStream", ["logGroupName": .string(group), "logStreamName": .string(stream)])
            createdStreams.insert(streamKey)
        }
        let events = lines.sorted { $0.timestamp < $1.timestamp }.map { line -> JSONValue in
            .object(["timestamp": .int(Int64(line.timestamp.timeIntervalSince1970 * 1000)), "message": .string(line.message)])
        }
        let status = await call("PutLogEvents", [
            "logGroupName": .string(group), "logStreamName": .string(stream), "logEvents": .array(events),
        ])
        if status == 400 {
            // The group may have been deleted by a user: create it again next time.
            createdGroups.remove(group)
            createdStreams.remove(streamKey)
        }
    }

    private func call(_ operation: String, _ input: JSONObject) async -> Int? {
        let response = try? await client.send(
            service: "logs", method: "POST", path: "/",
            headers: [("X-Amz-Target", "Logs_20140328.\(operation)"), ("Content-Type", "application/x-amz-json-1.1")],
            body: JSONValue.object(input).serialized, timeout: .seconds(10)
        )
        return response?.status
    }
}
