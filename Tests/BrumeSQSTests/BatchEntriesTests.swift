import Testing
@testable import BrumeSQS

@Suite struct BatchEntriesTests {
    @Test func order() {
        #expect(throws: SQSError.emptyBatchRequest(entryName: "SendMessageBatchRequestEntry")) {
            try BatchEntries.validate(ids: [], operation: .sendMessage)
        }
        // Too many wins over bad and duplicate ids.
        #expect(throws: SQSError.tooManyEntriesInBatchRequest(count: 11)) {
            try BatchEntries.validate(ids: Array(repeating: "bad id", count: 11), operation: .deleteMessage)
        }
        // A malformed id wins over a duplicate.
        #expect(throws: SQSError.invalidBatchEntryId) {
            try BatchEntries.validate(ids: ["a", "a", "b!"], operation: .changeMessageVisibility)
        }
        #expect(throws: SQSError.batchEntryIdsNotDistinct(id: "a")) {
            try BatchEntries.validate(ids: ["a", "b", "a"], operation: .sendMessage)
        }
    }

    @Test func ids() throws {
        try BatchEntries.validate(ids: (0..<10).map { "id-\($0)_x" }, operation: .sendMessage)
        #expect(BatchEntries.isValidID(String(repeating: "a", count: 80)))
        #expect(!BatchEntries.isValidID(String(repeating: "a", count: 81)))
        #expect(!BatchEntries.isValidID(""))
        #expect(!BatchEntries.isValidID("a.b"))
    }

    @Test func payload() throws {
        let half = String(repeating: "x", count: MessageLimits.maximumMessageSize / 2)
        try BatchEntries.validatePayload([(half, [:]), (half, [:])])
        #expect(throws: SQSError.batchRequestTooLong(size: MessageLimits.maximumMessageSize + 1)) {
            try BatchEntries.validatePayload([(half, [:]), (half + "y", [:])])
        }
    }

    @Test func fifoEntriesWithoutGroupOrDeduplicationFailTheWholeBatch() throws {
        let complete = SQSInput(fields: ["Id": "1", "MessageBody": "b", "MessageGroupId": "g", "MessageDeduplicationId": "d"])
        let noGroup = SQSInput(fields: ["Id": "2", "MessageBody": "b", "MessageDeduplicationId": "d"])
        let noDeduplication = SQSInput(fields: ["Id": "3", "MessageBody": "b", "MessageGroupId": "g"])
        #expect(throws: SQSError.invalidParameterValue("The request must contain the parameter MessageGroupId.")) {
            try SQSService.checkFIFOEntries([complete, noGroup], contentBasedDeduplication: true)
        }
        #expect(throws: SQSError.invalidParameterValue(
            "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")) {
            try SQSService.checkFIFOEntries([complete, noDeduplication], contentBasedDeduplication: false)
        }
        try SQSService.checkFIFOEntries([complete, noDeduplication], contentBasedDeduplication: true)
    }
}
