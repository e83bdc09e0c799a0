import BrumeEdge
import BrumeWire
import Foundation
import Logging
import ServiceLifecycle

/// Runs the enabled SQS event source mappings: each polls its queue, gathers a batch (up to
/// `BatchSize` messages or `MaximumBatchingWindowInSeconds`), invokes the function
/// synchronously, and deletes the messages that succeeded.
///
/// Messages of a failed batch (or the items a `ReportBatchItemFailures` answer names) are left
/// alone: they come back after the queue's visibility timeout and follow its redrive policy,
/// exactly as with AWS. FIFO order holds because SQS hands out a message group only while none
/// of its messages is in flight.
///
/// Like Lambda's pollers, each waits in a long poll (`WaitTimeSeconds` 20) rather than asking
/// again and again, and the set of pollers changes only when a mapping does.
actor EventSourcePoller: Service {
    private let mappings: EventSourceMappings
    private let backend: LambdaBackend
    private let runtime: FunctionRuntime
    private let queues: QueueClient
    private let logger = Logger(label: "brume.lambda.esm")
    /// Running pollers by mapping UUID, with the mapping they were started for.
    private var pollers: [String: (mapping: EventSourceMapping, tasks: [Task<Void, Never>])] = [:]
    /// Pollers per mapping when ScalingConfig does not set one.
    static let defaultConcurrency = 2
    /// The long poll of an empty queue, as Lambda's pollers wait (SQS's maximum).
    static let longPollSeconds = 20
    /// How long the poller waits for a mapping change before it looks again (a change rings it).
    static let idleWait = Duration.seconds(3600)

    init(mappings: EventSourceMappings, backend: LambdaBackend, runtime: FunctionRuntime, queues: QueueClient) {
        self.mappings = mappings
        self.backend = backend
        self.runtime = runtime
        self.queues = queues
    }

    func run() async throws {
        let changed = mappings.changed
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            await reconcile(with: await mappings.all())
            await withGracefulShutdownHandler {
                await changed.wait(timeout: Self.idleWait)
            } onGracefulShutdown: {
                changed.ring()
            }
        }
        await reconcile(with: [])
    }

    /// Starts pollers for new or changed enabled mappings and stops the others.
    private func reconcile(with current: [EventSourceMapping]) async {
        let wanted = Dictionary(uniqueKeysWithValues: current.filter(\.enabled).map { ($0.uuid, $0) })
        for (uuid, running) in pollers where !(wanted[uuid].map { Self.sameSettings($0, running.mapping) } ?? false) {
            for task in running.tasks { task.cancel() }
            for task in running.tasks { await task.value }
            pollers[uuid] = nil
        }
        for (uuid, mapping) in wanted where pollers[uuid] == nil {
            let count = mapping.maximumConcurrency.map { min($0, 16) } ?? Self.defaultConcurrency
            pollers[uuid] = (mapping, (0..<count).map { _ in Task { await self.poll(mapping) } })
        }
    }

    /// Whether two versions of a mapping poll the same way (the last result is only reported).
    private static func sameSettings(_ left: EventSourceMapping, _ right: EventSourceMapping) -> Bool {
        var left = left
        left.lastProcessingResult = right.lastProcessingResult
        return left == right
    }

    private func poll(_ mapping: EventSourceMapping) async {
        var queueURL: String?
        while !Task.isCancelled {
            do {
                if queueURL == nil { queueURL = try await queues.queueURL(arn: mapping.eventSourceARN) }
                let batch = try await receiveBatch(mapping, queueURL: queueURL!)
                guard !batch.isEmpty, !Task.isCancelled else { continue }
                try await process(batch, mapping: mapping, queueURL: queueURL!)
            } catch {
                if Task.isCancelled { return }
                logger.warning("event source mapping \(mapping.uuid) on \(mapping.eventSourceARN): \(error)")
                queueURL = nil
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Up to `BatchSize` messages, gathered for at most the batching window once one arrived.
    private func receiveBatch(_ mapping: EventSourceMapping, queueURL: String) async throws -> [JSONValue] {
        var batch: [JSONValue] = []
        let windowEnd = ContinuousClock.now + .seconds(mapping.maximumBatchingWindow)
        repeat {
            let remaining = windowEnd - ContinuousClock.now
            let wait = batch.isEmpty ? Self.longPollSeconds : max(0, Int(remaining.components.seconds))
            let answer = try await queues.call("ReceiveMessage", [
                "QueueUrl": .string(queueURL),
                "MaxNumberOfMessages": .int(Int64(min(10, mapping.batchSize - batch.count))),
                "WaitTimeSeconds": .int(Int64(wait)),
                "MessageSystemAttributeNames": .array([.string("All")]),
                "MessageAttributeNames": .array([.string("All")]),
            ], timeout: .seconds(wait + 30))
            batch += answer["Messages"]?.arrayValue ?? []
            if batch.isEmpty { return [] }
        } while batch.count < mapping.batchSize && ContinuousClock.now < windowEnd && !Task.isCancelled
        return batch
    }

    private func process(_ batch: [JSONValue], mapping: EventSourceMapping, queueURL: String) async throws {
        let caller = Caller(accessKeyID: nil, accountID: mapping.accountID, region: mapping.region)
        let reference = try FunctionReference(parsing: mapping.functionARN)
        let (entry, record) = try await backend.resolve(reference, caller: caller)
        let event = SQSEventBatch.event(messages: batch, queueARN: mapping.eventSourceARN, region: mapping.region)
        let invocation = Invocation(
            requestID: UUID().uuidString.lowercased(), payload: event.serialized, invokedFunctionARN: mapping.functionARN,
            traceID: LambdaService.traceID(), clientContext: nil, deadline: nil
        )
        let result = try await runtime.invoke(record, reservedConcurrency: entry.stored.reservedConcurrency, invocation: invocation)
        let ids = batch.compactMap { $0["MessageId"]?.stringValue }
        let failed: Set<String>
        if result.functionError != nil {
            failed = Set(ids)
        } else if mapping.reportsItemFailures {
            failed = SQSEventBatch.failedMessageIDs(response: result.payload, batch: ids)
        } else {
            failed = []
        }
        let done = batch.filter { !failed.contains($0["MessageId"]?.stringValue ?? "") }
        await mappings.recordResult(mapping.uuid, result: failed.isEmpty ? "OK" : "PROBLEM: Function call failed")
        guard !done.isEmpty else { return }
        let entries = done.enumerated().map { index, message -> JSONValue in
            .object(["Id": .string("m\(index)"), "ReceiptHandle": message["ReceiptHandle"] ?? .string("")])
        }
        _ = try await queues.call("DeleteMessageBatch", ["QueueUrl": .string(queueURL), "Entries": .array(entries)])
    }
}
