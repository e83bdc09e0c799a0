import Testing
@testable import BrumeSQS

@Suite struct QueueAttributesTests {
    @Test func defaults() throws {
        let standard = try QueueAttributes.forCreate([:], isFIFOName: false)
        #expect(standard.rawValues == [
            "DelaySeconds": "0", "MaximumMessageSize": "1048576", "MessageRetentionPeriod": "345600",
            "ReceiveMessageWaitTimeSeconds": "0", "VisibilityTimeout": "30", "SqsManagedSseEnabled": "true",
        ])
        let fifo = try QueueAttributes.forCreate(["FifoQueue": "true"], isFIFOName: true)
        #expect(fifo.rawValues["FifoQueue"] == "true")
        #expect(fifo.rawValues["ContentBasedDeduplication"] == "false")
        #expect(fifo.rawValues["DeduplicationScope"] == "queue")
        #expect(fifo.rawValues["FifoThroughputLimit"] == "perQueue")
    }

    @Test(arguments: [
        ("DelaySeconds", 0, 900), ("MaximumMessageSize", 1024, 1_048_576), ("MessageRetentionPeriod", 60, 1_209_600),
        ("ReceiveMessageWaitTimeSeconds", 0, 20), ("VisibilityTimeout", 0, 43_200),
        ("KmsDataKeyReusePeriodSeconds", 60, 86_400),
    ])
    func ranges(name: String, low: Int, high: Int) throws {
        for good in [low, high] {
            let attributes = try QueueAttributes.forCreate([name: String(good), "KmsMasterKeyId": "alias/k"], isFIFOName: false)
            #expect(attributes.rawValues[name] == String(good))
        }
        for bad in [String(low - 1), String(high + 1), "abc", "1.5", ""] {
            #expect(throws: SQSError.invalidAttributeValue("Invalid value for the parameter \(name).")) {
                try QueueAttributes.forCreate([name: bad], isFIFOName: false)
            }
        }
    }

    @Test func namesAndFIFORules() throws {
        #expect(throws: SQSError.invalidAttributeName("Bogus")) { try QueueAttributes.forCreate(["Bogus": "1"], isFIFOName: false) }
        #expect(throws: SQSError.invalidAttributeName("QueueArn")) { try QueueAttributes.forCreate(["QueueArn": "x"], isFIFOName: false) }
        #expect(throws: SQSError.invalidAttributeName("FifoQueue")) { try QueueAttributes.forCreate(["FifoQueue": "false"], isFIFOName: false) }
        #expect(throws: SQSError.invalidAttributeName("ContentBasedDeduplication")) {
            try QueueAttributes.forCreate(["ContentBasedDeduplication": "true"], isFIFOName: false)
        }
        #expect(throws: SQSError.invalidParameterValue(QueueName.fifoMessage)) { try QueueAttributes.forCreate([:], isFIFOName: true) }
        #expect(throws: SQSError.invalidParameterValue(QueueName.fifoMessage)) {
            try QueueAttributes.forCreate(["FifoQueue": "true"], isFIFOName: false)
        }
        let fifo = try QueueAttributes.forCreate(["FifoQueue": "TRUE"], isFIFOName: true)
        // A FIFO queue may restate its type, not change it; a standard queue does not know the name.
        #expect(try fifo.applying(["FifoQueue": "true"]) == fifo)
        #expect(throws: SQSError.invalidAttributeValue("Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.")) {
            try fifo.applying(["FifoQueue": "false"])
        }
        #expect(throws: SQSError.invalidAttributeName("FifoQueue")) { try QueueAttributes().applying(["FifoQueue": "true"]) }
        #expect(throws: SQSError.invalidAttributeValue("Invalid value for the parameter FifoThroughputLimit.")) {
            try fifo.applying(["FifoThroughputLimit": "perMessageGroupId"])
        }
        let high = try fifo.applying(["FifoThroughputLimit": "perMessageGroupId", "DeduplicationScope": "messageGroup"])
        #expect(high.fifo?.throughputLimit == .perMessageGroupId)
        // High throughput can be turned on in two steps and off again, never into the bad pair.
        let scoped = try fifo.applying(["DeduplicationScope": "messageGroup"])
        #expect(try scoped.applying(["FifoThroughputLimit": "perMessageGroupId"]) == high)
        #expect(throws: SQSError.invalidAttributeValue("Invalid value for the parameter FifoThroughputLimit.")) {
            try high.applying(["DeduplicationScope": "queue"])
        }
        #expect(try high.applying(["DeduplicationScope": "queue", "FifoThroughputLimit": "perQueue"]) == fifo)
        #expect(throws: SQSError.invalidAttributeValue("Invalid value for the parameter DeduplicationScope.")) {
            try fifo.applying(["DeduplicationScope": "group"])
        }
    }

    @Test func optionalAttributesAndRemoval() throws {
        let arn = "arn:aws:sqs:us-east-1:000000000000:dlq"
        var attributes = try QueueAttributes.forCreate([
            "RedrivePolicy": #"{"deadLetterTargetArn":"\#(arn)","maxReceiveCount":"5"}"#,
            "Policy": "{}", "KmsMasterKeyId": "alias/aws/sqs",
        ], isFIFOName: false)
        #expect(attributes.redrivePolicy == RedrivePolicy(deadLetterTargetArn: arn, maxReceiveCount: 5))
        #expect(attributes.rawValues["RedrivePolicy"] == #"{"deadLetterTargetArn":"\#(arn)","maxReceiveCount":5}"#)
        #expect(attributes.rawValues["KmsDataKeyReusePeriodSeconds"] == "300")
        #expect(attributes.rawValues["SqsManagedSseEnabled"] == "false")
        attributes = try attributes.applying(["RedrivePolicy": "", "Policy": "", "KmsMasterKeyId": ""])
        #expect(attributes.rawValues["RedrivePolicy"] == nil)
        #expect(attributes.rawValues["Policy"] == nil)
        #expect(attributes.rawValues["KmsMasterKeyId"] == nil)
        #expect(throws: SQSError.invalidAttributeCombination(
            "You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.")) {
            try QueueAttributes.forCreate(["KmsMasterKeyId": "k", "SqsManagedSseEnabled": "true"], isFIFOName: false)
        }
    }

    @Test func redrivePolicies() throws {
        #expect(try RedrivePolicy(json: #"{"deadLetterTargetArn":"a","maxReceiveCount":1000}"#).maxReceiveCount == 1000)
        for bad in [#"{"deadLetterTargetArn":"a","maxReceiveCount":0}"#, #"{"deadLetterTargetArn":"a","maxReceiveCount":"1001"}"#,
                    #"{"maxReceiveCount":3}"#, #"{"deadLetterTargetArn":"a"}"#, "nope", #"{"deadLetterTargetArn":"a","maxReceiveCount":true}"#] {
            #expect(throws: SQSError.self) { try RedrivePolicy(json: bad) }
        }
        let byQueue = try RedriveAllowPolicy(json: #"{"redrivePermission":"byQueue","sourceQueueArns":["a"]}"#)
        #expect(byQueue.allows(sourceArn: "a") && !byQueue.allows(sourceArn: "b"))
        #expect(try RedriveAllowPolicy(json: #"{"redrivePermission":"denyAll"}"#).allows(sourceArn: "a") == false)
        let eleven = (0..<11).map { #""a\#($0)""# }.joined(separator: ",")
        for bad in [#"{"redrivePermission":"byQueue"}"#, #"{"redrivePermission":"some"}"#,
                    #"{"redrivePermission":"byQueue","sourceQueueArns":[\#(eleven)]}"#] {
            #expect(throws: SQSError.self) { try RedriveAllowPolicy(json: bad) }
        }
    }

    @Test func createIdempotency() throws {
        let existing = try QueueAttributes.forCreate(["VisibilityTimeout": "60"], isFIFOName: false)
        try existing.checkSameAsExisting(["VisibilityTimeout": "060"], isFIFOName: false)
        try existing.checkSameAsExisting([:], isFIFOName: false)
        #expect(throws: SQSError.queueNameExists(attribute: "VisibilityTimeout")) {
            try existing.checkSameAsExisting(["VisibilityTimeout": "30"], isFIFOName: false)
        }
    }

    @Test func requestedNames() throws {
        #expect(try QueueAttributeNames.resolveRequested(["All"]) == QueueAttributeNames.readable)
        #expect(try QueueAttributeNames.resolveRequested(["QueueArn"]) == ["QueueArn"])
        #expect(try QueueAttributeNames.resolveRequested([]).isEmpty)
        #expect(throws: SQSError.invalidAttributeName("Nope")) { try QueueAttributeNames.resolveRequested(["QueueArn", "Nope"]) }
    }
}
