public import BrumeWire

/// Decodes a JSON Lines file into one item per line, as a Distributed Map's `ItemReader` with
/// `InputType` `JSONL` does.
///
/// Lines end at LF; a CR right before it is part of the line break, so CRLF files read the same.
/// Each non-blank line must be one complete JSON value (any kind: object, array, string, number,
/// boolean or null), parsed strictly by ``JSONValue/parse(_:)``; a line that is not fails the read
/// with `States.ItemReaderFailed` naming the line.
///
/// Lines that are empty or hold only whitespace are skipped, as JSON Lines readers commonly do and
/// as a file ending in a line break requires; AWS does not document how it treats a blank line in
/// the middle of a file, so this is Brume's choice. A UTF-8 byte order mark at the start is dropped.
/// Only the line being read is buffered, up to ``ItemReaderLimits/maximumItemBytes``.
public struct JSONLinesItemDecoder: ItemDecoder {
    private let maximumLineBytes: Int
    private var bom = LeadingByteOrderMark()
    private var line: [UInt8] = []
    /// The 1-based number of the line being read.
    private var lineNumber = 1

    /// A decoder for one JSON Lines object.
    ///
    /// - Parameter maximumLineBytes: The longest line accepted, ``ItemReaderLimits/maximumItemBytes``
    ///   unless a caller needs another bound.
    public init(maximumLineBytes: Int = ItemReaderLimits.maximumItemBytes) {
        self.maximumLineBytes = maximumLineBytes
    }

    public mutating func feed(_ chunk: ArraySlice<UInt8>) throws(StatesError) -> [JSONValue] {
        var items: [JSONValue] = []
        var rest = bom.strip(chunk)
        while let newline = rest.firstIndex(of: Byte.lineFeed) {
            try append(rest[..<newline])
            try endLine(into: &items)
            rest = rest[(newline + 1)...]
        }
        try append(rest)
        return items
    }

    public mutating func finish() throws(StatesError) -> [JSONValue] {
        var items = try feed(bom.flush())
        try endLine(into: &items)
        return items
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) throws(StatesError) {
        // The CR of a CRLF is counted here but dropped at the end of the line, hence the + 1.
        guard line.count + bytes.count <= maximumLineBytes + 1 else {
            throw .itemReaderFailed("Line \(lineNumber) of the JSONL file exceeds the maximum item size of \(maximumLineBytes) bytes.")
        }
        line.append(contentsOf: bytes)
    }

    private mutating func endLine(into items: inout [JSONValue]) throws(StatesError) {
        defer {
            line.removeAll(keepingCapacity: true)
            lineNumber += 1
        }
        if line.last == Byte.carriageReturn { line.removeLast() }
        guard line.contains(where: { !Self.isWhitespace($0) }) else { return }
        guard line.count <= maximumLineBytes else {
            throw .itemReaderFailed("Line \(lineNumber) of the JSONL file exceeds the maximum item size of \(maximumLineBytes) bytes.")
        }
        do {
            items.append(try JSONValue.parse(line))
        } catch {
            throw .itemReaderFailed("Line \(lineNumber) of the JSONL file is not valid JSON: \(error.message) at column \(error.offset + 1).")
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == Byte.space || byte == Byte.tab || byte == Byte.carriageReturn
    }
}
