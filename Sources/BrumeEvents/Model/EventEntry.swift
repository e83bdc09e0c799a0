import BrumeWire
import Foundation

/// One PutEvents entry turned into the event EventBridge routes, or the per-entry error AWS
/// reports for it (`ErrorCode`/`ErrorMessage`, the rest of the batch going on).
enum EventEntry {
    /// The largest PutEvents request AWS takes, counted its way (see ``size(_:)``).
    static let maximumRequestSize = 256 * 1024

    /// A refused entry.
    struct Failure: Error, Equatable {
        var code: String
        var message: String
    }

    /// An entry's size as AWS documents it: 14 bytes for a `Time`, plus the UTF-8 bytes of
    /// `Source`, `DetailType`, `Detail` and each of `Resources`.
    static func size(_ entry: JSONObject) -> Int {
        var size = entry["Time"].map { $0.isNull ? 0 : 14 } ?? 0
        for member in ["Source", "DetailType", "Detail"] {
            size += entry[member]?.stringValue?.utf8.count ?? 0
        }
        for resource in entry["Resources"]?.arrayValue ?? [] {
            size += resource.stringValue?.utf8.count ?? 0
        }
        return size
    }

    /// The event for `entry`: `version` 0, `id`, `detail-type`, `source`, `account`, `time`
    /// (the entry's, else `now`), `region`, `resources` and `detail`, in AWS's member order.
    ///
    /// - Parameter allowAWSSources: whether `aws.` sources are allowed; only Brume's own services
    ///   (S3's events) may send them, as AWS refuses them from clients.
    static func event(
        _ entry: JSONObject, id: String, account: String, region: String, now: Date, allowAWSSources: Bool = false
    ) -> Result<JSONValue, Failure> {
        guard let source = entry["Source"]?.stringValue, !source.isEmpty else {
            return .failure(Failure(code: "InvalidArgument", message: "Parameter Source is not valid. Reason: Source is a required argument."))
        }
        guard let detailType = entry["DetailType"]?.stringValue, !detailType.isEmpty else {
            return .failure(Failure(code: "InvalidArgument", message: "Parameter DetailType is not valid. Reason: DetailType is a required argument."))
        }
        guard let detailText = entry["Detail"]?.stringValue, !detailText.isEmpty else {
            return .failure(Failure(code: "InvalidArgument", message: "Parameter Detail is not valid. Reason: Detail is a required argument."))
        }
        if source.hasPrefix("aws."), !allowAWSSources {
            return .failure(Failure(code: "NotAuthorizedForSourceException", message: "Not authorized for the source."))
        }
        guard let detail = try? JSONValue.parse(Array(detailText.utf8)), detail.objectValue != nil else {
            return .failure(Failure(code: "MalformedDetail", message: "Detail is malformed."))
        }
        var resources: [JSONValue] = []
        for resource in entry["Resources"]?.arrayValue ?? [] {
            guard resource.stringValue != nil else {
                return .failure(Failure(code: "InvalidArgument", message: "Parameter Resources is not valid."))
            }
            resources.append(resource)
        }
        var time = now
        if let value = entry["Time"], !value.isNull {
            guard let parsed = timestamp(value) else {
                return .failure(Failure(code: "InvalidArgument", message: "Parameter Time is not valid."))
            }
            time = parsed
        }
        return .success(.object([
            "version": "0",
            "id": .string(id),
            "detail-type": .string(detailType),
            "source": .string(source),
            "account": .string(account),
            "time": .string(format(time)),
            "region": .string(region),
            "resources": .array(resources),
            "detail": detail,
        ]))
    }

    /// awsJson timestamps are epoch seconds; some clients send ISO 8601 text.
    static func timestamp(_ value: JSONValue) -> Date? {
        switch value {
        case .int(let seconds): Date(timeIntervalSince1970: TimeInterval(seconds))
        case .double(let seconds) where seconds.isFinite: Date(timeIntervalSince1970: seconds)
        case .string(let text): AWSTimestamp.parseISO8601(text)
        default: nil
        }
    }

    /// Event times are whole seconds in UTC: `2024-05-01T12:00:00Z`.
    static func format(_ date: Date) -> String {
        String(AWSTimestamp.iso8601(date).prefix(19)) + "Z"
    }
}
