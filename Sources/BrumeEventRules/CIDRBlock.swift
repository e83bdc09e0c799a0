/// An IPv4 or IPv6 address as its bytes in network order (4 or 16 of them).
struct IPAddress: Sendable, Equatable {
    let bytes: [UInt8]

    /// Reads dotted-quad IPv4 (`10.0.0.1`) or IPv6 text (`2001:db8::1`, `::ffff:1.2.3.4`).
    init?(_ text: String) {
        if text.contains(":") {
            guard let bytes = IPAddress.ipv6(Substring(text)) else { return nil }
            self.bytes = bytes
        } else {
            guard let bytes = IPAddress.ipv4(Substring(text)) else { return nil }
            self.bytes = bytes
        }
    }

    private static func ipv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit), let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func ipv6(_ text: Substring) -> [UInt8]? {
        // `::` stands for the run of zero groups that makes the address 16 bytes long; it may
        // appear once.
        guard let gap = text.firstRange(of: "::") else {
            guard let bytes = groups(text), bytes.count == 16 else { return nil }
            return bytes
        }
        let after = text[gap.upperBound...]
        guard !after.contains("::"), let head = groups(text[..<gap.lowerBound]), let tail = groups(after),
              head.count + tail.count <= 14
        else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    /// The bytes of colon-separated hex groups, the last of which may be a dotted IPv4 address.
    private static func groups(_ text: Substring) -> [UInt8]? {
        guard !text.isEmpty else { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var bytes: [UInt8] = []
        for (index, part) in parts.enumerated() {
            if index == parts.count - 1, part.contains(".") {
                guard let ipv4 = ipv4(part) else { return nil }
                bytes += ipv4
            } else {
                guard (1...4).contains(part.count), let value = UInt16(part, radix: 16) else { return nil }
                bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
        }
        return bytes
    }
}

/// The addresses of a `{"cidr": "10.0.0.0/24"}` condition: those sharing the block's first
/// `prefixLength` bits.
struct CIDRBlock: Sendable, Equatable {
    let address: IPAddress
    let prefixLength: Int

    /// Reads `address/length`; nil when either half is malformed or the length exceeds the
    /// address's bits.
    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPAddress(String(parts[0])),
              !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit),
              let length = Int(parts[1]), length <= address.bytes.count * 8
        else { return nil }
        self.address = address
        self.prefixLength = length
    }

    func contains(_ candidate: IPAddress) -> Bool {
        guard candidate.bytes.count == address.bytes.count else { return false }
        var remaining = prefixLength
        for (mine, theirs) in zip(address.bytes, candidate.bytes) where remaining > 0 {
            let bits = min(remaining, 8)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if mine & mask != theirs & mask { return false }
            remaining -= bits
        }
        return true
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
