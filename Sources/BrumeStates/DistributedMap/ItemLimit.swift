public import BrumeWire

/// `ReaderConfig.MaxItems`: how many items a Distributed Map reads from its dataset.
///
/// AWS counts items in the dataset's order, after the CSV header row, and stops reading once the
/// limit is reached: "if you provide a CSV file that contains 1000 rows and specify a limit of 100,
/// the interpreter passes only 100 rows to the Map state". The limit is at most 100,000,000, and 0
/// means no limit.
///
/// The orchestrator passes each decoder's output through ``take(_:)`` and stops downloading (and
/// feeding) once ``isReached`` is true, so a large object is not read past the items it needs.
public struct ItemLimit: Sendable, Equatable {
    /// The largest `MaxItems` Step Functions accepts.
    public static let maximum = 100_000_000

    /// How many more items may be taken.
    public private(set) var remaining: Int

    /// The limit for a `MaxItems` value; 0 (or no value) means the maximum.
    ///
    /// Returns nil for a value outside 0...``maximum``, which a definition's `MaxItems` cannot hold;
    /// a `MaxItemsPath` value goes through ``resolve(_:path:)`` instead.
    public init?(maxItems: Int? = nil) {
        let value = maxItems ?? 0
        guard (0...Self.maximum).contains(value) else { return nil }
        remaining = value == 0 ? Self.maximum : value
    }

    /// The limit a `MaxItemsPath` value selects, failing as AWS does for a value that is not an
    /// integer or is negative (causes as LocalStack's AWS-recorded tests show them). Values above
    /// ``maximum`` are clipped to it.
    public static func resolve(_ value: JSONValue, path: String) throws(StatesError) -> ItemLimit {
        guard let number = value.intValue else {
            let text = String(decoding: value.serialized, as: UTF8.self)
            throw .itemReaderFailed("The MaxItemsPath field refers to value '\(text)' which is not a valid integer: \(path)")
        }
        guard number >= 0 else { throw .itemReaderFailed("field MaxItems must be positive") }
        return ItemLimit(maxItems: Int(min(number, Int64(maximum))))!
    }

    /// Whether no more items may be taken: the caller can stop reading.
    public var isReached: Bool { remaining == 0 }

    /// The leading items that fit under the limit, counting them against it.
    public mutating func take(_ items: [JSONValue]) -> ArraySlice<JSONValue> {
        let taken = items.prefix(remaining)
        remaining -= taken.count
        return taken
    }
}
