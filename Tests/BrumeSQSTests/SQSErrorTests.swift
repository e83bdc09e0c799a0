import Testing
@testable import BrumeSQS

@Suite struct SQSErrorTests {
    @Test(arguments: [
        (SQSError.queueDoesNotExist, "QueueDoesNotExist", 400, "AWS.SimpleQueueService.NonExistentQueue"),
        (.queueNameExists(attribute: "VisibilityTimeout"), "QueueNameExists", 400, "QueueAlreadyExists"),
        (.queueDeletedRecently, "QueueDeletedRecently", 400, "AWS.SimpleQueueService.QueueDeletedRecently"),
        (.purgeQueueInProgress(queueName: "q"), "PurgeQueueInProgress", 403, "AWS.SimpleQueueService.PurgeQueueInProgress"),
        (.invalidAttributeName("X"), "InvalidAttributeName", 400, "InvalidAttributeName"),
        (.invalidAttributeValue("m"), "InvalidAttributeValue", 400, "InvalidAttributeValue"),
        (.invalidParameterValue("m"), "InvalidParameterValueException", 400, "InvalidParameterValue"),
        (.invalidAttributeCombination("m"), "InvalidAttributeName", 400, "InvalidAttributeName"),
        (.missingParameter("MessageBody"), "MissingRequiredParameterException", 400, "MissingParameter"),
        (.invalidMessageContents("m"), "InvalidMessageContents", 400, "InvalidMessageContents"),
        (.emptyBatchRequest(entryName: "E"), "EmptyBatchRequest", 400, "AWS.SimpleQueueService.EmptyBatchRequest"),
        (.tooManyEntriesInBatchRequest(count: 11), "TooManyEntriesInBatchRequest", 400, "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"),
        (.batchEntryIdsNotDistinct(id: "a"), "BatchEntryIdsNotDistinct", 400, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"),
        (.invalidBatchEntryId, "InvalidBatchEntryId", 400, "AWS.SimpleQueueService.InvalidBatchEntryId"),
        (.batchRequestTooLong(size: 2_000_000), "BatchRequestTooLong", 400, "AWS.SimpleQueueService.BatchRequestTooLong"),
        (.receiptHandleIsInvalid("h"), "ReceiptHandleIsInvalid", 400, "ReceiptHandleIsInvalid"),
        (.messageNotInflight, "MessageNotInflight", 400, "AWS.SimpleQueueService.MessageNotInflight"),
        (.overLimit("m"), "OverLimit", 400, "OverLimit"),
        (.unsupportedOperation("m"), "UnsupportedOperation", 400, "AWS.SimpleQueueService.UnsupportedOperation"),
        (.invalidIdFormat, "InvalidIdFormat", 400, "InvalidIdFormat"),
        (.resourceNotFound("m"), "ResourceNotFoundException", 404, "ResourceNotFoundException"),
        (.invalidAddress("x"), "InvalidAddress", 400, "InvalidAddress"),
        (.invalidSecurity, "InvalidSecurity", 400, "InvalidSecurity"),
        (.requestThrottled, "RequestThrottled", 400, "RequestThrottled"),
    ])
    func wireCodes(error: SQSError, code: String, status: Int, queryCode: String) {
        let wire = error.awsError
        #expect(wire.code == code)
        #expect(wire.status == status)
        #expect(wire.queryCompatibleCode == queryCode)
        #expect(wire.isSenderFault)
        #expect(!wire.message.isEmpty)
    }

    @Test func messages() {
        #expect(SQSError.invalidAttributeName("FifoQueue").awsError.message == "Unknown Attribute FifoQueue.")
        #expect(SQSError.tooManyEntriesInBatchRequest(count: 15).awsError.message
            == "Maximum number of entries per request are 10. You have sent 15.")
        #expect(SQSError.missingParameter("MessageBody").awsError.message
            == "The request must contain the parameter MessageBody.")
        #expect(SQSError.queueDeletedRecently.awsError.message
            == "You must wait 60 seconds after deleting a queue before you can create another with the same name.")
    }

    @Test func queryProtocolWording() {
        #expect(SQSError.queueDoesNotExist.queryProtocolMessage == "The specified queue does not exist for this wsdl version.")
        #expect(SQSError.queueDoesNotExist.awsError.message == "The specified queue does not exist.")
        #expect(SQSError.purgeQueueInProgress(queueName: "q").queryProtocolStatus == 403)
        #expect(SQSError.purgeQueueInProgress(queueName: "jobs").awsError.message
            == "Only one PurgeQueue operation on jobs is allowed every 60 seconds.")
    }

    @Test func batchEntryErrorUsesQueryCode() {
        let entry = BatchEntryError(id: "1", error: .receiptHandleIsInvalid("h"))
        #expect(entry.code == "ReceiptHandleIsInvalid")
        #expect(entry.senderFault)
        #expect(BatchEntryError(id: "2", error: .invalidParameterValue("m")).code == "InvalidParameterValue")
    }
}
