/// The CRC-32 of gzip, zip and PNG (ISO 3309, polynomial 0x04C11DB7 reflected as 0xEDB88320),
/// computed incrementally.
public struct CRC32: Sendable, Equatable {
    /// The checksum of the bytes so far.
    public private(set) var value: UInt32 = 0

    public init() {}

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        var crc = ~value
        for byte in bytes {
            crc = Self.table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        value = ~crc
    }

    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        return crc
    }
}
