/// The text of a `{"wildcard": ...}` condition: `*` stands for any run of characters (none
/// included), `\*` for a literal star and `\\` for a literal backslash.
struct WildcardPattern: Sendable, Equatable {
    /// The literal pieces between the stars, as UTF-8; a pattern with `n` stars has `n + 1`
    /// pieces, some possibly empty (`*.png` is `["", ".png"]`).
    let pieces: [[UInt8]]

    /// Reads a pattern, refusing what EventBridge refuses: a backslash before anything but `*`
    /// or `\`, a trailing backslash, and two stars in a row.
    init(_ text: String) throws(EventPatternError) {
        var pieces: [[UInt8]] = [[]]
        var escaping = false
        var previousWasStar = false
        for (position, byte) in text.utf8.enumerated() {
            if escaping {
                guard byte == UInt8(ascii: "*") || byte == UInt8(ascii: "\\") else {
                    throw EventPatternError(reason: "Invalid escape character at pos \(position)")
                }
                pieces[pieces.count - 1].append(byte)
                escaping = false
                previousWasStar = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else if byte == UInt8(ascii: "*") {
                guard !previousWasStar else {
                    throw EventPatternError(reason: "Consecutive wildcard characters at pos \(position)")
                }
                pieces.append([])
                previousWasStar = true
            } else {
                pieces[pieces.count - 1].append(byte)
                previousWasStar = false
            }
        }
        if escaping { throw EventPatternError(reason: "Invalid escape character at pos \(text.utf8.count - 1)") }
        self.pieces = pieces
    }

    /// Whether `text` is one of the strings the pattern describes.
    ///
    /// The first piece must start the text and the last must end it; the pieces between are
    /// found leftmost-first, which is enough because a star can absorb anything a later choice
    /// would have skipped.
    func matches(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = pieces.first, let last = pieces.last else { return false }
        if pieces.count == 1 { return bytes == first }
        guard bytes.count >= first.count + last.count,
              bytes.starts(with: first),
              bytes[(bytes.count - last.count)...].elementsEqual(last)
        else { return false }
        var position = first.count
        let end = bytes.count - last.count
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = WildcardPattern.find(piece, in: bytes, from: position, before: end) else { return false }
            position = found + piece.count
        }
        return true
    }

    /// The first offset at or after `start` where `piece` occurs wholly before `end`.
    private static func find(_ piece: [UInt8], in bytes: [UInt8], from start: Int, before end: Int) -> Int? {
        guard end - start >= piece.count else { return nil }
        for offset in start...(end - piece.count) where bytes[offset..<(offset + piece.count)].elementsEqual(piece) {
            return offset
        }
        return nil
    }
}
