import BrumeCore
import BrumeEdge
import BrumeWire
import Foundation
import Logging
import ServiceLifecycle

/// Delivers the outbox: each event to its SQS queue (SendMessage), Lambda function (an Event
/// invoke) or EventBridge bus (the events service's own `/_brume/events/aws-events`, since AWS
/// refuses `aws.` sources in PutEvents), through the edge, at least once, as soon as a write
/// rings the doorbell.
///
/// A failed delivery is retried with exponential backoff (1 s, 2 s … capped at a minute), also
/// across restarts since the outbox is in SQLite; after ``maximumAttempts`` the event is marked
/// failed, logged, and listed at `/_brume/s3/notifications`, never silently dropped.
struct NotificationDeliverer: Service {
    let store: S3Store
    let client: EdgeClient
    /// Rung when a write queues an event, so it goes out at once rather than at the next poll.
    let doorbell: Doorbell
    /// The stack clock: retries are due in its time, so `POST /_brume/clock` brings them on.
    let clock: StackClock
    let logger = Logger(label: "brume.s3.notifications")
    static let maximumAttempts = 8
    /// The shortest wait between two looks at the outbox when nothing went out, in real seconds.
    static let minimumWait: TimeInterval = 0.25
    /// How long (real seconds) it sleeps with an empty outbox before it looks again (a write rings it sooner).
    static let idleWait: TimeInterval = 3600

    func run() async throws {
        var queueURLs: [String: String] = [:]
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let due = (try? await store.dueNotifications(now: clock.now(), limit: 64)) ?? []
            for event in due {
                do {
                    try await deliver(event, queueURLs: &queueURLs)
                    try? await store.notificationDelivered(event.seq)
                } catch {
                    let attempts = event.attempts + 1
                    let retryAt = attempts >= Self.maximumAttempts ? nil : clock.now().addingTimeInterval(min(60, pow(2, Double(attempts - 1))))
                    if retryAt == nil {
                        logger.error("giving up on an S3 event notification to \(event.destination) after \(attempts) attempts: \(error)")
                    }
                    try? await store.notificationFailed(event.seq, error: "\(error)", retryAt: retryAt, now: clock.now())
                }
            }
            if due.isEmpty {
                // Retries come due without a ring: sleep until the first one, or a ring.
                let next = try? await store.nextNotificationAttempt()
                guard (try? await cancelWhenGracefulShutdown({
                    await doorbell.wait(untilNext: next, on: clock, minimum: Self.minimumWait, idle: Self.idleWait)
                })) != nil else { break }
            }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private func deliver(_ event: PendingNotification, queueURLs: inout [String: String]) async throws {
        let parts = event.destination.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 6 else { throw Failure(description: "not an ARN: \(event.destination)") }
        switch parts[2] {
        case "sqs":
            if queueURLs[event.destination] == nil {
                let answer = try await sqs("GetQueueUrl", ["QueueName": .string(parts[5]), "QueueOwnerAWSAccountId": .string(parts[4])])
                queueURLs[event.destination] = answer["QueueUrl"]?.stringValue
            }
            guard let url = queueURLs[event.destination] else { throw Failure(description: "no URL for \(event.destination)") }
            do {
                _ = try await sqs("SendMessage", ["QueueUrl": .string(url), "MessageBody": .string(event.body)])
            } catch {
                queueURLs[event.destination] = nil  // The queue may have been re-created.
                throw error
            }
        case "lambda":
            let response = try await client.send(
                service: "lambda", method: "POST", path: "/2015-03-31/functions/\(parts[6...].joined(separator: ":"))/invocations",
                headers: [("X-Amz-Invocation-Type", "Event")], body: Array(event.body.utf8)
            )
            guard response.status == 202 else {
                throw Failure(description: "Invoke answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
            }
        case "events":
            let response = try await client.send(
                service: "events", method: "POST", path: "/_brume/events/aws-events", headers: [("Content-Type", "application/json")],
                body: Array(#"{"Events":["#.utf8) + Array(event.body.utf8) + Array("]}".utf8)
            )
            guard response.status == 200 else {
                throw Failure(description: "EventBridge answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
            }
        default:
            throw Failure(description: "Brume cannot deliver to \(event.destination)")
        }
    }

    private func sqs(_ operation: String, _ input: JSONObject) async throws -> JSONValue {
        let response = try await client.send(
            service: "sqs", method: "POST", path: "/",
            headers: [("X-Amz-Target", "AmazonSQS.\(operation)"), ("Content-Type", "application/x-amz-json-1.0")],
            body: JSONValue.object(input).serialized
        )
        guard response.status == 200, let value = try? JSONValue.parse(response.body) else {
            throw Failure(description: "\(operation) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
        return value
    }
}
