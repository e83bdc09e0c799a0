import BrumeWire
import Crypto

/// SendMessage and SendMessageBatch.
extension SQSService {
    func sendMessage(_ call: SQSCall) async throws -> JSONValue? {
        let identity = try call.queue()
        let queue = try await backend.queue(identity)
        let draft = try makeDraft(call.input, queue: queue, caller: call)
        guard let outcome = try await backend.send([draft], to: identity).first else { return nil }
        return .object(Self.sendResult(outcome, draft: draft))
    }

    func sendMessageBatch(_ call: SQSCall) async throws -> JSONValue? {
        let identity = try call.queue()
        let entries = try call.input.entries("Entries")
        try BatchEntries.validate(ids: entries.map { (try? $0.string("Id")) ?? nil ?? "" }, operation: .sendMessage)
        let queue = try await backend.queue(identity)
        if let fifo = queue.attributes.fifo { try Self.checkFIFOEntries(entries, contentBasedDeduplication: fifo.contentBasedDeduplication) }
        var total = 0
        for entry in entries {
            let body = (try? entry.string("MessageBody")) ?? nil ?? ""
            let attributes = (try? entry.messageAttributes("MessageAttributes")) ?? [:]
            total += MessageAttributeValidation.messageSize(body: body, attributes: attributes)
        }
        guard total <= MessageLimits.maximumMessageSize else { throw SQSError.batchRequestTooLong(size: total) }

        var drafts: [(id: String, draft: MessageDraft)] = []
        var failed: [JSONValue] = []
        for entry in entries {
            let id = try entry.requiredString("Id")
            do throws(SQSError) {
                drafts.append((id, try makeDraft(entry, queue: queue, caller: call)))
            } catch {
                failed.append(Self.failure(BatchEntryError(id: id, error: error)))
            }
        }
        let outcomes = drafts.isEmpty ? [] : try await backend.send(drafts.map(\.draft), to: identity)
        var successful: [JSONValue] = []
        for ((id, draft), outcome) in zip(drafts, outcomes) {
            var fields = Self.sendResult(outcome, draft: draft)
            fields["Id"] = .string(id)
            successful.append(.object(fields))
        }
        return ["Successful": .array(successful), "Failed": .array(failed)]
    }

    /// A FIFO batch whose entry lacks a group, or a deduplication id the queue cannot make up, is
    /// refused whole, as SQS refuses it, with SendMessage's wording but `InvalidParameterValue`
    /// even for the missing group (SendMessage alone says `MissingParameter`).
    static func checkFIFOEntries(_ entries: [SQSInput], contentBasedDeduplication: Bool) throws(SQSError) {
        for entry in entries {
            guard entry.has("MessageGroupId") else {
                throw .invalidParameterValue("The request must contain the parameter MessageGroupId.")
            }
            guard contentBasedDeduplication || entry.has("MessageDeduplicationId") else {
                throw .invalidParameterValue(Self.missingDeduplicationMessage)
            }
        }
    }

    static let missingDeduplicationMessage =
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly"

    /// Validates one message (a SendMessage request or a batch entry) against its queue.
    private func makeDraft(_ input: SQSInput, queue: QueueRecord, caller call: SQSCall) throws(SQSError) -> MessageDraft {
        let body = try input.requiredString("MessageBody")
        try MessageBody.validate(body)
        let attributes = try input.messageAttributes("MessageAttributes")
        try MessageAttributeValidation.validate(attributes)
        let systemAttributes = try input.messageAttributes("MessageSystemAttributes")
        try MessageAttributeValidation.validateSystem(systemAttributes)
        try MessageAttributeValidation.checkSize(body: body, attributes: attributes, limit: queue.attributes.maximumMessageSize)
        let delay = try input.integer("DelaySeconds", in: 0...900)
        var groupID = try input.string("MessageGroupId")
        var deduplicationID = try input.string("MessageDeduplicationId")
        if let fifo = queue.attributes.fifo {
            // A FIFO queue's delay is the queue's; a message may only restate "no delay".
            if let delay, delay != 0 {
                throw .invalidParameterValue(
                    "Value \(delay) for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type."
                )
            }
            guard let group = groupID else { throw .missingParameter("MessageGroupId") }
            try Self.checkFIFOToken(group, parameter: "MessageGroupId")
            if let id = deduplicationID {
                try Self.checkFIFOToken(id, parameter: "MessageDeduplicationId")
            } else if fifo.contentBasedDeduplication {
                deduplicationID = SHA256.hash(data: Array(body.utf8)).map { String(format: "%02x", $0) }.joined()
            } else {
                throw .invalidParameterValue(Self.missingDeduplicationMessage)
            }
            groupID = group
        } else {
            if deduplicationID != nil {
                throw .invalidParameterValue(
                    "Value \(deduplicationID!) for parameter MessageDeduplicationId is invalid. Reason: The request includes a parameter that is not valid for this queue type."
                )
            }
            if let group = groupID { try Self.checkFIFOToken(group, parameter: "MessageGroupId") }
            deduplicationID = nil
        }
        return MessageDraft(
            body: body, md5OfBody: MessageDigest.body(body),
            messageAttributes: attributes, md5OfMessageAttributes: MessageDigest.attributes(attributes),
            systemAttributes: systemAttributes, md5OfMessageSystemAttributes: MessageDigest.attributes(systemAttributes),
            senderID: call.caller.accessKeyID ?? call.caller.accountID,
            delaySeconds: delay ?? queue.attributes.delaySeconds, groupID: groupID, deduplicationID: deduplicationID
        )
    }

    /// Group and deduplication ids: 1–128 characters of printable ASCII.
    private static func checkFIFOToken(_ value: String, parameter: String) throws(SQSError) {
        guard !value.isEmpty, value.utf8.count <= 128, value.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            throw .invalidParameterValue(
                "Value \(value) for parameter \(parameter) is invalid. Reason: \(parameter) can only include alphanumeric and punctuation characters. 1 to 128 in length."
            )
        }
    }

    private static func sendResult(_ outcome: SendOutcome, draft: MessageDraft) -> JSONObject {
        var fields: JSONObject = ["MD5OfMessageBody": .string(draft.md5OfBody)]
        if let md5 = draft.md5OfMessageAttributes { fields["MD5OfMessageAttributes"] = .string(md5) }
        if let md5 = draft.md5OfMessageSystemAttributes { fields["MD5OfMessageSystemAttributes"] = .string(md5) }
        switch outcome {
        case .enqueued(let message, _):
            fields["MessageId"] = .string(message.messageID)
            if let number = message.sequenceNumber { fields["SequenceNumber"] = .string(number) }
        case .duplicate(let record):
            fields["MessageId"] = .string(record.messageID)
            if let number = record.sequenceNumber { fields["SequenceNumber"] = .string(number) }
        }
        return fields
    }

    /// A `BatchResultErrorEntry`.
    static func failure(_ error: BatchEntryError) -> JSONValue {
        ["Id": .string(error.id), "SenderFault": .bool(error.senderFault), "Code": .string(error.code), "Message": .string(error.message)]
    }
}
