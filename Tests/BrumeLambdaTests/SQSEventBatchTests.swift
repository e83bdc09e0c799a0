@testable import BrumeLambda
import BrumeWire
import Testing

@Suite("SQS batches and partial failures")
struct SQSEventBatchTests {
    let batch = ["a", "b", "c"]

    func failed(_ json: String) -> Set<String> {
        SQSEventBatch.failedMessageIDs(response: Array(json.utf8), batch: batch)
    }

    @Test("batchItemFailures keeps only the named messages")
    func partial() {
        #expect(failed(#"{"batchItemFailures":[{"itemIdentifier":"b"}]}"#) == ["b"])
    }

    @Test("an empty list, null, an empty answer or another object means every message succeeded")
    func success() {
        #expect(failed(#"{"batchItemFailures":[]}"#).isEmpty)
        #expect(failed(#"{"batchItemFailures":null}"#).isEmpty)
        #expect(failed("null").isEmpty)
        #expect(failed("").isEmpty)
        #expect(failed(#"{"ok":true}"#).isEmpty)
    }

    @Test("an identifier that is empty or not in the batch fails the whole batch")
    func malformed() {
        #expect(failed(#"{"batchItemFailures":[{"itemIdentifier":""}]}"#) == Set(batch))
        #expect(failed(#"{"batchItemFailures":[{"itemIdentifier":"zzz"}]}"#) == Set(batch))
        #expect(failed(#"{"batchItemFailures":"b"}"#) == Set(batch))
        #expect(failed("not json") == Set(batch))
    }

    @Test("records carry AWS's SQS event fields")
    func recordShape() throws {
        let message = try JSONValue.parse(Array(#"""
            {"MessageId":"m1","ReceiptHandle":"r1","MD5OfBody":"d","Body":"hi","Attributes":{"ApproximateReceiveCount":"1"},
             "MessageAttributes":{"k":{"StringValue":"v","DataType":"String"}}}
            """#.utf8))
        let record = SQSEventBatch.record(message, queueARN: "arn:aws:sqs:us-east-1:000000000000:q", region: "us-east-1")
        #expect(record["messageId"] == .string("m1"))
        #expect(record["receiptHandle"] == .string("r1"))
        #expect(record["body"] == .string("hi"))
        #expect(record["attributes"]?["ApproximateReceiveCount"] == .string("1"))
        #expect(record["messageAttributes"]?["k"]?["stringValue"] == .string("v"))
        #expect(record["messageAttributes"]?["k"]?["dataType"] == .string("String"))
        #expect(record["eventSource"] == .string("aws:sqs"))
        #expect(record["eventSourceARN"] == .string("arn:aws:sqs:us-east-1:000000000000:q"))
        #expect(record["awsRegion"] == .string("us-east-1"))
    }
}
