/// The configured (writable) attributes of a queue, with SQS's defaults.
///
/// Built by ``forCreate(_:isFIFOName:)`` and changed by ``applying(_:)``; both take the raw
/// `Attributes` map of the request and fail exactly as SQS does. Counters and timestamps are
/// not here: the queue's owner computes them.
struct QueueAttributes: Sendable, Equatable {
    /// Settings only a FIFO queue has.
    struct FIFOSettings: Sendable, Equatable {
        /// Where deduplication ids are unique.
        enum DeduplicationScope: String, Sendable { case messageGroup, queue }
        /// What the throughput quota applies to.
        enum ThroughputLimit: String, Sendable { case perQueue, perMessageGroupId }

        var contentBasedDeduplication = false
        var deduplicationScope = DeduplicationScope.queue
        var throughputLimit = ThroughputLimit.perQueue

        init() {}
    }

    var delaySeconds = 0
    var maximumMessageSize = MessageLimits.maximumMessageSize
    var messageRetentionPeriod = 345_600
    var receiveMessageWaitTimeSeconds = 0
    var visibilityTimeout = 30
    /// The access policy document, stored as sent.
    var policy: String?
    var redrivePolicy: RedrivePolicy?
    var redriveAllowPolicy: RedriveAllowPolicy?
    /// The KMS key for SSE-KMS; nil when the queue does not use KMS.
    var kmsMasterKeyId: String?
    var kmsDataKeyReusePeriodSeconds = 300
    /// SSE-SQS; on by default for new queues since 2022, off whenever a KMS key is set.
    var sqsManagedSseEnabled = true
    /// Non-nil exactly when the queue is FIFO.
    var fifo: FIFOSettings?

    init() {}

    /// Whether the queue is FIFO.
    var isFIFO: Bool { fifo != nil }

    /// The attributes of a new queue from `CreateQueue`'s `Attributes` map.
    ///
    /// `FifoQueue` must be `true` to make a FIFO queue; SQS treats `FifoQueue=false` like any
    /// FIFO-only attribute on a standard queue, as an unknown attribute. The name and the
    /// attribute must agree: a `.fifo` name needs `FifoQueue=true` and the other way round.
    static func forCreate(_ raw: [String: String], isFIFOName: Bool) throws(SQSError) -> QueueAttributes {
        var attributes = QueueAttributes()
        if let fifo = raw["FifoQueue"] {
            guard let flag = parseBool(fifo) else { throw .invalidAttributeValue(invalidValue("FifoQueue")) }
            guard flag else { throw .invalidAttributeName("FifoQueue") }
            attributes.fifo = FIFOSettings()
        }
        guard attributes.isFIFO == isFIFOName else { throw .invalidParameterValue(QueueName.fifoMessage) }
        return try attributes.applying(raw.filter { $0.key != "FifoQueue" })
    }

    /// These attributes changed by `SetQueueAttributes`'s `Attributes` map.
    ///
    /// `FifoQueue` cannot change (`true` on a FIFO queue is accepted, `false` is
    /// `InvalidAttributeValue`); FIFO-only names on a standard queue, read-only names and
    /// unknown names are all `InvalidAttributeName`. `DeduplicationScope` and
    /// `FifoThroughputLimit` can change at any time, together or apart, as long as the result
    /// keeps `perMessageGroupId` with `messageGroup`. An empty `Policy`, `RedrivePolicy`,
    /// `RedriveAllowPolicy` or `KmsMasterKeyId` removes that setting.
    func applying(_ raw: [String: String]) throws(SQSError) -> QueueAttributes {
        var next = self
        // Sorted so that the error for a request with several bad names is deterministic.
        for (name, value) in raw.sorted(by: { $0.key < $1.key }) {
            try next.set(name, value)
        }
        if next.kmsMasterKeyId != nil, raw["SqsManagedSseEnabled"].flatMap(Self.parseBool) == true {
            throw .invalidAttributeCombination(
                "You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.")
        }
        if next.kmsMasterKeyId != nil { next.sqsManagedSseEnabled = false }
        if let fifo = next.fifo, fifo.throughputLimit == .perMessageGroupId, fifo.deduplicationScope != .messageGroup {
            throw .invalidAttributeValue(Self.invalidValue("FifoThroughputLimit"))
        }
        return next
    }

