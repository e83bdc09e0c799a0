import BrumeStorage

/// The stored form of ``ObjectDetails``: one line per fact, fields separated by tabs.
///
/// ```
/// h <TAB> Content-Type <TAB> text/plain       a stored header
/// m <TAB> owner <TAB> alice                   user metadata
/// t <TAB> team <TAB> data                     a tag
/// c <TAB> CRC32 <TAB> DUoRhQ== <TAB> FULL_OBJECT
/// s <TAB> <blob> <TAB> <size> <TAB> <etag or -> <TAB> <checksum or ->
/// p <TAB> 3                                    part count
/// ```
///
/// It replaces JSON because every GET decodes it, and JSONDecoder was a fifth of a small GET's
/// time. Backslash, tab and newline inside values are escaped, so any value round-trips.
extension ObjectDetails {
    func encoded() -> String {
        var lines: [String] = []
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { lines.append(Self.line("h", name, value)) }
        for (name, value) in metadata.sorted(by: { $0.key < $1.key }) { lines.append(Self.line("m", name, value)) }
        for tag in tags { lines.append(Self.line("t", tag.key, tag.value)) }
        if let checksum { lines.append(Self.line("c", checksum.algorithm, checksum.value, checksum.type)) }
        for segment in segments {
            lines.append(Self.line("s", segment.blob.rawValue, String(segment.size), segment.etag ?? "-", segment.checksum ?? "-"))
        }
        if let partCount { lines.append(Self.line("p", String(partCount))) }
        return lines.joined(separator: "\n")
    }

    init(encoded text: String) throws {
        self.init()
        // Split on bytes: tab and newline never occur inside a UTF-8 multi-byte sequence.
        let bytes = Array(text.utf8)
        for lineBytes in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let fields = lineBytes.split(separator: 0x09, omittingEmptySubsequences: false).map(Self.unescape)
            var line: String { String(decoding: lineBytes, as: UTF8.self) }
            switch (fields.first, fields.count) {
            case ("h", 3): headers[fields[1]] = fields[2]
            case ("m", 3): metadata[fields[1]] = fields[2]
            case ("t", 3): tags.append(Tag(key: fields[1], value: fields[2]))
            case ("c", 4): checksum = ObjectChecksum(algorithm: fields[1], value: fields[2], type: fields[3])
            case ("s", 5):
                guard let blob = BlobID(rawValue: fields[1]), let size = Int64(fields[2]) else { throw ObjectDetailsCodecError(line: line) }
                segments.append(Segment(
                    blob: blob, size: size, etag: fields[3] == "-" ? nil : fields[3], checksum: fields[4] == "-" ? nil : fields[4]
                ))
            case ("p", 2): partCount = Int(fields[1])
            default: throw ObjectDetailsCodecError(line: line)
            }
        }
    }

    private static func line(_ kind: String, _ fields: String...) -> String {
        ([kind] + fields.map(escape)).joined(separator: "\t")
    }

    private static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return value }
        var output = ""
        for character in value {
            switch character {
            case "\\": output += "\\\\"
            case "\t": output += "\\t"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            default: output.append(character)
            }
        }
        return output
    }

    private static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        let value = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(UInt8(ascii: "\\")) else { return value }
        var output = ""
        var escaping = false
        for character in value {
            if escaping {
                switch character {
                case "t": output.append("\t")
                case "n": output.append("\n")
                case "r": output.append("\r")
                default: output.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                output.append(character)
            }
        }
        return output
    }
}

/// A stored details line that cannot be read: the database was changed by something else.
struct ObjectDetailsCodecError: Error {
    var line: String
}
