/// A streaming gzip (RFC 1952) decoder: compressed chunks in, decompressed bytes out.
///
/// Each member's header is read here (with its optional extra field, file name, comment and header
/// CRC), its DEFLATE data is decoded by zlib (through compress-nio, in ``RawDeflateStream``), and
/// its trailer checked: the CRC-32 and the length modulo 2^32 of the decompressed data must match,
/// so a corrupt S3 object fails instead of yielding wrong items. Concatenated members decode as one
/// stream, as `gzip -d` does.
///
/// Output is capped by ``Limits``: a few kilobytes of gzip can expand a thousandfold (a "gzip
/// bomb"), so a stream that expands past the ratio or the total fails with an ``InflateError``
/// before the bytes are held, rather than exhausting memory.
///
/// The decoder is a value, but the zlib stream inside it is shared by copies: feed one copy only.
public struct GzipDecoder: Sendable {
    /// How far a stream may expand.
    public struct Limits: Sendable, Equatable {
        /// The most bytes the whole stream may decompress to.
        public var maximumOutputBytes: Int
        /// The most decompressed bytes per compressed byte, counted over the stream so far and
        /// over each chunk fed. Real S3 Inventory CSV runs near 30; a run of one byte, near 1,030.
        public var maximumExpansionRatio: Int
        /// Output allowed beyond the ratio, so that small, very repetitive files still decode.
        public var ratioAllowanceBytes: Int

        public init(maximumOutputBytes: Int, maximumExpansionRatio: Int, ratioAllowanceBytes: Int = 1 << 20) {
            self.maximumOutputBytes = maximumOutputBytes
            self.maximumExpansionRatio = maximumExpansionRatio
            self.ratioAllowanceBytes = ratioAllowanceBytes
        }

        /// 4 GiB in all, at most 256 times the compressed size (plus 1 MiB): a fed chunk of 4 MiB
        /// yields at most 1 GiB.
        public static let `default` = Limits(maximumOutputBytes: 1 << 32, maximumExpansionRatio: 256)
    }

    private enum Phase: Sendable {
        /// Reading a member's header; `pending` holds its bytes until it is complete.
        case header
        case body
        /// Reading the 8-byte trailer.
        case trailer
        /// After a complete member: the end, or another member.
        case between
    }

    private let limits: Limits
    private var phase = Phase.header
    private var pending: [UInt8] = []
    private var deflate: RawDeflateStream?
    private var crc = CRC32()
    private var length: UInt32 = 0
    private var members = 0
    private var inputBytes = 0
    private var outputBytes = 0

    /// A decoder with the ``Limits/default`` limits.
    public init() {
        self.init(limits: .default)
    }

    public init(limits: Limits) {
        self.limits = limits
    }

    /// Decodes as much as the bytes fed so far allow.
    ///
    /// - Throws: ``InflateError`` when the stream is not gzip, is corrupt, or expands past ``Limits``.
    public mutating func feed(_ chunk: ArraySlice<UInt8>) throws(InflateError) -> [UInt8] {
        inputBytes += chunk.count
        var output: [UInt8] = []
        var input = chunk
        while true {
            switch phase {
            case .between:
                // Zero padding after the last member is tolerated, as gzip does; anything else
                // starts another member.
                pending.append(contentsOf: input)
                input = []
                guard let start = pending.firstIndex(where: { $0 != 0 }) else {
                    pending.removeAll()
                    return output
                }
                pending.removeFirst(start)
                phase = .header
            case .header:
                pending.append(contentsOf: input)
                input = []
                guard let headerLength = try Self.headerLength(pending) else { return output }
                input = pending[headerLength...]
                pending = []
                if let deflate { try deflate.reset() } else { deflate = try RawDeflateStream() }
                crc = CRC32()
                length = 0
                phase = .body
            case .body:
                let start = output.count
                let outcome = try deflate!.inflate(input, into: &output, limit: allowance(fed: chunk.count, soFar: start))
                let produced = output[start...]
                crc.update(produced)
                length &+= UInt32(truncatingIfNeeded: produced.count)
                outputBytes += produced.count
                switch outcome {
                case .needsInput:
                    return output
                case .limitReached:
                    throw outputBytes >= limits.maximumOutputBytes
                        ? InflateError("the data decompresses to more than \(limits.maximumOutputBytes) bytes")
                        : InflateError("the data expands more than \(limits.maximumExpansionRatio) times its compressed size")
                case .finished(let trailing):
                    input = trailing
                    phase = .trailer
                }
            case .trailer:
                pending.append(contentsOf: input)
                guard pending.count >= 8 else { return output }
                let storedCRC = Self.littleEndian(pending[0..<4])
                let storedLength = Self.littleEndian(pending[4..<8])
                guard storedCRC == crc.value else { throw InflateError("gzip CRC-32 mismatch: the data is corrupt") }
                guard storedLength == length else { throw InflateError("gzip length mismatch: the data is corrupt") }
                input = pending[8...]
                pending = []
                members += 1
                phase = .between
                if input.isEmpty { return output }
            }
        }
    }

    /// Ends the input; throws when it stopped before the end of a member.
    public mutating func finish() throws(InflateError) {
        switch phase {
        case .between:
            return
        case .header where members == 0 && pending.isEmpty:
            throw InflateError("the gzip stream is empty")
        default:
            throw InflateError("the gzip stream is truncated")
        }
    }

    /// How many more bytes may be decompressed now: within the total, within the ratio over the
    /// stream so far, and within the ratio over this chunk (`fed` bytes, `soFar` already out).
    private func allowance(fed: Int, soFar: Int) -> Int {
        func ratioOf(_ bytes: Int) -> Int {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: limits.maximumExpansionRatio)
            let (sum, sumOverflow) = product.addingReportingOverflow(limits.ratioAllowanceBytes)
            return overflow || sumOverflow ? .max : sum
        }
        let total = limits.maximumOutputBytes - outputBytes
        let stream = ratioOf(inputBytes) - outputBytes
        let chunk = ratioOf(fed) - soFar
        return max(0, min(total, stream, chunk))
    }

    private static func littleEndian(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The length of the member header at the start of `bytes`, or nil when more bytes are needed.
    private static func headerLength(_ bytes: [UInt8]) throws(InflateError) -> Int? {
        if bytes.count >= 1, bytes[0] != 0x1F { throw InflateError("not a gzip stream (bad magic number)") }
        if bytes.count >= 2, bytes[1] != 0x8B { throw InflateError("not a gzip stream (bad magic number)") }
        if bytes.count >= 3, bytes[2] != 8 { throw InflateError("unsupported gzip compression method \(bytes[2])") }
        guard bytes.count >= 10 else { return nil }
        let flags = bytes[3]
        guard flags & 0xE0 == 0 else { throw InflateError("reserved gzip header flags are set") }
        var position = 10
        if flags & 0x04 != 0 {  // FEXTRA
            guard bytes.count >= position + 2 else { return nil }
            position += 2 + (Int(bytes[position]) | Int(bytes[position + 1]) << 8)
        }
        for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
            guard position <= bytes.count, let end = bytes[position...].firstIndex(of: 0) else { return nil }
            position = end + 1
        }
        if flags & 0x02 != 0 { position += 2 }  // FHCRC
        return bytes.count >= position ? position : nil
    }
}
