/// Slicing-by-8 lookup tables for the reflected CRCs S3 uses.
///
/// Table `k` (at offset `k * 256`) maps a byte to its CRC contribution when followed by `k`
/// zero bytes, so eight input bytes are folded in one step with eight lookups.
enum CRCTables {
    /// CRC-32/ISO-HDLC tables (reflected polynomial `0xEDB88320`).
    static let crc32: [UInt32] = tables32(polynomial: 0xEDB8_8320)
    /// CRC-32C tables (reflected polynomial `0x82F63B78`).
    static let crc32c: [UInt32] = tables32(polynomial: 0x82F6_3B78)
    /// CRC-64/NVME tables (reflected polynomial `0x9A6C9329AC4BC9B5`).
    static let crc64nvme: [UInt64] = tables64(polynomial: 0x9A6C_9329_AC4B_C9B5)

    private static func tables32(polynomial: UInt32) -> [UInt32] {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
            table[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = table[(slice - 1) * 256 + byte]
                table[slice * 256 + byte] = (previous >> 8) ^ table[Int(previous & 0xFF)]
            }
        }
        return table
    }

    private static func tables64(polynomial: UInt64) -> [UInt64] {
        var table = [UInt64](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt64(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
            table[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = table[(slice - 1) * 256 + byte]
                table[slice * 256 + byte] = (previous >> 8) ^ table[Int(previous & 0xFF)]
            }
        }
        return table
    }
}

/// Table-driven update functions; `crc` is the running register (already inverted).
enum CRC {
    /// Folds `bytes` into a reflected 32-bit CRC register using slicing-by-8.
    static func update32(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer, table: [UInt32]) -> UInt32 {
        guard var pointer = bytes.baseAddress, !bytes.isEmpty else { return crc }
        var remaining = bytes.count
        var crc = crc
        table.withUnsafeBufferPointer { table in
            let t = table.baseAddress!
            while remaining >= 8 {
                let word = UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
                let low = crc ^ UInt32(truncatingIfNeeded: word)
                let high = UInt32(truncatingIfNeeded: word >> 32)
                crc = t[7 * 256 + Int(low & 0xFF)]
                    ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)]
                    ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)]
                    ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((high >> 16) & 0xFF)]
                    ^ t[Int(high >> 24)]
                pointer += 8
                remaining -= 8
            }
            while remaining > 0 {
                let byte = pointer.load(as: UInt8.self)
                crc = (crc >> 8) ^ t[Int((crc ^ UInt32(byte)) & 0xFF)]
                pointer += 1
                remaining -= 1
            }
        }
        return crc
    }

    /// Folds `bytes` into a reflected 64-bit CRC register using slicing-by-8.
    static func update64(_ crc: UInt64, _ bytes: UnsafeRawBufferPointer, table: [UInt64]) -> UInt64 {
        guard var pointer = bytes.baseAddress, !bytes.isEmpty else { return crc }
        var remaining = bytes.count
        var crc = crc
        table.withUnsafeBufferPointer { table in
            let t = table.baseAddress!
            while remaining >= 8 {
                let word = crc ^ UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
                crc = t[7 * 256 + Int(word & 0xFF)]
                    ^ t[6 * 256 + Int((word >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((word >> 16) & 0xFF)]
                    ^ t[4 * 256 + Int((word >> 24) & 0xFF)]
                    ^ t[3 * 256 + Int((word >> 32) & 0xFF)]
                    ^ t[2 * 256 + Int((word >> 40) & 0xFF)]
                    ^ t[1 * 256 + Int((word >> 48) & 0xFF)]
                    ^ t[Int(word >> 56)]
                pointer += 8
                remaining -= 8
            }
            while remaining > 0 {
                let byte = pointer.load(as: UInt8.self)
                crc = (crc >> 8) ^ t[Int((crc ^ UInt64(byte)) & 0xFF)]
                pointer += 1
                remaining -= 1
            }
        }
        return crc
    }
}
