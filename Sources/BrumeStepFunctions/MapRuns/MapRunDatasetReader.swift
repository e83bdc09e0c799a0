import BrumeStates
import BrumeWire

/// Reads one S3 object of a Distributed Map's dataset (`arn:aws:states:::s3:getObject`) as its
/// ReaderConfig says: CSV, a JSON array, JSON Lines, or an S3 Inventory manifest whose data
/// files are read in turn. The object is streamed in ranged pieces through a decoder, so it is
/// never in memory whole.
struct MapRunDatasetReader {
    let objects: MapRunObjects
    let reader: ItemReaderSettings
    /// `VersionId` of the Parameters: the dataset object's version to read (not the inventory's data files).
    var versionID: String?

    func read(bucket: String, key: String, consume: (JSONValue) async throws(StatesError) -> Bool) async throws(StatesError) {
        switch reader.inputType {
        case .csv:
            try await stream(bucket: bucket, key: key, versionID: versionID, decoder: CSVItemDecoder(delimiter: reader.csvDelimiter, headerLocation: reader.csvHeaderLocation), consume: consume)
        case .json:
            try await stream(bucket: bucket, key: key, versionID: versionID, decoder: JSONArrayItemDecoder(), consume: consume)
        case .jsonLines:
            try await stream(bucket: bucket, key: key, versionID: versionID, decoder: JSONLinesItemDecoder(), consume: consume)
        case .manifest:
            try await readInventory(bucket: bucket, key: key, consume: consume)
        case nil:
            throw StatesError(StatesErrorName.itemReaderFailed, "The ItemReader's ReaderConfig needs an InputType to read \(key)")
        }
    }

    /// Feeds the object's bytes through `decoder` and each decoded item to `consume`.
    private func stream(
        bucket: String, key: String, versionID: String?, decoder: some ItemDecoder, consume: (JSONValue) async throws(StatesError) -> Bool
    ) async throws(StatesError) {
        var decoder = decoder
        var stopped = false
        try await objects.read(bucket: bucket, key: key, versionID: versionID) { chunk throws(StatesError) in
            for item in try decoder.feed(chunk) where try await consume(item) == false {
                stopped = true
                return false
            }
            return true
        }
        if stopped { return }
        for item in try decoder.finish() where try await consume(item) == false { return }
    }

    /// An S3 Inventory: the manifest names CSV data files (gzip-compressed) in its destination
    /// bucket, with the columns of its `fileSchema`; their rows are the items.
    private func readInventory(bucket: String, key: String, consume: (JSONValue) async throws(StatesError) -> Bool) async throws(StatesError) {
        var manifestBytes: [UInt8] = []
        try await objects.read(bucket: bucket, key: key, versionID: versionID) { chunk throws(StatesError) in
            manifestBytes += chunk
            guard manifestBytes.count <= Self.maximumManifestBytes else {
                throw .itemReaderFailed("The S3 Inventory manifest \(key) is larger than \(Self.maximumManifestBytes) bytes.")
            }
            return true
        }
        let manifest = try S3InventoryManifest.parse(manifestBytes)
        for file in manifest.files {
            var stopped = false
            try await stream(bucket: manifest.destinationBucket, key: file.key, versionID: nil, decoder: manifest.decoder(for: file)) { item throws(StatesError) in
                let more = try await consume(item)
                stopped = !more
                return more
            }
            if stopped { return }
        }
    }

    /// A manifest lists data files, a few per gigabyte of inventory: 16 MiB is far beyond any real one.
    static let maximumManifestBytes = 16 * 1024 * 1024
}
