import BrumeWire
import Foundation
import Testing

@Suite struct ChecksumTests {
    static let check = Array("123456789".utf8)

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func knownAnswersForTheCheckString() {
        func checksum(_ algorithm: ChecksumAlgorithm) -> String {
            var hasher = ChecksumHasher(algorithm)
            hasher.update(Self.check)
            return Self.hex(hasher.finalize())
        }
        #expect(checksum(.crc32) == "cbf43926")
        #expect(checksum(.crc32c) == "e3069283")
        #expect(checksum(.crc64nvme) == "ae8b14860a799888")
        #expect(checksum(.sha1) == "f7c3bc1d808e04732adf679965ccc34ca7ae3441")
        #expect(checksum(.sha256) == "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225")
    }

    @Test func base64AsInS3Headers() {
        let hello = Array("hello world".utf8)
        #expect(ChecksumHasher.base64(.crc32, of: hello) == "DUoRhQ==")
        #expect(ChecksumHasher.base64(.sha1, of: hello) == "Kq5sNclPz7QV2+lfQIuc6R7oRu0=")
        #expect(ChecksumHasher.base64(.sha256, of: [UInt8]()) == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        #expect(ChecksumHasher.base64(.crc32, of: [UInt8]()) == "AAAAAA==")
        #expect(ChecksumHasher.base64(.crc64nvme, of: [UInt8]()) == "AAAAAAAAAAA=")
        // AWS's trailing-checksum example: CRC32C of 66560 bytes of "a".
        #expect(ChecksumHasher.base64(.crc32c, of: [UInt8](repeating: UInt8(ascii: "a"), count: 66_560)) == "sOO8/Q==")
    }

    @Test func headerNames() {
        #expect(ChecksumAlgorithm.crc32.headerName == "x-amz-checksum-crc32")
        #expect(ChecksumAlgorithm.crc64nvme.headerName == "x-amz-checksum-crc64nvme")
        for algorithm in ChecksumAlgorithm.allCases {
            #expect(ChecksumAlgorithm(headerName: algorithm.headerName) == algorithm)
            #expect(ChecksumAlgorithm(headerName: algorithm.headerName.uppercased()) == algorithm)
            #expect(ChecksumHasher(algorithm).finalize().count == algorithm.byteCount)
        }
        #expect(ChecksumAlgorithm(headerName: "x-amz-checksum-md5") == nil)
        #expect(ChecksumAlgorithm(headerName: "content-md5") == nil)
        #expect(ChecksumAlgorithm(headerName: "x-amz-checksum-algorithm") == nil)
    }

    /// Bit-at-a-time reference CRCs, straight from the definitions.
    static func referenceCRC32(_ bytes: [UInt8], polynomial: UInt32) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }

    static func referenceCRC64(_ bytes: [UInt8]) -> UInt64 {
        var crc: UInt64 = ~0
        for byte in bytes {
            crc ^= UInt64(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x9A6C_9329_AC4B_C9B5 : crc >> 1 }
        }
        return ~crc
    }

    static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    @Test func tablesMatchTheBitwiseDefinition() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1_000, 4_099] {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            var crc32 = ChecksumHasher(.crc32), crc32c = ChecksumHasher(.crc32c), crc64 = ChecksumHasher(.crc64nvme)
            crc32.update(bytes)
            crc32c.update(bytes)
            crc64.update(bytes)
            #expect(crc32.finalize() == Self.bigEndian(Self.referenceCRC32(bytes, polynomial: 0xEDB8_8320)))
            #expect(crc32c.finalize() == Self.bigEndian(Self.referenceCRC32(bytes, polynomial: 0x82F6_3B78)))
            #expect(crc64.finalize() == Self.bigEndian(Self.referenceCRC64(bytes)))
        }
    }

    @Test(arguments: ChecksumAlgorithm.allCases)
    func streamingEqualsOneShot(_ algorithm: ChecksumAlgorithm) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<10_000).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        var oneShot = ChecksumHasher(algorithm)
        oneShot.update(bytes)

        var byteByByte = ChecksumHasher(algorithm)
        for byte in bytes { byteByByte.update(CollectionOfOne(byte)) }
        #expect(byteByByte.finalize() == oneShot.finalize())

        var pieces = ChecksumHasher(algorithm)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + Int.random(in: 0...700, using: &generator))
            // Unaligned slices of one buffer, via every update overload.
            switch offset % 3 {
            case 0: bytes[offset..<end].withUnsafeBytes { pieces.update($0) }
            case 1: pieces.update(Data(bytes[offset..<end]))
            default: pieces.update(bytes[offset..<end])
            }
            offset = end
        }
        #expect(pieces.finalize() == oneShot.finalize())
        // finalize() does not end the computation.
        pieces.update([1, 2, 3])
        oneShot.update([1, 2, 3])
        #expect(pieces.base64() == oneShot.base64())
    }
}