    private mutating func set(_ name: String, _ value: String) throws(SQSError) {
        switch name {
        case "DelaySeconds": delaySeconds = try Self.integer(name, value, 0...900)
        case "MaximumMessageSize":
            maximumMessageSize = try Self.integer(name, value, 1024...MessageLimits.maximumMessageSize)
        case "MessageRetentionPeriod": messageRetentionPeriod = try Self.integer(name, value, 60...1_209_600)
        case "ReceiveMessageWaitTimeSeconds": receiveMessageWaitTimeSeconds = try Self.integer(name, value, 0...20)
        case "VisibilityTimeout": visibilityTimeout = try Self.integer(name, value, 0...43_200)
        case "KmsDataKeyReusePeriodSeconds": kmsDataKeyReusePeriodSeconds = try Self.integer(name, value, 60...86_400)
        case "Policy": policy = value.isEmpty ? nil : value
        case "RedrivePolicy": redrivePolicy = value.isEmpty ? nil : try RedrivePolicy(json: value)
        case "RedriveAllowPolicy": redriveAllowPolicy = value.isEmpty ? nil : try RedriveAllowPolicy(json: value)
        case "KmsMasterKeyId": kmsMasterKeyId = value.isEmpty ? nil : value
        case "SqsManagedSseEnabled":
            guard let flag = Self.parseBool(value) else { throw .invalidAttributeValue(Self.invalidValue(name)) }
            sqsManagedSseEnabled = flag
        case "ContentBasedDeduplication" where fifo != nil:
            guard let flag = Self.parseBool(value) else { throw .invalidAttributeValue(Self.invalidValue(name)) }
            fifo?.contentBasedDeduplication = flag
        case "DeduplicationScope" where fifo != nil:
            guard let scope = FIFOSettings.DeduplicationScope(rawValue: value) else {
                throw .invalidAttributeValue(Self.invalidValue(name))
            }
            fifo?.deduplicationScope = scope
        case "FifoQueue" where fifo != nil:
            // A FIFO queue may restate what it is, never change it.
            guard Self.parseBool(value) == true else {
                throw .invalidAttributeValue("Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.")
            }
        case "FifoThroughputLimit" where fifo != nil:
            guard let limit = FIFOSettings.ThroughputLimit(rawValue: value) else {
                throw .invalidAttributeValue(Self.invalidValue(name))
            }
            fifo?.throughputLimit = limit
        default:
            // Includes FIFO-only names (FifoQueue too) on a standard queue and the read-only
            // names: SQS reports them all as unknown.
            throw .invalidAttributeName(name)
        }
    }

    /// Every configured attribute as `GetQueueAttributes` shows it. Optional settings appear
    /// only when set; the KMS pair appears only when a KMS key is configured.
    var rawValues: [String: String] {
        var values: [String: String] = [
            "DelaySeconds": String(delaySeconds),
            "MaximumMessageSize": String(maximumMessageSize),
            "MessageRetentionPeriod": String(messageRetentionPeriod),
            "ReceiveMessageWaitTimeSeconds": String(receiveMessageWaitTimeSeconds),
            "VisibilityTimeout": String(visibilityTimeout),
            "SqsManagedSseEnabled": String(sqsManagedSseEnabled),
        ]
        values["Policy"] = policy
        values["RedrivePolicy"] = redrivePolicy?.json
        values["RedriveAllowPolicy"] = redriveAllowPolicy?.json
        if let kmsMasterKeyId {
            values["KmsMasterKeyId"] = kmsMasterKeyId
            values["KmsDataKeyReusePeriodSeconds"] = String(kmsDataKeyReusePeriodSeconds)
        }
        if let fifo {
            values["FifoQueue"] = "true"
            values["ContentBasedDeduplication"] = String(fifo.contentBasedDeduplication)
            values["DeduplicationScope"] = fifo.deduplicationScope.rawValue
            values["FifoThroughputLimit"] = fifo.throughputLimit.rawValue
        }
        return values
    }

    /// Checks a repeated `CreateQueue` for an existing queue of the same name.
    ///
    /// SQS compares only the attributes the request names, after normalising them (so
    /// `"030"` equals `"30"`); a difference is `QueueNameExists` naming that attribute, and no
    /// difference means `CreateQueue` returns the existing queue's URL.
    func checkSameAsExisting(_ raw: [String: String], isFIFOName: Bool) throws(SQSError) {
        let requested = try Self.forCreate(raw, isFIFOName: isFIFOName).rawValues
        let mine = rawValues
        for name in raw.keys.sorted() where requested[name] != mine[name] {
            throw .queueNameExists(attribute: name)
        }
    }

    /// An integer attribute in range, else `InvalidAttributeValue`.
    private static func integer(_ name: String, _ value: String, _ range: ClosedRange<Int>) throws(SQSError) -> Int {
        guard let number = Int(value), range.contains(number) else {
            throw .invalidAttributeValue(invalidValue(name))
        }
        return number
    }

    static func invalidValue(_ name: String) -> String {
        "Invalid value for the parameter \(name)."
    }

    /// SQS reads booleans case-insensitively.
    static func parseBool(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }
}
