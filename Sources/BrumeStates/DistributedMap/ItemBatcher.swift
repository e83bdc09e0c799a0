public import BrumeWire

/// Groups a Distributed Map's items into batches, one batch per child execution, as the Map
/// state's `ItemBatcher` field asks.
///
/// Each batch is the child execution's whole input: `{"BatchInput": <BatchInput>, "Items": [...]}`,
/// with `BatchInput` (already evaluated by the caller) first and left out when the definition has
/// none, as AWS's examples show (`{"Items": [...]}`).
///
/// A batch closes when it holds `MaxItemsPerBatch` items, or when the next item would take its
/// input past the byte limit. The byte limit is `MaxInputBytesPerBatch`, and never more than the
/// 256 KiB Step Functions allows a child execution's input, so even a batcher given only
/// `MaxItemsPerBatch` keeps its batches under it ("no limits on the number of items in a batch
/// under the 256KB limit"). Bytes are counted on the compact UTF-8 JSON of the whole input,
/// `BatchInput` and the `Items` brackets included, because that is the payload whose size the
/// 256 KiB quota measures; AWS does not document what exactly it counts.
///
/// Batching streams: ``add(_:)`` returns a batch as soon as it is complete, and ``finish()``
/// returns the last, partial one.
public struct ItemBatcher: Sendable {
    /// The largest child execution input, and so the largest `MaxInputBytesPerBatch`: 256 KiB.
    public static let maximumInputBytesPerBatch = 262_144

    private let maxItemsPerBatch: Int?
    private let maxInputBytesPerBatch: Int
    private let batchInput: JSONValue?
    /// The size of a batch with no items: `{"Items":[]}` or `{"BatchInput":…,"Items":[]}`.
    private let emptyBatchBytes: Int
    private var items: [JSONValue] = []
    private var bytes: Int
    /// How many items were added, to name the one that fails.
    private var added = 0

    /// A batcher for the resolved `ItemBatcher` values.
    ///
    /// - Parameters:
    ///   - maxItemsPerBatch: `MaxItemsPerBatch`, or the value `MaxItemsPerBatchPath` selected; at least 1.
    ///   - maxInputBytesPerBatch: `MaxInputBytesPerBatch`, or the value `MaxInputBytesPerBatchPath`
    ///     selected; at least 1, and clipped to ``maximumInputBytesPerBatch``.
    ///   - batchInput: The evaluated `BatchInput`, or nil when the definition has none.
    public init(maxItemsPerBatch: Int? = nil, maxInputBytesPerBatch: Int? = nil, batchInput: JSONValue? = nil) {
        precondition((maxItemsPerBatch ?? 1) > 0 && (maxInputBytesPerBatch ?? 1) > 0, "batch limits must be positive")
        self.maxItemsPerBatch = maxItemsPerBatch
        self.maxInputBytesPerBatch = min(maxInputBytesPerBatch ?? Self.maximumInputBytesPerBatch, Self.maximumInputBytesPerBatch)
        self.batchInput = batchInput
        emptyBatchBytes = Self.batch(of: [], batchInput: batchInput).serialized.count
        bytes = emptyBatchBytes
    }

    /// Adds the next item; returns the batch it completed, if any.
    ///
    /// That is the batch before this item when the item does not fit in it by size, or the batch
    /// this item fills up to `MaxItemsPerBatch`.
    ///
    /// - Throws: `States.ItemReaderFailed` when the item alone, with `BatchInput`, is larger than
    ///   the byte limit, so no batch could ever carry it.
    public mutating func add(_ item: JSONValue) throws(StatesError) -> JSONValue? {
        let index = added
        added += 1
        let itemBytes = item.serialized.count
        guard emptyBatchBytes + itemBytes <= maxInputBytesPerBatch else {
            throw .itemReaderFailed(
                "Item \(index) does not fit in a batch: with its BatchInput it takes \(emptyBatchBytes + itemBytes) bytes, "
                    + "more than the MaxInputBytesPerBatch of \(maxInputBytesPerBatch) bytes."
            )
        }
        var completed: JSONValue?
        if !items.isEmpty, bytes + 1 + itemBytes > maxInputBytesPerBatch {
            completed = takeBatch()
        }
        bytes += (items.isEmpty ? 0 : 1) + itemBytes
        items.append(item)
        // A batch full by count goes now; one that was just flushed by size cannot also be full,
        // since it held fewer than MaxItemsPerBatch items, so at most one batch leaves per call.
        if let maxItemsPerBatch, items.count >= maxItemsPerBatch {
            return takeBatch()
        }
        return completed
    }

    /// Ends the items; returns the last batch, or nil when every item already left in one.
    public mutating func finish() -> JSONValue? {
        // `.none`, not `nil`: JSONValue is nil-literal expressible, so a bare `nil` beside a
        // JSONValue in a conditional would become `.null` wrapped in an optional.
        items.isEmpty ? .none : takeBatch()
    }

    /// The size in bytes of the batch being filled, as ``add(_:)`` counts it.
    public var pendingBytes: Int { bytes }

    private mutating func takeBatch() -> JSONValue {
        defer {
            items.removeAll(keepingCapacity: true)
            bytes = emptyBatchBytes
        }
        return Self.batch(of: items, batchInput: batchInput)
    }

    private static func batch(of items: [JSONValue], batchInput: JSONValue?) -> JSONValue {
        var batch = JSONObject()
        if let batchInput { batch["BatchInput"] = batchInput }
        batch["Items"] = .array(items)
        return .object(batch)
    }
}
