import BrumeStates
import BrumeWire

/// Feeding helpers shared by the item decoder suites.
enum ItemDecoderFeeding {
    /// Decodes `bytes` fed in chunks of `size` bytes (the last one shorter).
    static func decode<Decoder: ItemDecoder>(_ decoder: Decoder, _ bytes: [UInt8], chunkSize size: Int) throws(StatesError) -> [JSONValue] {
        var decoder = decoder
        var items: [JSONValue] = []
        for chunk in chunks(bytes, size: size) {
            items += try decoder.feed(chunk)
        }
        items += try decoder.finish()
        return items
    }

    /// `bytes` cut into slices of `size` bytes, the last one shorter.
    static func chunks(_ bytes: [UInt8], size: Int) -> [ArraySlice<UInt8>] {
        stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }
    }

    /// Decodes `text` whole, byte by byte, and split in two at every position, and returns the
    /// items of the whole-input run after checking that every other run gave the same.
    static func decodeEverySplit<Decoder: ItemDecoder>(_ decoder: Decoder, _ text: String) throws(StatesError) -> [JSONValue] {
        let bytes = Array(text.utf8)
        let whole = try decode(decoder, bytes, chunkSize: max(bytes.count, 1))
        guard try decode(decoder, bytes, chunkSize: 1) == whole else {
            throw StatesError("Test.Mismatch", "byte-by-byte decoding differs")
        }
        for split in 0...bytes.count {
            var copy = decoder
            var items = try copy.feed(bytes[..<split])
            items += try copy.feed(bytes[split...])
            items += try copy.finish()
            guard items == whole else { throw StatesError("Test.Mismatch", "split at \(split) differs") }
        }
        return whole
    }

    /// The error a decoding run throws, or nil when it succeeds.
    static func failure<Decoder: ItemDecoder>(_ decoder: Decoder, _ text: String, chunkSize: Int = 1) -> StatesError? {
        do {
            _ = try decode(decoder, Array(text.utf8), chunkSize: chunkSize)
            return nil
        } catch {
            return error
        }
    }
}
