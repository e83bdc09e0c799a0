import BrumeEdge
import BrumeWire
import Foundation
import ServiceLifecycle
import Synchronization

/// Sends function logs to the CloudWatch Logs service, through the edge like any AWS client.
///
/// Lines are queued without waiting and sent in batches (`PutLogEvents`, one call per stream)
/// every ``flushInterval``, creating the log group `/aws/lambda/<name>` and each instance's
/// stream on first use, as the Lambda service does. When the stack runs no `logs` service the
/// shipper is not started and lines only reach `LogType: Tail` and Brume's own log.
actor LogShipper: Service {
    private let client: EdgeClient
    /// Lines not sent yet, by stream, with each stream's group; filled from any thread.
    private let pending = Mutex<[String: (group: String, lines: [LogLine])]>([:])
    private var createdGroups: Set<String> = []
    private var createdStreams: Set<String> = []
    static let flushInterval = Duration.milliseconds(200)

    init(client: EdgeClient) {
        self.client = client
    }

    /// Queues one line of `group`; it is sent within ``flushInterval``.
    nonisolated func submit(group: String, line: LogLine) {
        pending.withLock { pending in
            pending[line.stream, default: (group, [])].lines.append(line)
        }
    }

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: Self.flushInterval)
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
