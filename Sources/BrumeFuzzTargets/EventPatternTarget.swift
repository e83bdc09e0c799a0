import BrumeEventRules
import BrumeWire

/// EventBridge event patterns, as PutRule and TestEventPattern read them, and their matching.
enum EventPatternTarget {
    static let summary = "First line: an event pattern, parsed then matched; the rest: the event (a fixed one when it does not parse)"

    /// An EventBridge event with the fields patterns usually test, numbers and an IP address.
    static let sampleEvent: JSONValue = [
        "version": "0",
        "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
        "detail-type": "Object Created",
        "source": "aws.s3",
        "account": "000000000000",
        "time": "2026-12-07T12:00:00Z",
        "region": "us-east-1",
        "resources": ["arn:aws:s3:::demo"],
        "detail": [
            "bucket": ["name": "demo"],
            "object": ["key": "in/report.csv", "size": 1024, "etag": "abc"],
            "source-ip-address": "10.0.0.17",
            "reason": nil,
            "tags": ["a", "b"],
            "ratio": 0.5,
        ],
    ]

    static func run(_ data: [UInt8]) {
        let (pattern, rest) = FuzzInput.firstLine(data)
        guard let parsed = try? EventPattern(parsing: pattern) else { return }
        _ = parsed.matches((try? JSONValue.parse(rest)) ?? sampleEvent)
    }
}
