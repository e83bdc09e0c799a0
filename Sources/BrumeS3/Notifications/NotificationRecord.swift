import BrumeWire
import Foundation
import Synchronization

/// The event S3 sends to a notification destination, field for field as AWS writes it
/// (`eventVersion` 2.1, `s3SchemaVersion` 1.0, the key URL-encoded).
enum NotificationRecord {
    struct Object {
        var key: String
        var size: Int64?
        var eTag: String?
    }

    /// `{"Records": [ ... ]}` for one event on one object.
    static func event(
        name: String, bucket: String, bucketOwner: String, region: String, object: Object, configurationID: String,
        principal: String, sourceIP: String, requestID: String, hostID: String, time: Date, sequencer: String
    ) -> String {
        var objectFields: JSONObject = ["key": .string(encodeKey(object.key))]
        if let size = object.size { objectFields["size"] = .int(size) }
        if let eTag = object.eTag { objectFields["eTag"] = .string(eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))) }
        objectFields["sequencer"] = .string(sequencer)
        let record: JSONObject = [
            "eventVersion": "2.1",
            "eventSource": "aws:s3",
            "awsRegion": .string(region),
            "eventTime": .string(AWSTimestamp.iso8601(time)),
            "eventName": .string(String(name.dropFirst("s3:".count))),
            "userIdentity": ["principalId": .string(principal)],
            "requestParameters": ["sourceIPAddress": .string(sourceIP)],
            "responseElements": ["x-amz-request-id": .string(requestID), "x-amz-id-2": .string(hostID)],
            "s3": .object([
                "s3SchemaVersion": "1.0",
                "configurationId": .string(configurationID),
                "bucket": .object([
                    "name": .string(bucket), "ownerIdentity": ["principalId": .string(bucketOwner)], "arn": .string("arn:aws:s3:::\(bucket)"),
                ]),
                "object": .object(objectFields),
            ]),
        ]
        return String(decoding: JSONValue.object(["Records": .array([.object(record)])]).serialized, as: UTF8.self)
    }

    /// The `s3:TestEvent` S3 sends to a queue when a configuration is saved.
    static func testEvent(bucket: String, requestID: String, hostID: String, time: Date) -> String {
        let event: JSONObject = [
            "Service": "Amazon S3", "Event": "s3:TestEvent", "Time": .string(AWSTimestamp.iso8601(time)), "Bucket": .string(bucket),
            "RequestId": .string(requestID), "HostId": .string(hostID),
        ]
        return String(decoding: JSONValue.object(event).serialized, as: UTF8.self)
    }

    /// Keys are form-encoded in events: a space is `+`, `/` stays, other reserved bytes are `%XX`.
    static func encodeKey(_ key: String) -> String {
        var output = ""
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "*"), UInt8(ascii: "/"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                output += "+"
            default:
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }

}

/// Increasing hex sequencers: events for one key order by them, as S3 documents.
final class NotificationSequencer: Sendable {
    private let last = Mutex<UInt64>(0)

    func next() -> String {
        let now = UInt64(Date().timeIntervalSince1970 * 1_000_000_000)
        let value = last.withLock { last -> UInt64 in
            last = max(last + 1, now)
            return last
        }
        return String(value, radix: 16, uppercase: true).leftPadded(to: 16)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
