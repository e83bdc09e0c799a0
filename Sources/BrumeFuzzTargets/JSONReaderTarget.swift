import BrumeWire

/// The JSON reader every awsJson and rest-json request body goes through.
enum JSONReaderTarget {
    static let summary = "JSONValue.parse on the whole input, then a write and a second parse of what it read"

    static func run(_ data: [UInt8]) {
        guard let value = try? JSONValue.parse(data) else { return }
        // Writing is what every answer does with a value a client sent.
        _ = try? JSONValue.parse(value.serialized)
    }
}
