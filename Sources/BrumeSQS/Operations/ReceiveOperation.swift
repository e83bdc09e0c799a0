import BrumeCore
import BrumeWire
import Foundation
import ServiceLifecycle

/// ReceiveMessage, with long polling.
extension SQSService {
    /// The system attributes ReceiveMessage can return.
    static let messageSystemAttributeNames: Set<String> = [
        "SenderId", "SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp",
        "SequenceNumber", "MessageDeduplicationId", "MessageGroupId", "AWSTraceHeader", "DeadLetterQueueSourceArn",
    ]

    func receiveMessage(_ call: SQSCall) async throws -> JSONValue? {
        let identity = try call.queue()
        let input = call.input
        let maxCount = try input.integer("MaxNumberOfMessages", in: 1...10) ?? 1
        let visibility = try input.integer("VisibilityTimeout", in: 0...43_200)
        let wait = try input.integer("WaitTimeSeconds")
        if let wait, !(0...20).contains(wait) {
            throw SQSError.invalidParameterValue(
                "Value \(wait) for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided."
            )
        }
        let systemNames = try input.stringList("AttributeNames") + input.stringList("MessageSystemAttributeNames")
        for name in systemNames where name != "All" && !Self.messageSystemAttributeNames.contains(name) {
            throw SQSError.invalidAttributeName(name)
        }
        let attributeFilter = MessageAttributeFilter(try input.stringList("MessageAttributeNames"))
        let attemptID = try input.string("ReceiveRequestAttemptId")
        if let attemptID, attemptID.isEmpty || attemptID.utf8.count > 128 {
            throw SQSError.invalidParameterValue(
                "Value \(attemptID) for parameter ReceiveRequestAttemptId is invalid. Reason: ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length."
            )
        }
        let queue = try await backend.queue(identity)
        let visibilityTimeout = visibility ?? queue.attributes.visibilityTimeout
        let waitSeconds = wait ?? queue.attributes.receiveMessageWaitTimeSeconds
        // The long poll waits in stack time, like the delays and timeouts it waits for: moving
        // the stack's clock ends it, or makes the message it waits for visible, at once.
        let clock = backend.clock
        let deadline = clock.now().addingTimeInterval(TimeInterval(waitSeconds))

        var (messages, version) = try await backend.receive(
            from: identity, maxCount: maxCount, visibilityTimeout: visibilityTimeout, attemptID: attemptID
        )
        // Long polling: wait for a send, a visibility change, or the next hidden message's
        // deadline, whichever comes first, then look again. A graceful shutdown ends long polls
        // at once, with what they have (nothing), as AWS ends them at their deadline.
        while messages.isEmpty, clock.now() < deadline, !Task.isShuttingDownGracefully {
            await waitForMessages(queueID: queue.id, identity: identity, seen: version, until: deadline)
            (messages, version) = try await backend.receive(
                from: identity, maxCount: maxCount, visibilityTimeout: visibilityTimeout, attemptID: attemptID
            )
        }
        let names = Set(systemNames)
        let output = messages.map { message in
            Self.wireMessage(message, queueID: queue.id, systemNames: names, attributeFilter: attributeFilter)
        }
        return output.isEmpty ? .object([:]) : ["Messages": .array(output)]
    }

    /// Suspends until the queue changes after `seen`, its next hidden message's deadline, or `deadline`.
    private func waitForMessages(
        queueID: Int64, identity: QueueIdentity, seen: Int, until deadline: Date
    ) async {
        let backend = self.backend
        let clock = backend.clock
        let waiter = await backend.makeWaiterID()
        var wake = deadline
        if let next = await backend.nextDeadline(identity) {
            wake = min(wake, Date(timeIntervalSince1970: TimeInterval(next) / 1000))
        }
        let wakeAt = wake
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await backend.wait(queueID: queueID, waiter: waiter, seen: seen) }
            group.addTask {
                // Ends early when cancelled: by the waiter waking first, or by shutdown.
                _ = try? await cancelWhenGracefulShutdown {
                    try await clock.sleep(until: wakeAt)
                }
                await backend.wake(queueID: queueID, waiter: waiter)
            }
            await group.next()
            group.cancelAll()
        }
        // Both children are done; the timer's late wake may have left a mark to clear.
        await backend.finishWaiting(waiter)
    }

    private static func wireMessage(
        _ message: QueueMessage, queueID: Int64, systemNames: Set<String>, attributeFilter: MessageAttributeFilter
    ) -> JSONValue {
        let handle = ReceiptHandle(queueID: queueID, sequence: message.sequence, token: message.receiptToken ?? "")
        var fields: JSONObject = [
            "MessageId": .string(message.messageID),
            "ReceiptHandle": .string(handle.encoded),
            "MD5OfBody": .string(message.md5OfBody),
            "Body": .string(message.body),
        ]
        let all = systemNames.contains("All")
        var system: [String: String] = [:]
        func add(_ name: String, _ value: String?) {
            if let value, all || systemNames.contains(name) { system[name] = value }
        }
        add("SenderId", message.senderID)
        add("SentTimestamp", String(message.sentTimestamp))
        add("ApproximateReceiveCount", String(message.receiveCount))
        add("ApproximateFirstReceiveTimestamp", message.firstReceiveTimestamp.map { String($0) })
        add("SequenceNumber", message.sequenceNumber)
        add("MessageDeduplicationId", message.deduplicationID)
        add("MessageGroupId", message.groupID)
        add("AWSTraceHeader", message.systemAttributes["AWSTraceHeader"]?.stringValue)
        add("DeadLetterQueueSourceArn", message.deadLetterSourceARN)
        if !system.isEmpty { fields["Attributes"] = .strings(system) }
        if attributeFilter.isActive {
            let attributes = message.messageAttributes.filter { attributeFilter.includes($0.key) }
            fields["MessageAttributes"] = MessageAttributeValue.json(attributes)
            if let md5 = MessageDigest.attributes(attributes) { fields["MD5OfMessageAttributes"] = .string(md5) }
        }
        return .object(fields)
    }
}

/// Which message attributes a receive asked for, read as SQS reads `MessageAttributeNames`:
/// `All`, `*` and `.*` select every attribute, `prefix.*` the names starting with `prefix`, any
/// other entry one exact name.
///
/// Entries that are not valid attribute names (`AWS.`, `..foo`) are ignored. With no valid entry
/// the message carries no `MessageAttributes` at all; with one, it carries the map of the
/// attributes that match, empty when none does, as SQS answers.
struct MessageAttributeFilter: Sendable {
    private let all: Bool
    private let names: Set<String>
    private let prefixes: [String]
    /// Whether the message answers with a `MessageAttributes` map at all.
    let isActive: Bool

    init(_ requested: [String]) {
        var all = false
        var names: Set<String> = []
        var prefixes: [String] = []
        for entry in requested {
            if entry == "All" || entry == "*" || entry == ".*" {
                all = true
            } else if entry.hasSuffix(".*") {
                let prefix = String(entry.dropLast(2))
                if (try? MessageAttributeValidation.validateName(prefix)) != nil { prefixes.append(prefix) }
            } else if (try? MessageAttributeValidation.validateName(entry)) != nil {
                names.insert(entry)
            }
        }
        self.all = all
        self.names = names
        self.prefixes = prefixes
        isActive = all || !names.isEmpty || !prefixes.isEmpty
    }

    func includes(_ name: String) -> Bool {
        all || names.contains(name) || prefixes.contains { name.hasPrefix($0) }
    }
}
