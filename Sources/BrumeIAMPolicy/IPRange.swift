/// An IPv4 or IPv6 address or CIDR block, as `IpAddress` conditions and `aws:SourceIp` write them.
struct IPRange: Equatable {
    /// The address bytes: 4 for IPv4, 16 for IPv6.
    let bytes: [UInt8]
    /// The prefix length in bits.
    let prefix: Int

    /// Reads `203.0.113.0/24`, `2001:db8::/32` or a bare address (a full-length prefix).
    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let bytes = Self.address(String(parts[0])) else { return nil }
        self.bytes = bytes
        if parts.count == 2 {
            guard let prefix = Int(parts[1]), (0...(bytes.count * 8)).contains(prefix), parts[1].allSatisfy(\.isASCII)
            else { return nil }
            self.prefix = prefix
        } else {
            prefix = bytes.count * 8
        }
    }

    /// Whether `address` lies inside this block; IPv4 and IPv6 never match each other, except an
    /// IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), which is read as its IPv4 address.
    func contains(_ address: [UInt8]) -> Bool {
        var address = address
        if bytes.count == 4, address.count == 16, address[0..<10].allSatisfy({ $0 == 0 }), address[10] == 0xff, address[11] == 0xff {
            address = Array(address[12...])
        }
        guard address.count == bytes.count else { return false }
        var remaining = prefix
        for index in bytes.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xff << (8 - bits))
            if address[index] & mask != bytes[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// The bytes of an IPv4 or IPv6 address, or nil.
    static func address(_ text: String) -> [UInt8]? {
        if text.contains(":") { return ipv6(text) }
        return ipv4(text)
    }

    static func ipv4(_ text: Substring) -> [UInt8]? { ipv4(String(text)) }

    static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt8(part) else {
                return nil
            }
            bytes.append(value)
        }
        return bytes
    }

    static func ipv6(_ text: String) -> [UInt8]? {
        guard text.utf8.count <= 45 else { return nil }
        var groups: [[UInt16]] = [[], []]
        var side = 0
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        var tailV4: [UInt8]?
        for (index, half) in halves.enumerated() {
            side = index
            guard !half.isEmpty else { continue }
            let pieces = half.split(separator: ":", omittingEmptySubsequences: false)
            for (position, piece) in pieces.enumerated() {
                if piece.contains("."), index == halves.count - 1, position == pieces.count - 1 {
                    guard let v4 = ipv4(piece) else { return nil }
                    tailV4 = v4
                    continue
                }
                guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                groups[side].append(value)
            }
        }
        let v4Groups = tailV4 == nil ? 0 : 2
        let written = groups[0].count + groups[1].count + v4Groups
        if halves.count == 1 { guard written == 8 else { return nil } } else { guard written < 8 else { return nil } }
        let zeros = [UInt16](repeating: 0, count: 8 - written)
        let all = groups[0] + zeros + groups[1]
        var bytes: [UInt8] = []
        for group in all { bytes += [UInt8(group >> 8), UInt8(group & 0xff)] }
        if let tailV4 { bytes += tailV4 }
        return bytes.count == 16 ? bytes : nil
    }
}
