/// The encryption context as authenticated data: its pairs sorted by key (as UTF-8 bytes), each
/// key and value length-prefixed, so no two contexts share an encoding and order never matters.
public enum EncryptionContext {
    public static func canonical(_ context: [String: String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (key, value) in context.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            append(Array(key.utf8), to: &bytes)
            append(Array(value.utf8), to: &bytes)
        }
        return bytes
    }

    private static func append(_ field: [UInt8], to bytes: inout [UInt8]) {
        let count = UInt32(field.count)
        bytes += [UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)]
        bytes += field
    }
}
