/// SQS's fixed message limits.
enum MessageLimits {
    /// The largest message, and the largest `SendMessageBatch` payload: 1 MiB since August 2025.
    static let maximumMessageSize = 1_048_576
    /// The most message attributes one message may carry.
    static let maximumAttributeCount = 10
    /// The longest attribute name or data type.
    static let maximumAttributeNameLength = 256
}

/// One message attribute value as `SendMessage` carries it.
struct MessageAttributeValue: Sendable, Equatable {
    /// `String`, `Number` or `Binary`, optionally followed by `.label`.
    var dataType: String
    var stringValue: String?
    var binaryValue: [UInt8]?

    init(dataType: String, stringValue: String? = nil, binaryValue: [UInt8]? = nil) {
        self.dataType = dataType
        self.stringValue = stringValue
        self.binaryValue = binaryValue
    }

    /// The logical type: the part of ``dataType`` before any custom label.
    var baseType: String {
        dataType.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }

    /// The bytes of the value, as counted toward the message size and hashed.
    var valueBytes: [UInt8] {
        baseType == "Binary" ? (binaryValue ?? []) : Array((stringValue ?? "").utf8)
    }
}

/// Validation of a message's user and system attributes, in the order SQS applies it.
enum MessageAttributeValidation {
    /// Validates user message attributes; every failure is `InvalidParameterValue`.
    static func validate(_ attributes: [String: MessageAttributeValue]) throws(SQSError) {
        guard attributes.count <= MessageLimits.maximumAttributeCount else {
            throw .invalidParameterValue(
                "Number of message attributes [\(attributes.count)] exceeds the allowed maximum [\(MessageLimits.maximumAttributeCount)].")
        }
        for name in attributes.keys.sorted() {
            try validateName(name)
            try validateValue(attributes[name]!, name: name)
        }
    }

    /// Checks a name: `A-Za-z0-9_-.`, ≤ 256, no reserved prefix, no leading, trailing or double `.`.
    static func validateName(_ name: String) throws(SQSError) {
        guard !name.isEmpty else {
            throw .invalidParameterValue("The request must contain non-empty message attribute name.")
        }
        guard name.utf8.count <= MessageLimits.maximumAttributeNameLength else {
            throw .invalidParameterValue("Message (user) attribute name must be shorter than 256 bytes.")
        }
        let lowered = name.lowercased()
        guard !lowered.hasPrefix("aws."), !lowered.hasPrefix("amazon.") else {
            throw .invalidParameterValue("Message (user) attribute name '\(name)' is reserved for use by SQS.")
        }
        let allowed = name.unicodeScalars.allSatisfy(isNameScalar)
        guard allowed, !name.hasPrefix("."), !name.hasSuffix("."), !name.contains("..") else {
            throw .invalidParameterValue(
                "Message (user) attribute name '\(name)' can only contain alphanumeric characters, hyphens, underscores and periods, and must not start or end with a period or contain two periods in a row.")
        }
    }

    /// `A-Za-z0-9_-.`, and letters and digits beyond ASCII (SQS takes `attr.1øßä`, not `§`).
    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return QueueName.isNameByte(UInt8(scalar.value)) || scalar == "." }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func validateValue(_ value: MessageAttributeValue, name: String) throws(SQSError) {
        let base = value.baseType
        guard ["String", "Number", "Binary"].contains(base) else {
            throw .invalidParameterValue(
                "The type of message (user) attribute '\(name)' is invalid. You must use only the following supported type prefixes: Binary, Number, String.")
        }
        guard value.dataType.utf8.count <= MessageLimits.maximumAttributeNameLength else {
            throw .invalidParameterValue("Message (user) attribute '\(name)' type must be shorter than 256 bytes.")
        }
        let empty = "Message (user) attribute '\(name)' must contain a non-empty value of type '\(base)'."
        if base == "Binary" {
            guard let bytes = value.binaryValue, !bytes.isEmpty else { throw .invalidParameterValue(empty) }
            return
        }
        guard let text = value.stringValue, !text.isEmpty else { throw .invalidParameterValue(empty) }
        if base == "Number" {
            guard SQSNumber.isValid(text) else {
                throw .invalidParameterValue("Can't cast the value of message (user) attribute '\(name)' to a number.")
            }
        } else if let bad = MessageBody.firstInvalidScalar(text) {
            throw .invalidParameterValue(
                "Message (user) attribute '\(name)' contains the invalid character \(MessageBody.hex(bad)).")
        }
    }

    /// Validates `MessageSystemAttributes`: only `AWSTraceHeader`, of type `String`.
    static func validateSystem(_ attributes: [String: MessageAttributeValue]) throws(SQSError) {
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            guard name == "AWSTraceHeader" else {
                throw .invalidParameterValue("Message system attribute name '\(name)' is invalid.")
            }
            guard value.dataType == "String" else {
                throw .invalidParameterValue("Message system attribute '\(name)' must be of type 'String'.")
            }
            guard let text = value.stringValue, !text.isEmpty else {
                throw .invalidParameterValue("Message system attribute '\(name)' must contain a non-empty value of type 'String'.")
            }
        }
    }

    /// A message's size as SQS counts it against `MaximumMessageSize`: body bytes plus, per
    /// attribute, name, data type and value bytes.
    static func messageSize(body: String, attributes: [String: MessageAttributeValue]) -> Int {
        attributes.reduce(body.utf8.count) { total, entry in
            total + entry.key.utf8.count + entry.value.dataType.utf8.count + entry.value.valueBytes.count
        }
    }

    /// Fails with `InvalidParameterValue` when a message exceeds the queue's maximum size.
    static func checkSize(body: String, attributes: [String: MessageAttributeValue], limit: Int) throws(SQSError) {
        guard messageSize(body: body, attributes: attributes) <= limit else {
            throw .invalidParameterValue(
                "One or more parameters are invalid. Reason: Message must be shorter than \(limit) bytes.")
        }
    }
}
