import BrumeStates

/// The gzip decoder of compressed S3 Inventory data files (`.csv.gz`).
enum GzipTarget {
    static let summary = "GzipDecoder on the input as a compressed stream: whole, then in small pieces"

    static func run(_ data: [UInt8]) {
        decode([data[...]])
        decode(FuzzInput.chunks(data, size: FuzzInput.chunkSize(for: data)))
    }

    private static func decode(_ pieces: [ArraySlice<UInt8>]) {
        var decoder = GzipDecoder()
        for piece in pieces {
            guard (try? decoder.feed(piece)) != nil else { return }
        }
        _ = try? decoder.finish()
    }
}
