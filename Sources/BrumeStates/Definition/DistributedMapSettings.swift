public import BrumeWire

/// What a Map state in Distributed mode adds to an inline Map: where its items come from, how
/// they are batched, where results go, and how its child workflow executions run.
public struct DistributedMapSettings: Sendable, Equatable {
    /// `ProcessorConfig.ExecutionType`: every child workflow execution runs as this type.
    public var executionType: ChildExecutionType
    /// `Label`, which names the Map Run in its ARN; nil when the definition gives none.
    public var label: String?
    public var itemReader: ItemReaderSettings?
    public var itemBatcher: ItemBatcherSettings?
    public var resultWriter: ResultWriterSettings?

    /// The type of a Distributed Map's child workflow executions.
    public enum ChildExecutionType: String, Sendable, Equatable {
        case standard = "STANDARD"
        case express = "EXPRESS"
    }
}

/// `ItemReader`: a dataset in S3 read by the Map Run instead of an array in the state input.
public struct ItemReaderSettings: Sendable, Equatable {
    public var source: Source
    /// `Parameters`, a payload template evaluated against the Map state's effective input
    /// (`Bucket` and `Key` for getObject, `Bucket` and `Prefix` for listObjectsV2).
    public var parameters: JSONValue?
    /// `ReaderConfig.InputType`; nil for listObjectsV2, which lists objects rather than reading one.
    public var inputType: InputType?
    /// `ReaderConfig.CSVHeaderLocation`, with `CSVHeaders` when it is `GIVEN`.
    public var csvHeaderLocation: CSVHeaderLocation
    public var csvDelimiter: CSVDelimiter
    /// `ReaderConfig.MaxItems` (or `MaxItemsPath`): read at most this many items.
    var maxItems: State.Count?

    /// The ItemReader's `Resource`.
    public enum Source: String, Sendable, Equatable {
        case getObject = "arn:aws:states:::s3:getObject"
        case listObjectsV2 = "arn:aws:states:::s3:listObjectsV2"
    }

    /// `ReaderConfig.InputType`.
    public enum InputType: String, Sendable, Equatable, CaseIterable {
        case csv = "CSV"
        case json = "JSON"
        case jsonLines = "JSONL"
        case manifest = "MANIFEST"
    }
}

/// `ItemBatcher`: child executions receive items in batches rather than one at a time.
public struct ItemBatcherSettings: Sendable, Equatable {
    var maxItemsPerBatch: State.Count?
    var maxInputBytesPerBatch: State.Count?
    /// `BatchInput`, a payload template evaluated against the Map state's effective input and
    /// sent with every batch.
    public var batchInput: JSONValue?
}

/// `ResultWriter`: the child executions' results are exported to S3 instead of becoming the
/// Map state's output.
public struct ResultWriterSettings: Sendable, Equatable {
    /// `Parameters` (`Bucket`, `Prefix`), a payload template evaluated against the effective input.
    public var parameters: JSONValue
    /// `WriterConfig`: the format and transformation of the exported results.
    public var writerConfig: WriterConfig = .exportDefault
}
