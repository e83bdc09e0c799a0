import BrumeStates
import BrumeWire

/// Feeds one input to a Distributed Map item decoder the way an ItemReader does: whole, then
/// again in small pieces, since chunk boundaries must not change what a decoder reads.
enum ItemDecoderFeeding {
    static func feed(_ data: [UInt8], to makeDecoder: () -> some ItemDecoder) {
        decode([data[...]], with: makeDecoder())
        decode(FuzzInput.chunks(data, size: FuzzInput.chunkSize(for: data)), with: makeDecoder())
    }

    private static func decode(_ pieces: [ArraySlice<UInt8>], with decoder: some ItemDecoder) {
        var decoder = decoder
        for piece in pieces {
            guard (try? decoder.feed(piece)) != nil else { return }
        }
        _ = try? decoder.finish()
    }
}

/// CSV ItemReader objects (`InputType: CSV`).
enum CSVItemsTarget {
    static let summary = "CSVItemDecoder on the input as an object: comma with a header row, and tab with given column names; whole and in pieces"

    static func run(_ data: [UInt8]) {
        ItemDecoderFeeding.feed(data) { CSVItemDecoder(delimiter: .comma, headerLocation: .firstRow) }
        ItemDecoderFeeding.feed(data) { CSVItemDecoder(delimiter: .tab, headerLocation: .given(["a", "b", "c"]), maximumRecordBytes: 256) }
    }
}

/// JSON Lines ItemReader objects (`InputType: JSONL`).
enum JSONLinesItemsTarget {
    static let summary = "JSONLinesItemDecoder on the input as an object, with the default and a small line limit; whole and in pieces"

    static func run(_ data: [UInt8]) {
        ItemDecoderFeeding.feed(data) { JSONLinesItemDecoder() }
        ItemDecoderFeeding.feed(data) { JSONLinesItemDecoder(maximumLineBytes: 64) }
    }
}

/// JSON ItemReader objects (`InputType: JSON`, an array of items).
enum JSONArrayItemsTarget {
    static let summary = "JSONArrayItemDecoder on the input as an object, with the default and a small element limit; whole and in pieces"

    static func run(_ data: [UInt8]) {
        ItemDecoderFeeding.feed(data) { JSONArrayItemDecoder() }
        ItemDecoderFeeding.feed(data) { JSONArrayItemDecoder(maximumElementBytes: 64) }
    }
}

/// S3 Inventory manifests (`InputType: MANIFEST`) and the CSV data files they list.
enum InventoryManifestTarget {
    static let summary = "S3InventoryManifest.parse on the input; its first listed file's decoder then reads the input again as uncompressed CSV"

    static func run(_ data: [UInt8]) {
        guard let manifest = try? S3InventoryManifest.parse(data) else { return }
        ItemDecoderFeeding.feed(data) { S3InventoryItemDecoder(fileSchema: manifest.fileSchema, gzipped: false) }
        if let file = manifest.files.first {
            _ = manifest.decoder(for: file)
        }
    }
}
