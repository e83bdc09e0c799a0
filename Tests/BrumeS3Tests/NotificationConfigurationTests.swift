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

@Suite("Deliverer doorbell")
struct DoorbellTests {
    @Test("a ring before the wait is kept; a wait without a ring times out")
    func ringing() async {
        let doorbell = Doorbell()
        doorbell.ring()
        let clock = ContinuousClock()
        let rung = await clock.measure { await doorbell.wait(timeout: .seconds(30)) }
        #expect(rung < .seconds(5))
        let quiet = await clock.measure { await doorbell.wait(timeout: .milliseconds(20)) }
        #expect(quiet >= .milliseconds(20))
    }

    @Test("a ring wakes a waiting loop")
    func wakes() async {
        let doorbell = Doorbell()
        let clock = ContinuousClock()
        let start = clock.now
        let waiter = Task { await doorbell.wait(timeout: .seconds(30)) }
        try? await Task.sleep(for: .milliseconds(20))
        doorbell.ring()
        await waiter.value
        #expect(clock.now - start < .seconds(5))
    }
}
