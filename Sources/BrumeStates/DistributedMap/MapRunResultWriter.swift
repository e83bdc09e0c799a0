public import BrumeWire

/// What a ``MapRunResultWriter`` asks its caller to do with S3 objects.
///
/// The writer is pure: it produces bytes and says where they go, and the caller streams them into
/// a temp file or a multipart upload per key, so a Map Run with a million children never holds its
/// results in memory.
public enum ResultFileEvent: Sendable, Equatable {
    /// Append `bytes` to the object `key`, creating it with the first append.
    case append(key: String, bytes: [UInt8])
    /// The object `key` is complete at `size` bytes: put or complete its upload.
    case complete(key: String, size: Int)
}

/// Lays out a Distributed Map's ResultWriter export exactly as AWS does, an entry at a time.
///
/// For a `ResultWriter` with `Bucket` and `Prefix`, AWS writes under `<Prefix>/<map run id>/`
/// (the map run id being the last part of the Map Run ARN):
///
/// - `SUCCEEDED_<n>.json`: the succeeded children;
/// - `FAILED_<n>.json`: the failed, timed out and aborted ones;
/// - `PENDING_<n>.json`: those never started because the Map Run failed or was aborted;
/// - `manifest.json`: `{"DestinationBucket", "MapRunArn", "ResultFiles": {"FAILED", "PENDING",
///   "SUCCEEDED": [{"Key", "Size"}]}}`, listing every file written, with empty lists for the
///   families that have none.
///
/// Files are numbered from 0 and only exist for families that have entries. A file grows to at most
/// ``maximumFileBytes`` (AWS: "individual result files of up to 5 GB"); the entry that would pass
/// it starts the next number. The Map state's output is then ``stateOutput``:
/// `{"MapRunArn": ..., "ResultWriterDetails": {"Bucket": ..., "Key": <manifest key>}}`.
///
/// A `Prefix` that does not end with `/` gets one; an empty or absent `Prefix` puts the run's folder
/// at the top of the bucket. Entries are compact JSON; with `OutputType` `JSONL` each is followed by
/// a line break instead of being an array element. The files keep the `.json` extension AWS
/// documents for either output type.
public struct MapRunResultWriter: Sendable {
    /// AWS's limit on one result file: 5 GB, which for S3 (whose single-request PUT it matches) is 5 GiB.
    public static let defaultMaximumFileBytes = 5 * 1024 * 1024 * 1024

    /// The bucket the results go to (`ResultWriter.Parameters.Bucket`).
    public let bucket: String
    /// The Map Run whose results these are.
    public let mapRunArn: String
    public let config: WriterConfig
    public let maximumFileBytes: Int
    /// `<Prefix>/<map run id>/`, the folder every key of the run starts with.
    public let folder: String

    private var files: [ResultCategory: FileState] = [:]

    private struct FileState: Sendable {
        var index = 0
        /// The open file's size, or nil when no file is open.
        var size: Int?
        var written: [(key: String, size: Int)] = []
    }

    /// A writer for one Map Run's export.
    ///
    /// - Parameters:
    ///   - bucket: `ResultWriter.Parameters.Bucket`.
    ///   - prefix: `ResultWriter.Parameters.Prefix`, if any.
    ///   - mapRunArn: The Map Run's ARN; its last `:`-separated part names the run's folder.
    ///   - config: The `WriterConfig`, ``WriterConfig/exportDefault`` when the definition has none.
    ///   - maximumFileBytes: The size after which a new file begins.
    public init(
        bucket: String,
        prefix: String?,
        mapRunArn: String,
        config: WriterConfig = .exportDefault,
        maximumFileBytes: Int = defaultMaximumFileBytes
    ) {
        self.bucket = bucket
        self.mapRunArn = mapRunArn
        self.config = config
        self.maximumFileBytes = maximumFileBytes
        var folder = prefix ?? ""
        if !folder.isEmpty, !folder.hasSuffix("/") { folder += "/" }
        folder += Self.mapRunID(mapRunArn) + "/"
        self.folder = folder
    }

    /// The id AWS names a Map Run's result folder after: the part of its ARN after the last `:`.
    public static func mapRunID(_ mapRunArn: String) -> String {
        String(mapRunArn.split(separator: ":", omittingEmptySubsequences: false).last ?? "")
    }

    /// The key of the run's `manifest.json`.
    public var manifestKey: String { folder + "manifest.json" }

    /// The key of result file `index` of a family: `<folder>SUCCEEDED_0.json` and so on.
    public func resultKey(_ category: ResultCategory, index: Int) -> String {
        "\(folder)\(category.rawValue)_\(index).json"
    }

    /// The Map state's output when its results are exported.
    public var stateOutput: JSONValue {
        ["MapRunArn": .string(mapRunArn), "ResultWriterDetails": ["Bucket": .string(bucket), "Key": .string(manifestKey)]]
    }

    /// Records one finished (or, for `PENDING`, never started) child; returns what to write.
    public mutating func add(_ result: ChildExecutionResult) -> [ResultFileEvent] {
        let category = result.status.resultCategory
        var state = files[category] ?? FileState()
        var events: [ResultFileEvent] = []
        for value in config.values(for: result) {
            let entry = value.serialized
            let closing = config.outputType == .json ? 1 : 0
            if let size = state.size, size + 1 + entry.count + closing > maximumFileBytes {
                close(&state, category, into: &events)
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(entry.count + 1)
            switch config.outputType {
            case .json:
                bytes.append(state.size == nil ? UInt8(ascii: "[") : UInt8(ascii: ","))
                bytes += entry
            case .jsonl:
                bytes += entry
                bytes.append(UInt8(ascii: "\n"))
            }
            state.size = (state.size ?? 0) + bytes.count
            events.append(.append(key: resultKey(category, index: state.index), bytes: bytes))
        }
        files[category] = state
        return events
    }

    /// Closes the open files; returns their last bytes, then the manifest to write at ``manifestKey``.
    public mutating func finish() -> (events: [ResultFileEvent], manifest: [UInt8]) {
        var events: [ResultFileEvent] = []
        for category in ResultCategory.allCases {
            guard var state = files[category] else { continue }
            if state.size != nil { close(&state, category, into: &events) }
            files[category] = state
        }
        return (events, manifest.serialized)
    }

    /// The manifest for the files written so far.
    public var manifest: JSONValue {
        var resultFiles = JSONObject()
        for category in ResultCategory.allCases {
            let written = files[category]?.written ?? []
            resultFiles[category.rawValue] = .array(written.map { ["Key": .string($0.key), "Size": .int(Int64($0.size))] })
        }
        return ["DestinationBucket": .string(bucket), "MapRunArn": .string(mapRunArn), "ResultFiles": .object(resultFiles)]
    }

    private func close(_ state: inout FileState, _ category: ResultCategory, into events: inout [ResultFileEvent]) {
        guard var size = state.size else { return }
        let key = resultKey(category, index: state.index)
        if config.outputType == .json {
            events.append(.append(key: key, bytes: [UInt8(ascii: "]")]))
            size += 1
        }
        events.append(.complete(key: key, size: size))
        state.written.append((key, size))
        state.index += 1
        state.size = nil
    }
}
