/// A streaming gzip (RFC 1952) decoder: compressed chunks in, decompressed bytes out, no zlib.
///
/// Each member's header is read (with its optional extra field, file name, comment and header CRC),
/// its DEFLATE data is decoded by an ``Inflater``, and its trailer checked: the CRC-32 and the length
/// modulo 2^32 of the decompressed data must match, so a corrupt S3 object fails instead of yielding
/// wrong items. Concatenated members decode as one stream, as `gzip -d` does.
public struct GzipDecoder: Sendable {
    private enum Phase: Sendable {
        /// Reading a member's header; `pending` holds its bytes until it is complete.
        case header
        case body
        /// Reading the 8-byte trailer.
        case trailer
        /// After a complete member: the end, or another member.
        case between
    }

    private var phase = Phase.header
    private var pending: [UInt8] = []
    private var inflater = Inflater()
    private var crc = CRC32()
    private var length: UInt32 = 0
    private var members = 0

    public init() {}

    /// Decodes as much as the bytes fed so far allow.
    public mutating func feed(_ chunk: ArraySlice<UInt8>) throws(InflateError) -> [UInt8] {
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
                inflater = Inflater()
                crc = CRC32()
                length = 0
                phase = .body
            case .body:
                let bytes = try inflater.feed(input)
                crc.update(bytes)
                length &+= UInt32(truncatingIfNeeded: bytes.count)
                output += bytes
                guard inflater.isFinished else { return output }
                input = inflater.trailingBytes
                phase = .trailer
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
