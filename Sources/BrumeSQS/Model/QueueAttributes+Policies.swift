import Foundation

/// A queue's dead-letter configuration (`RedrivePolicy`).
struct RedrivePolicy: Sendable, Equatable {
    /// The dead-letter queue's ARN; resolving it to a queue is the caller's job.
    var deadLetterTargetArn: String
    /// Receives after which a message moves to the dead-letter queue, 1–1000.
    var maxReceiveCount: Int

    init(deadLetterTargetArn: String, maxReceiveCount: Int) {
        self.deadLetterTargetArn = deadLetterTargetArn
        self.maxReceiveCount = maxReceiveCount
    }

    /// Parses the JSON text. SQS accepts `maxReceiveCount` as a number or a numeric string,
    /// because older SDKs and CloudFormation send it quoted.
    init(json: String) throws(SQSError) {
        func invalid(_ reason: String) -> SQSError {
            .invalidParameterValue("Value \(json) for parameter RedrivePolicy is invalid. Reason: \(reason)")
        }
        guard let object = jsonObject(json) else { throw invalid("Redrive policy is not a valid JSON map.") }
        guard let arn = object["deadLetterTargetArn"]?.string else {
            throw invalid("Redrive policy does not contain mandatory attribute: deadLetterTargetArn.")
        }
        guard let rawCount = object["maxReceiveCount"] else {
            throw invalid("Redrive policy does not contain mandatory attribute: maxReceiveCount.")
        }
        guard let count = rawCount.integer, (1...1000).contains(count) else {
            throw invalid("Invalid value for maxReceiveCount: \(rawCount.text), valid values are from 1 to 1000 both inclusive.")
        }
        self.init(deadLetterTargetArn: arn, maxReceiveCount: count)
    }

    /// The form `GetQueueAttributes` returns: the count always as a JSON number.
    var json: String {
        #"{"deadLetterTargetArn":"\#(deadLetterTargetArn)","maxReceiveCount":\#(maxReceiveCount)}"#
    }
}

/// Which source queues may name this queue as their dead-letter queue (`RedriveAllowPolicy`).
struct RedriveAllowPolicy: Sendable, Equatable {
    /// The permission kind.
    enum Permission: String, Sendable {
        case allowAll, denyAll, byQueue
    }

    /// The permission kind.
    var permission: Permission
    /// The allowed source queue ARNs; only with ``Permission/byQueue``, 1–10 of them.
    var sourceQueueArns: [String]
    /// The text as the caller sent it, which `GetQueueAttributes` returns unchanged.
    var json: String

    /// Parses and checks the JSON text.
    init(json: String) throws(SQSError) {
        func invalid(_ reason: String) -> SQSError {
            .invalidParameterValue("Value \(json) for parameter RedriveAllowPolicy is invalid. Reason: \(reason)")
        }
        guard let object = jsonObject(json) else { throw invalid("Amazon SQS can't parse the redrive allow policy.") }
        guard let raw = object["redrivePermission"]?.string, let permission = Permission(rawValue: raw) else {
            throw invalid("redrivePermission must be one of allowAll, denyAll, byQueue.")
        }
        let arns = object["sourceQueueArns"].map(\.strings)
        switch permission {
        case .byQueue:
            guard let list = arns ?? nil, !list.isEmpty else {
                throw invalid("sourceQueueArns is required when redrivePermission is byQueue.")
            }
            guard list.count <= 10 else { throw invalid("Maximum number of sourceQueueArns is 10.") }
            sourceQueueArns = list
        case .allowAll, .denyAll:
            // The ARN list only means something for byQueue; SQS refuses it elsewhere.
            guard arns == nil else { throw invalid("sourceQueueArns is only allowed when redrivePermission is byQueue.") }
            sourceQueueArns = []
        }
        self.permission = permission
        self.json = json
    }

    /// Whether a queue with this ARN may use this queue as its dead-letter queue.
    func allows(sourceArn: String) -> Bool {
        switch permission {
        case .allowAll: true
        case .denyAll: false
        case .byQueue: sourceQueueArns.contains(sourceArn)
        }
    }
}

/// One JSON value of a policy document, as far as the policies need to look into it.
private enum PolicyValue: Decodable {
    case integer(Int), number(Double), string(String), strings([String]), other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([String].self) {
            self = .strings(value)
        } else {
            self = .other
        }
    }

    var string: String? {
        if case .string(let value) = self { value } else { nil }
    }

    var strings: [String]? {
        if case .strings(let value) = self { value } else { nil }
    }

    /// An integer given as a JSON integer or as a string of digits.
    var integer: Int? {
        switch self {
        case .integer(let value): value
        case .string(let value): Int(value)
        default: nil
        }
    }

    /// The value as it appears in an error message.
    var text: String {
        switch self {
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .string(let value): value
        case .strings(let value): value.description
        case .other: "null"
        }
    }
}

/// A JSON object, or nil when the text is not one.
private func jsonObject(_ text: String) -> [String: PolicyValue]? {
    try? JSONDecoder().decode([String: PolicyValue].self, from: Data(text.utf8))
}
