/// Drops a UTF-8 byte order mark (`EF BB BF`) from the start of a streamed object.
///
/// Spreadsheet programs write one before CSV text; left in place it would become part of the first
/// header name (`"\u{FEFF}id"`) or make a JSON document unparseable. The mark may itself be split
/// across chunks, so the first bytes are held back until they prove to be a mark or not.
struct LeadingByteOrderMark: Sendable {
    private static let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private var pending: [UInt8] = []
    private var decided = false

    /// The bytes of `chunk` that are ready to decode: all of them once the start is settled, none
    /// while the first bytes could still be the start of a mark.
    mutating func strip(_ chunk: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if decided { return chunk }
        pending.append(contentsOf: chunk)
        for (index, byte) in pending.prefix(Self.mark.count).enumerated() where byte != Self.mark[index] {
            return settle(droppingMark: false)
        }
        guard pending.count >= Self.mark.count else { return [] }
        return settle(droppingMark: true)
    }

    /// Hands over the held-back bytes and stops holding any.
    private mutating func settle(droppingMark: Bool) -> ArraySlice<UInt8> {
        decided = true
        let ready = droppingMark ? pending[Self.mark.count...] : pending[...]
        pending = []
        return ready
    }

    /// The held-back bytes at the end of the input: a prefix of a mark that never completed is text.
    mutating func flush() -> ArraySlice<UInt8> {
        if decided { return [] }
        return settle(droppingMark: false)
    }
}
