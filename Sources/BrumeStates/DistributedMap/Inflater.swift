/// Why a DEFLATE or gzip stream cannot be decoded.
public struct InflateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A sentence for a human, e.g. in a `States.ItemReaderFailed` cause.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// A streaming DEFLATE (RFC 1951) decoder: compressed chunks in, decompressed bytes out.
///
/// All three block types are decoded: stored, fixed Huffman and dynamic Huffman. The decoder keeps
/// the 32 KiB window back-references need and the input it has not been able to decode yet (at most
/// one symbol, or one dynamic block header, when a chunk ends in the middle of one): whenever the
/// input runs out mid-symbol, it rewinds to the start of that symbol and waits for the next chunk,
/// so chunk boundaries can fall on any bit.
///
/// Huffman codes are decoded canonically, a bit at a time over per-length code counts, which is
/// simple to verify against the RFC and fast enough for S3 Inventory files.
public struct Inflater: Sendable {
    private enum Phase: Sendable {
        case blockHeader
        case storedLength
        case stored(remaining: Int)
        case codes(literals: HuffmanCode, distances: HuffmanCode)
        case done
    }

    private var phase = Phase.blockHeader
    private var isLastBlock = false
    private var bits = BitReader()
    private var window = [UInt8](repeating: 0, count: Inflater.windowSize)
    private var windowPosition = 0

    private static let windowSize = 32_768

    public init() {}

    /// Whether the final block has been decoded; bytes fed after that are ``trailingBytes``.
    public var isFinished: Bool {
        if case .done = phase { true } else { false }
    }

    /// The input after the end of the DEFLATE stream (a gzip trailer, say), once ``isFinished``.
    public var trailingBytes: ArraySlice<UInt8> { bits.remainingWholeBytes }

    /// Decodes as much of the stream as the bytes fed so far allow.
    public mutating func feed(_ chunk: ArraySlice<UInt8>) throws(InflateError) -> [UInt8] {
        bits.append(chunk)
        var output: [UInt8] = []
        output.reserveCapacity(chunk.count * 3)
        while try step(into: &output) {}
        bits.discardConsumed()
        return output
    }

    /// Decodes one block header, one symbol or one stored run; false when more input is needed or
    /// the stream is done.
    private mutating func step(into output: inout [UInt8]) throws(InflateError) -> Bool {
        switch phase {
        case .done:
            return false
        case .blockHeader:
            let mark = bits.mark
            guard let header = bits.read(3) else { return false }
            isLastBlock = header & 1 == 1
            switch header >> 1 {
            case 0:
                bits.alignToByte()
                phase = .storedLength
            case 1:
                phase = .codes(literals: HuffmanCode.fixedLiterals, distances: HuffmanCode.fixedDistances)
            case 2:
                guard let codes = try readDynamicCodes() else {
                    bits.rewind(to: mark)
                    return false
                }
                phase = .codes(literals: codes.literals, distances: codes.distances)
            default:
                throw InflateError("invalid DEFLATE block type 3")
            }
            return true
        case .storedLength:
            let mark = bits.mark
            guard let length = bits.read(16), let complement = bits.read(16) else {
                bits.rewind(to: mark)
                return false
            }
            guard length == ~complement & 0xFFFF else { throw InflateError("stored block length does not match its complement") }
            phase = .stored(remaining: Int(length))
            return true
        case .stored(let remaining):
            if remaining == 0 {
                endBlock()
                return true
            }
            let run = bits.takeBytes(upTo: remaining)
            guard !run.isEmpty else { return false }
            for byte in run { emit(byte, into: &output) }
            phase = .stored(remaining: remaining - run.count)
            return true
        case .codes(let literals, let distances):
            let mark = bits.mark
            guard let symbol = try literals.decode(&bits) else {
                bits.rewind(to: mark)
                return false
            }
            if symbol < 256 {
                emit(UInt8(symbol), into: &output)
                return true
            }
            if symbol == 256 {
                endBlock()
                return true
            }
            guard let (length, distance) = try readMatch(symbol, distances) else {
                bits.rewind(to: mark)
                return false
            }
            for _ in 0..<length {
                emit(window[(windowPosition - distance) & (Self.windowSize - 1)], into: &output)
            }
            return true
        }
    }

