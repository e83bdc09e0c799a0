/// How the targets cut one fuzz input into the pieces their parsers take.
///
/// Inputs stay plain text where the parser reads text, so a corpus file can be written and read
/// by hand: an expression on the first line, a document after it.
package enum FuzzInput {
    /// The bytes as text; invalid UTF-8 becomes U+FFFD, as a server decoding a header would.
    package static func text(_ data: [UInt8]) -> String {
        String(decoding: data, as: UTF8.self)
    }

    /// The first line (without its `\n`) and everything after it; the rest is empty when the
    /// input has one line.
    package static func firstLine(_ data: [UInt8]) -> (line: String, rest: ArraySlice<UInt8>) {
        guard let newline = data.firstIndex(of: UInt8(ascii: "\n")) else { return (text(data), []) }
        return (String(decoding: data[..<newline], as: UTF8.self), data[(newline + 1)...])
    }

    /// The bytes cut into pieces of `size` (at least 1), as a network read might deliver them.
    package static func chunks(_ data: some Collection<UInt8>, size: Int) -> [ArraySlice<UInt8>] {
        let bytes = Array(data)
        let size = max(1, size)
        return stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }
    }

    /// A chunk size that depends on the input itself, so one input replays with the same cuts and
    /// different inputs try cuts at different places.
    package static func chunkSize(for data: [UInt8]) -> Int {
        data.count % 13 + 1
    }
}
