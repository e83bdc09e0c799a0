import BrumeEdge
@testable import BrumeS3
import BrumeWire
import Foundation
import Testing

@Suite("Event notifications")
struct NotificationConfigurationTests {
    func parse(_ xml: String) throws -> NotificationConfiguration {
        try NotificationConfiguration.parse(try XMLTree.parse(Data(xml.utf8)))
    }

    @Test("targets match their events, wildcards and key filters")
    func matching() throws {
        let configuration = try parse("""
            <NotificationConfiguration><QueueConfiguration><Id>a</Id><Queue>arn:aws:sqs:us-east-1:000000000000:q</Queue>
            <Event>s3:ObjectCreated:*</Event><Filter><S3Key><FilterRule><Name>prefix</Name><Value>in/</Value></FilterRule>
            <FilterRule><Name>Suffix</Name><Value>.csv</Value></FilterRule></S3Key></Filter></QueueConfiguration></NotificationConfiguration>
            """)
        let target = try #require(configuration.queues.first)
        #expect(target.matches(event: "s3:ObjectCreated:Put", key: "in/a.csv"))
        #expect(target.matches(event: "s3:ObjectCreated:CompleteMultipartUpload", key: "in/b.csv"))
        #expect(!target.matches(event: "s3:ObjectRemoved:Delete", key: "in/a.csv"))
        #expect(!target.matches(event: "s3:ObjectCreated:Put", key: "out/a.csv"))
        #expect(!target.matches(event: "s3:ObjectCreated:Put", key: "in/a.json"))
    }

    @Test("unknown events, overlapping targets, repeated rules and SNS topics are refused")
    func refusals() {
        let queue = "<Queue>arn:aws:sqs:us-east-1:000000000000:q</Queue>"
        #expect(throws: S3Error.self) {
            try parse("<NotificationConfiguration><QueueConfiguration>\(queue)<Event>s3:Nope</Event></QueueConfiguration></NotificationConfiguration>")
        }
        #expect(throws: S3Error.self) {
            try parse("""
                <NotificationConfiguration><QueueConfiguration>\(queue)<Event>s3:ObjectCreated:*</Event></QueueConfiguration>
                <QueueConfiguration>\(queue)<Event>s3:ObjectCreated:Put</Event></QueueConfiguration></NotificationConfiguration>
                """)
        }
        #expect(throws: S3Error.self) {
            try parse("""
                <NotificationConfiguration><QueueConfiguration>\(queue)<Event>s3:ObjectCreated:*</Event><Filter><S3Key>
                <FilterRule><Name>prefix</Name><Value>a</Value></FilterRule><FilterRule><Name>prefix</Name><Value>b</Value></FilterRule>
                </S3Key></Filter></QueueConfiguration></NotificationConfiguration>
                """)
        }
        #expect(throws: S3Error.self) {
            try parse("<NotificationConfiguration><QueueConfiguration><Queue>arn:aws:sqs:us-east-1:000000000000:q.fifo</Queue><Event>s3:ObjectCreated:*</Event></QueueConfiguration></NotificationConfiguration>")
        }
        #expect(throws: S3Error.self) {
            try parse("<NotificationConfiguration><TopicConfiguration><Topic>t</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration></NotificationConfiguration>")
        }
    }

    @Test("disjoint prefixes do not overlap")
    func disjoint() throws {
        let configuration = try parse("""
            <NotificationConfiguration><QueueConfiguration><Queue>arn:aws:sqs:us-east-1:000000000000:q</Queue><Event>s3:ObjectCreated:*</Event>
            <Filter><S3Key><FilterRule><Name>prefix</Name><Value>a/</Value></FilterRule></S3Key></Filter></QueueConfiguration>
            <QueueConfiguration><Queue>arn:aws:sqs:us-east-1:000000000000:q</Queue><Event>s3:ObjectCreated:*</Event>
            <Filter><S3Key><FilterRule><Name>prefix</Name><Value>b/</Value></FilterRule></S3Key></Filter></QueueConfiguration>
            </NotificationConfiguration>
            """)
        #expect(configuration.queues.count == 2)
        #expect(configuration.queues.allSatisfy { !$0.id.isEmpty })
    }

    @Test("keys are form-encoded in records", arguments: [
        ("in/my file (1).csv", "in/my+file+%281%29.csv"), ("a/b_c-d.e*f", "a/b_c-d.e*f"), ("é", "%C3%A9"), ("a+b", "a%2Bb"),
    ])
    func keyEncoding(key: String, encoded: String) {
        #expect(NotificationRecord.encodeKey(key) == encoded)
    }

    @Test("sequencers increase")
    func sequencers() {
        let sequencer = NotificationSequencer()
        let values = (0..<100).map { _ in sequencer.next() }
        #expect(values == values.sorted() && Set(values).count == 100)
    }
}

/// No timings are asserted: a lost ring would leave a wait hanging for an hour, which the time
/// limit turns into a failure, while a busy machine only makes these tests slower.
@Suite("Deliverer doorbell", .timeLimit(.minutes(1)))
struct DoorbellTests {
    @Test("a ring before the wait is kept; a wait without a ring ends at its timeout")
    func ringing() async {
        let doorbell = Doorbell()
        doorbell.ring()
        await doorbell.wait(timeout: .seconds(3600))
        await doorbell.wait(timeout: .milliseconds(20))
    }

    @Test("a ring wakes a waiting loop")
    func wakes() async {
        let doorbell = Doorbell()
        let waiter = Task { await doorbell.wait(timeout: .seconds(3600)) }
        try? await Task.sleep(for: .milliseconds(20))
        doorbell.ring()
        await waiter.value
    }
}

@Suite("EventBridge events from S3")
struct EventBridgeRecordTests {
    func parse(_ xml: String) throws -> NotificationConfiguration {
        try NotificationConfiguration.parse(try XMLTree.parse(Data(xml.utf8)))
    }

    @Test("EventBridgeConfiguration is accepted and written back")
    func roundTrip() throws {
        let configuration = try parse("<NotificationConfiguration><EventBridgeConfiguration/></NotificationConfiguration>")
        #expect(configuration.eventBridge == true && !configuration.isEmpty)
        #expect(String(decoding: configuration.document(), as: UTF8.self).contains("<EventBridgeConfiguration></EventBridgeConfiguration>")
            || String(decoding: configuration.document(), as: UTF8.self).contains("<EventBridgeConfiguration/>"))
    }

    @Test("events have AWS's shape")
    func shape() throws {
        let text = try #require(EventBridgeRecord.event(
            name: "s3:ObjectCreated:Copy", bucket: "b", account: "000000000000", region: "us-east-1",
            object: .init(key: "a b", size: 3, eTag: "\"e\""), requester: "000000000000", sourceIP: "127.0.0.1", requestID: "R",
            time: Date(timeIntervalSince1970: 0), sequencer: "S"
        ))
        let event = try JSONValue.parse(Array(text.utf8))
        #expect(event["detail-type"] == "Object Created" && event["source"] == "aws.s3" && event["time"] == "1970-01-01T00:00:00Z")
        #expect(event["resources"] == ["arn:aws:s3:::b"])
        #expect(event["detail"]?["object"] == ["key": "a b", "size": 3, "etag": "e", "sequencer": "S"])
        #expect(event["detail"]?["reason"] == "CopyObject")
        #expect(EventBridgeRecord.event(
            name: "s3:ObjectRestore:Post", bucket: "b", account: "0", region: "r", object: .init(key: "k"), requester: "0",
            sourceIP: "i", requestID: "R", time: Date(), sequencer: "S"
        ) == nil)
    }
}
