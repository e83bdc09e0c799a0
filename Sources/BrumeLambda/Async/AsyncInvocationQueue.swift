import BrumeCore
import BrumeEdge
import BrumeWire
import Foundation
import Logging
import ServiceLifecycle

/// Event invokes: stored before Invoke answers 202, run in the background, retried, and finally
/// sent to their destinations or dead-letter queue.
///
/// As on AWS, a function error is retried `MaximumRetryAttempts` times (two by default), one
/// minute and then two minutes later, with the same request id; a throttle is retried with
/// backoff without counting as an attempt; an event older than `MaximumEventAgeInSeconds` is
/// given up. Times are the stack clock's, so `time_scale` and `POST /_brume/clock` bring retries on.
/// Invocations still queued when Brume stops run after it starts again.
///
/// Nothing runs while nothing is due: the queue sleeps until an invoke is enqueued, an attempt
/// ends, or the earliest retry is due.
actor AsyncInvocationQueue: Service {
    private let store: LambdaStore
    private let backend: LambdaBackend
    private let runtime: FunctionRuntime
    private let sender: DestinationSender
    private let clock: StackClock
    /// Rung when there may be something to start: an enqueued invoke, an ended attempt, shutdown.
    private let doorbell = Doorbell()
    private let logger = Logger(label: "brume.lambda.async")
    private var queued: [String: AsyncInvocation] = [:]
    private var running: Set<String> = []
    /// At most this many event invokes run at once; the rest wait their turn.
    static let parallelism = 16

    /// How long (real seconds) the queue sleeps with nothing queued before it looks again (it
    /// is woken sooner by anything that matters).
    static let idleWait: TimeInterval = 3600

    init(store: LambdaStore, backend: LambdaBackend, runtime: FunctionRuntime, sender: DestinationSender, clock: StackClock) throws {
        self.store = store
        self.backend = backend
        self.runtime = runtime
        self.sender = sender
        self.clock = clock
        for invocation in try store.loadAsyncInvocations() { queued[invocation.requestID] = invocation }
    }

    /// Accepts an invocation durably.
    func enqueue(_ invocation: AsyncInvocation) throws(LambdaError) {
        do {
            try store.saveAsyncInvocation(invocation)
        } catch {
            throw .service("\(error)")
        }
        queued[invocation.requestID] = invocation
        doorbell.ring()
    }

    func run() async throws {
        let doorbell = self.doorbell
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled, !Task.isShuttingDownGracefully {
                for invocation in takeDue() {
                    group.addTask {
                        await self.attempt(invocation)
                        doorbell.ring()
                    }
                }
                let next = nextDue()
                await withGracefulShutdownHandler {
                    await doorbell.wait(untilNext: next, on: clock, idle: Self.idleWait)
                } onGracefulShutdown: {
                    doorbell.ring()
                }
            }
        }
    }

    /// When the earliest waiting invocation is due, in stack time; nil when none waits or every
    /// slot is taken (an ending attempt rings).
    private func nextDue() -> Date? {
        guard running.count < Self.parallelism else { return nil }
        return queued.values.lazy.filter { !self.running.contains($0.requestID) }.map(\.notBefore).min()
    }

    private func takeDue() -> [AsyncInvocation] {
        let now = clock.now()
        let due = queued.values.filter { $0.notBefore <= now && !running.contains($0.requestID) }
            .sorted { $0.notBefore < $1.notBefore }
            .prefix(max(0, Self.parallelism - running.count))
        for invocation in due { running.insert(invocation.requestID) }
        return Array(due)
    }

    private func attempt(_ invocation: AsyncInvocation) async {
        defer { running.remove(invocation.requestID) }
        let caller = Caller(accessKeyID: nil, accountID: invocation.accountID, region: invocation.region)
        guard let (entry, record) = try? await backend.resolve(FunctionReference(name: invocation.functionName), caller: caller,
                                                                 qualifier: invocation.qualifier) else {
            logger.warning("dropping event invoke \(invocation.requestID): \(invocation.functionName) no longer exists")
            finish(invocation)
            return
        }
        let config = await backend.eventInvokeConfig(invocation.functionName, qualifier: invocation.qualifier)
            ?? EventInvokeConfig(lastModified: clock.now())
        let age = clock.now().timeIntervalSince(invocation.enqueuedAt)
        var next = invocation
        let result: InvocationResult
        do {
            result = try await runtime.invoke(record, reservedConcurrency: entry.stored.reservedConcurrency, invocation: Invocation(
                requestID: invocation.requestID, payload: invocation.payload, invokedFunctionARN: invocation.invokedARN,
                traceID: LambdaService.traceID(), clientContext: invocation.clientContext, deadline: nil
            ))
        } catch {
            // Throttled (or the instance could not start): wait and try again until the event is too old.
            guard age < Double(config.eventAge) else {
                await fail(invocation, record: record, config: config, condition: "EventAgeExceeded", result: nil, errorCode: "429")
                return
            }
            next.notBefore = clock.now().addingTimeInterval(min(300, pow(2, Double(min(next.attempts, 8)))))
            reschedule(next)
            return
        }
        next.attempts += 1
        if result.functionError == nil {
            if let destination = config.onSuccess {
                await deliver(Self.record(invocation, record: record, condition: "Success", result: result, attempts: next.attempts, at: clock.now()), to: destination)
            }
            finish(invocation)
            return
        }
        if next.attempts > config.retryAttempts {
            await fail(next, record: record, config: config, condition: "RetriesExhausted", result: result, errorCode: "200")
        } else if age >= Double(config.eventAge) {
            await fail(next, record: record, config: config, condition: "EventAgeExceeded", result: result, errorCode: "200")
        } else {
            next.notBefore = clock.now().addingTimeInterval(Double(next.attempts == 1 ? 60 : 120))
            reschedule(next)
        }
    }

    private func fail(
        _ invocation: AsyncInvocation, record: FunctionRecord, config: EventInvokeConfig, condition: String, result: InvocationResult?, errorCode: String
    ) async {
        if let destination = config.onFailure {
            await deliver(Self.record(invocation, record: record, condition: condition, result: result, attempts: invocation.attempts, at: clock.now()), to: destination)
        } else if let deadLetter = record.deadLetterTarget {
            // AWS sends the first kilobyte of the error message and the invoke's HTTP status.
            let message = String((result.flatMap { (try? JSONValue.parse($0.payload))?["errorMessage"]?.stringValue } ?? condition).utf8.prefix(1024)) ?? condition
            do {
                try await sender.sendToDeadLetter(payload: invocation.payload, requestID: invocation.requestID, errorCode: errorCode,
                                                  errorMessage: message, queue: deadLetter)
            } catch {
                logger.error("event invoke \(invocation.requestID) of \(record.name) failed and cannot reach its dead-letter queue \(deadLetter): \(error)")
            }
        } else {
            logger.notice("event invoke \(invocation.requestID) of \(record.name) failed (\(condition)) and has no destination")
        }
        finish(invocation)
    }

    private func deliver(_ record: JSONValue, to destination: String) async {
        do {
            try await sender.sendRecord(record, to: destination)
        } catch {
            logger.error("cannot deliver an invocation record to \(destination): \(error)")
        }
    }

    private func reschedule(_ invocation: AsyncInvocation) {
        do {
            try store.saveAsyncInvocation(invocation)
        } catch {
            logger.error("cannot store the retry of event invoke \(invocation.requestID): \(error)")
        }
        queued[invocation.requestID] = invocation
    }

    private func finish(_ invocation: AsyncInvocation) {
        do {
            try store.deleteAsyncInvocation(invocation.requestID)
        } catch {
            logger.error("cannot remove finished event invoke \(invocation.requestID): \(error)")
        }
        queued[invocation.requestID] = nil
    }

    /// The invocation record AWS sends to destinations, stamped `at` (stack time).
    static func record(
        _ invocation: AsyncInvocation, record: FunctionRecord, condition: String, result: InvocationResult?, attempts: Int, at now: Date
    ) -> JSONValue {
        var response: JSONObject = ["statusCode": .int(200), "executedVersion": .string(record.version)]
        if let functionError = result?.functionError { response["functionError"] = .string(functionError) }
        var object: JSONObject = [
            "version": .string("1.0"),
            "timestamp": .string(AWSTimestamp.iso8601(now)),
            "requestContext": .object([
                "requestId": .string(invocation.requestID),
                "functionArn": .string(record.qualifiedARN),
                "condition": .string(condition),
                "approximateInvokeCount": .int(Int64(max(1, attempts))),
            ]),
            "requestPayload": (try? JSONValue.parse(invocation.payload)) ?? .null,
        ]
        if let result {
            object["responseContext"] = .object(response)
            object["responsePayload"] = (try? JSONValue.parse(result.payload)) ?? .string(String(decoding: result.payload, as: UTF8.self))
        }
        return .object(object)
    }
}
