import BrumeWire

/// The event Lambda builds from received SQS messages, and how it reads the function's answer.
enum SQSEventBatch {
    /// `{"Records": [...]}` with each message as AWS's SQS event shows it.
    static func event(messages: [JSONValue], queueARN: String, region: String) -> JSONValue {
        .object(["Records": .array(messages.map { record($0, queueARN: queueARN, region: region) })])
    }

    static func record(_ message: JSONValue, queueARN: String, region: String) -> JSONValue {
        var object: JSONObject = [:]
        object["messageId"] = message["MessageId"] ?? .null
        object["receiptHandle"] = message["ReceiptHandle"] ?? .null
        object["body"] = message["Body"] ?? .string("")
        object["attributes"] = message["Attributes"] ?? .object([:])
        var messageAttributes: JSONObject = [:]
        if let incoming = message["MessageAttributes"]?.objectValue {
            for key in incoming.keys {
                guard let attribute = incoming[key] else { continue }
                var converted: JSONObject = [:]
                if let text = attribute["StringValue"] { converted["stringValue"] = text }
                if let binary = attribute["BinaryValue"] { converted["binaryValue"] = binary }
                converted["stringListValues"] = .array([])
                converted["binaryListValues"] = .array([])
                converted["dataType"] = attribute["DataType"] ?? .string("String")
                messageAttributes[key] = .object(converted)
            }
        }
        object["messageAttributes"] = .object(messageAttributes)
        object["md5OfBody"] = message["MD5OfBody"] ?? .null
        if let digest = message["MD5OfMessageAttributes"] { object["md5OfMessageAttributes"] = digest }
        object["eventSource"] = .string("aws:sqs")
        object["eventSourceARN"] = .string(queueARN)
        object["awsRegion"] = .string(region)
        return .object(object)
    }

    /// The message ids to keep on the queue after the function answered `response`.
    ///
    /// With `ReportBatchItemFailures`, a `batchItemFailures` list keeps just those messages;
    /// an empty or missing list means all succeeded. An answer that is not of that shape, or
    /// names a message that was not in the batch, fails the whole batch, as AWS treats it.
    static func failedMessageIDs(response: [UInt8], batch: [String]) -> Set<String> {
        guard let value = try? JSONValue.parse(response) else { return response.isEmpty ? [] : Set(batch) }
        guard case .object = value, let failures = value["batchItemFailures"] else { return [] }
        if failures.isNull { return [] }
        guard let items = failures.arrayValue else { return Set(batch) }
        var failed: Set<String> = []
        for item in items {
            guard let id = item["itemIdentifier"]?.stringValue, !id.isEmpty, batch.contains(id) else { return Set(batch) }
            failed.insert(id)
        }
        return failed
    }
}