    private mutating func endBlock() {
        phase = isLastBlock ? .done : .blockHeader
    }

    private mutating func emit(_ byte: UInt8, into output: inout [UInt8]) {
        output.append(byte)
        window[windowPosition] = byte
        windowPosition = (windowPosition + 1) & (Self.windowSize - 1)
    }

    /// The length and distance of a match whose length symbol is `symbol`; nil when the input ends.
    private mutating func readMatch(_ symbol: Int, _ distances: HuffmanCode) throws(InflateError) -> (Int, Int)? {
        let lengthIndex = symbol - 257
        guard lengthIndex < Self.lengthBase.count else { throw InflateError("invalid length symbol \(symbol)") }
        guard let lengthExtra = bits.read(Self.lengthExtraBits[lengthIndex]) else { return nil }
        guard let distanceSymbol = try distances.decode(&bits) else { return nil }
        guard distanceSymbol < Self.distanceBase.count else { throw InflateError("invalid distance symbol \(distanceSymbol)") }
        guard let distanceExtra = bits.read(Self.distanceExtraBits[distanceSymbol]) else { return nil }
        return (Self.lengthBase[lengthIndex] + Int(lengthExtra), Self.distanceBase[distanceSymbol] + Int(distanceExtra))
    }

    /// The code length order of a dynamic block header (RFC 1951, 3.2.7).
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// A dynamic block's literal/length and distance codes; nil when the input ends first.
    private mutating func readDynamicCodes() throws(InflateError) -> (literals: HuffmanCode, distances: HuffmanCode)? {
        guard let literalCount = bits.read(5), let distanceCount = bits.read(5), let lengthCount = bits.read(4) else { return nil }
        let literals = Int(literalCount) + 257
        let distances = Int(distanceCount) + 1
        guard literals <= 286, distances <= 30 else { throw InflateError("too many length or distance codes") }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for index in 0..<(Int(lengthCount) + 4) {
            guard let length = bits.read(3) else { return nil }
            codeLengthLengths[Self.codeLengthOrder[index]] = Int(length)
        }
        let codeLengthCode = try HuffmanCode(lengths: codeLengthLengths)
        var lengths: [Int] = []
        lengths.reserveCapacity(literals + distances)
        while lengths.count < literals + distances {
            guard let symbol = try codeLengthCode.decode(&bits) else { return nil }
            var repeated = 0
            var value = 0
            switch symbol {
            case 0...15:
                lengths.append(symbol)
                continue
            case 16:
                guard let previous = lengths.last else { throw InflateError("repeated code length with no previous length") }
                guard let extra = bits.read(2) else { return nil }
                value = previous
                repeated = 3 + Int(extra)
            case 17:
                guard let extra = bits.read(3) else { return nil }
                repeated = 3 + Int(extra)
            default:
                guard let extra = bits.read(7) else { return nil }
                repeated = 11 + Int(extra)
            }
            guard lengths.count + repeated <= literals + distances else { throw InflateError("code lengths overflow the header's counts") }
            lengths += repeatElement(value, count: repeated)
        }
        guard lengths[256] > 0 else { throw InflateError("dynamic block has no end-of-block code") }
        return (try HuffmanCode(lengths: Array(lengths[..<literals])), try HuffmanCode(lengths: Array(lengths[literals...])))
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
        1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtraBits = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
}

/// A canonical Huffman code (RFC 1951, 3.2.2), held as the number of codes of each length and the
/// symbols in code order.
struct HuffmanCode: Sendable {
    private var counts = [Int](repeating: 0, count: 16)
    private var symbols: [Int] = []

