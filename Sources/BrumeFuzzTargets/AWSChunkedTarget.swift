import BrumeWire

/// The `Content-Encoding: aws-chunked` body decoder of S3 streaming uploads.
enum AWSChunkedTarget {
    static let summary = "AWSChunkedDecoder on the input as a body: whole without trailers, then in small pieces expecting trailers"

    static func run(_ data: [UInt8]) {
        decode([data[...]], expectsTrailers: false)
        decode(FuzzInput.chunks(data, size: FuzzInput.chunkSize(for: data)), expectsTrailers: true)
    }

    private static func decode(_ pieces: [ArraySlice<UInt8>], expectsTrailers: Bool) {
        var decoder = AWSChunkedDecoder(expectsTrailers: expectsTrailers)
        for piece in pieces {
            guard (try? decoder.feed(piece)) != nil else { return }
        }
        _ = try? decoder.finish()
    }
}
