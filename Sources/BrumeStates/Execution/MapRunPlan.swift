import BrumeWire
import Foundation

/// A Distributed Map's settings resolved against its effective input: the `...Path` fields
/// read, the payload templates evaluated, the items found when no ItemReader supplies them.
struct MapRunPlan: Sendable {
    /// The Map state's effective input, which ItemSelector templates see as `$`.
    var effective: JSONValue
    /// The items at ItemsPath; empty when an ItemReader reads them.
    var items: [JSONValue] = []
    /// The ItemReader's Parameters, evaluated.
    var readerParameters: JSONValue?
    /// ReaderConfig's MaxItems, resolved (nil or 0 in the definition: no limit but AWS's 100,000,000).
    var maxItems: Int?
    /// A fresh batcher when the Map has an ItemBatcher.
    var batcher: ItemBatcher?
    /// The ResultWriter's Parameters, evaluated.
    var writerParameters: JSONValue?
    var limits: MapRunLimits

    init(_ map: State.Map, _ settings: DistributedMapSettings, effective: JSONValue, frame: StateFrame) throws(StatesError) {
        self.effective = effective
        let scope = frame.scope(effective)
        limits = MapRunLimits(
            maxConcurrency: Int(try Self.count(map.maxConcurrency, field: "MaxConcurrencyPath", scope: scope) ?? 0),
            toleratedFailureCount: try Self.count(map.toleratedFailureCount, field: "ToleratedFailureCountPath", scope: scope),
            toleratedFailurePercentage: try Self.percentage(map.toleratedFailurePercentage, scope: scope)
        )
        if let reader = settings.itemReader {
            readerParameters = try reader.parameters.map { template throws(StatesError) in
                try PayloadTemplate.evaluate(template, in: scope, intrinsic: Interpreter.intrinsic)
            }
            switch reader.maxItems {
            case nil: maxItems = nil
            case .literal(let value): maxItems = ItemLimit(maxItems: Int(min(value, Int64(ItemLimit.maximum))))?.remaining
            case .path(let path): maxItems = try ItemLimit.resolve(try Interpreter.resolve(path, in: scope), path: path).remaining
            }
        } else {
            let itemsPath = map.itemsPath ?? "$"
            guard let items = try Interpreter.resolve(itemsPath, in: scope).arrayValue else {
                throw .runtime("Invalid path '\(itemsPath)': The value at the ItemsPath must be a JSON array.")
            }
            self.items = items
        }
        if let batching = settings.itemBatcher {
            let batchInput = try batching.batchInput.map { template throws(StatesError) in
                try PayloadTemplate.evaluate(template, in: scope, intrinsic: Interpreter.intrinsic)
            }
            let maxItems = try Self.count(batching.maxItemsPerBatch, field: "MaxItemsPerBatchPath", scope: scope)
            let maxBytes = try Self.count(batching.maxInputBytesPerBatch, field: "MaxInputBytesPerBatchPath", scope: scope)
            guard maxItems != 0, maxBytes != 0 else {
                throw .runtime("The ItemBatcher's MaxItemsPerBatch and MaxInputBytesPerBatch must be at least 1")
            }
            batcher = ItemBatcher(
                maxItemsPerBatch: maxItems.map { Int(min($0, Int64(Int32.max))) },
                maxInputBytesPerBatch: maxBytes.map { Int(min($0, Int64(Int32.max))) }, batchInput: batchInput
            )
        }
        if let writer = settings.resultWriter {
            writerParameters = try PayloadTemplate.evaluate(writer.parameters, in: scope, intrinsic: Interpreter.intrinsic)
        }
    }

    /// A count given literally or at a path, which must hold a non-negative integer.
    private static func count(_ count: State.Count?, field: String, scope: PathScope) throws(StatesError) -> Int64? {
        switch count {
        case nil: return nil
        case .literal(let value): return value
        case .path(let path):
            guard let value = try Interpreter.resolve(path, in: scope).intValue, value >= 0 else {
                throw .runtime("The \(field) field refers to value that is not a non-negative integer")
            }
            return value
        }
    }

    private static func percentage(_ percentage: State.Percentage?, scope: PathScope) throws(StatesError) -> Double? {
        switch percentage {
        case nil: return nil
        case .literal(let value): return value
        case .path(let path):
            let value: Double? = switch try Interpreter.resolve(path, in: scope) {
            case .int(let number): Double(number)
            case .double(let number): number
            default: nil
            }
            guard let value, (0...100).contains(value) else {
                throw .runtime("The ToleratedFailurePercentagePath field refers to value that is not a number between 0 and 100")
            }
            return value
        }
    }
}
