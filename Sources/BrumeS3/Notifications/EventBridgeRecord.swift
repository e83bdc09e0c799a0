import BrumeCore
import BrumeWire
import Foundation

/// The event S3 sends to EventBridge for a bucket with `EventBridgeConfiguration`, member for
/// member as AWS writes it: `version` 0, `detail-type` ("Object Created"…), `source` `aws.s3`,
/// the bucket's ARN in `resources`, and a `detail` naming the bucket, the object, the request
/// and its reason. Unlike the notification record, the key is not URL-encoded.
enum EventBridgeRecord {
    /// The `detail-type` of an S3 event Brume emits, or nil for one EventBridge does not get.
    static func detailType(for event: String) -> String? {
        if event.hasPrefix("s3:ObjectCreated:") { return "Object Created" }
        switch event {
        case "s3:ObjectRemoved:Delete": return "Object Deleted"
        case "s3:ObjectTagging:Put": return "Object Tags Added"
        case "s3:ObjectTagging:Delete": return "Object Tags Deleted"
        default: return nil
        }
    }

    /// The operation S3 names as the `reason` of a created or deleted object.
    static func reason(for event: String) -> String? {
        switch event {
        case "s3:ObjectCreated:Put": "PutObject"
        case "s3:ObjectCreated:Copy": "CopyObject"
        case "s3:ObjectCreated:CompleteMultipartUpload": "CompleteMultipartUpload"
        case "s3:ObjectCreated:Post": "PostObject"
        case "s3:ObjectRemoved:Delete": "DeleteObject"
        default: nil
        }
    }

    static func defaultBusARN(account: String, region: String) -> String {
        "arn:aws:events:\(region):\(account):event-bus/default"
    }

    /// The event's JSON text, or nil for an event EventBridge does not get.
    static func event(
        name: String, bucket: String, account: String, region: String, object: NotificationRecord.Object, requester: String,
        sourceIP: String, requestID: String, time: Date, sequencer: String
    ) -> String? {
        guard let detailType = detailType(for: name) else { return nil }
        var objectFields: JSONObject = ["key": .string(object.key)]
        let created = name.hasPrefix("s3:ObjectCreated:")
        if created, let size = object.size { objectFields["size"] = .int(size) }
        if name.hasPrefix("s3:ObjectCreated:") || name.hasPrefix("s3:ObjectTagging:"), let eTag = object.eTag {
            objectFields["etag"] = .string(eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
        if !name.hasPrefix("s3:ObjectTagging:") { objectFields["sequencer"] = .string(sequencer) }
        var detail: JSONObject = [
            "version": "0",
            "bucket": ["name": .string(bucket)],
            "object": .object(objectFields),
            "request-id": .string(requestID),
            "requester": .string(requester),
            "source-ip-address": .string(sourceIP),
        ]
        if let reason = reason(for: name) { detail["reason"] = .string(reason) }
        // Brume has no versioning, so every delete removes the object for good.
        if name == "s3:ObjectRemoved:Delete" { detail["deletion-type"] = "Permanently Deleted" }
        let event: JSONObject = [
            "version": "0",
            "id": .string(RequestID.uuid()),
            "detail-type": .string(detailType),
            "source": "aws.s3",
            "account": .string(account),
            "time": .string(String(AWSTimestamp.iso8601(time).prefix(19)) + "Z"),
            "region": .string(region),
            "resources": [.string("arn:aws:s3:::\(bucket)")],
            "detail": .object(detail),
        ]
        return String(decoding: JSONValue.object(event).serialized, as: UTF8.self)
    }
}