    /// The code whose symbol `n` has the code length `lengths[n]` (0: not used).
    init(lengths: [Int]) throws(InflateError) {
        for length in lengths { counts[length] += 1 }
        counts[0] = 0
        // Refuse an over-subscribed set of lengths; an incomplete one is allowed (a distance code
        // with a single code is), and fails only if a missing code turns up.
        var left = 1
        for length in 1...15 {
            left = left * 2 - counts[length]
            guard left >= 0 else { throw InflateError("over-subscribed Huffman code lengths") }
        }
        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
        symbols = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }
    }

    /// The next symbol, or nil when the input ends inside its code.
    func decode(_ bits: inout BitReader) throws(InflateError) -> Int? {
        var code = 0
        var first = 0
        var index = 0
        for length in 1...15 {
            guard let bit = bits.read(1) else { return nil }
            code |= Int(bit)
            let count = counts[length]
            if code - first < count { return symbols[index + code - first] }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        throw InflateError("invalid Huffman code")
    }

    static let fixedLiterals: HuffmanCode = {
        var lengths = [Int](repeating: 8, count: 288)
        for symbol in 144..<256 { lengths[symbol] = 9 }
        for symbol in 256..<280 { lengths[symbol] = 7 }
        // Fixed lengths are a complete code, so this cannot throw.
        return try! HuffmanCode(lengths: lengths)
    }()

    static let fixedDistances = try! HuffmanCode(lengths: [Int](repeating: 5, count: 30))
}

/// Reads a byte stream as DEFLATE packs it: least significant bit first, with a rewindable position
/// so a symbol cut by the end of a chunk can be read again whole.
struct BitReader: Sendable {
    private var input: [UInt8] = []
    private var position = 0
    private var buffer: UInt64 = 0
    private var count = 0

    /// A point to ``rewind(to:)``.
    struct Mark: Sendable {
        fileprivate var position: Int
        fileprivate var buffer: UInt64
        fileprivate var count: Int
    }

    var mark: Mark { Mark(position: position, buffer: buffer, count: count) }

    mutating func rewind(to mark: Mark) {
        position = mark.position
        buffer = mark.buffer
        count = mark.count
    }

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        input.append(contentsOf: bytes)
    }

    /// Drops the input already read. Only called between symbols, when no mark is outstanding.
    mutating func discardConsumed() {
        guard position > 0 else { return }
        input.removeFirst(position)
        position = 0
    }

    /// The next `width` bits (at most 16) as a number, or nil, consuming nothing, when the input
    /// does not hold them yet.
    mutating func read(_ width: Int) -> UInt32? {
        while count < width {
            guard position < input.count else { return nil }
            buffer |= UInt64(input[position]) << UInt64(count)
            position += 1
            count += 8
        }
        let value = UInt32(truncatingIfNeeded: buffer & ((1 << UInt64(width)) - 1))
        buffer >>= UInt64(width)
        count -= width
        return value
    }

    /// Skips to the next byte boundary, as a stored block requires.
    mutating func alignToByte() {
        let drop = count % 8
        buffer >>= UInt64(drop)
        count -= drop
    }

    /// Up to `limit` whole bytes, from the bit buffer first; only called on a byte boundary.
    mutating func takeBytes(upTo limit: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        while count >= 8, bytes.count < limit {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count -= 8
        }
        let run = min(limit - bytes.count, input.count - position)
        bytes += input[position..<(position + run)]
        position += run
        return bytes
    }

    /// The whole bytes not read yet, those in the bit buffer included.
    var remainingWholeBytes: ArraySlice<UInt8> {
        // The bits short of a whole byte pad the stream's last byte; whole bytes after them are input.
        var bytes: [UInt8] = []
        var pending = buffer >> UInt64(count % 8)
        for _ in 0..<(count / 8) {
            bytes.append(UInt8(truncatingIfNeeded: pending))
            pending >>= 8
        }
        return (bytes + input[position...])[...]
    }
}
