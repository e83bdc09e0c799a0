import Synchronization

/// Unique, random-looking S3 request ids without a system call per request.
///
/// Ids are a counter added to a random seed and passed through SplitMix64's finaliser, a
/// bijection on 64-bit values: distinct counters give distinct ids, and consecutive ids look
/// unrelated, as S3's do. One generator belongs to one service instance.
public final class RequestIDGenerator: Sendable {
    private let seed: UInt64
    private let counter = Atomic<UInt64>(0)

    public init() {
        var generator = SystemRandomNumberGenerator()
        seed = generator.next()
    }

    /// The next id: 16 uppercase hexadecimal characters, as S3's `x-amz-request-id`.
    public func next() -> String {
        let count = counter.add(1, ordering: .relaxed).newValue
        return Self.hex(Self.mix(seed &+ count))
    }

    /// The `x-amz-id-2` companion of `requestID`: 48 bytes in base64, derived from the id so the
    /// pair is stable and no randomness is spent on it.
    public func extendedID(for requestID: String) -> String {
        var state = requestID.utf8.reduce(seed) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(48)
        for _ in 0..<6 {
            state = Self.mix(state &+ 0x9E37_79B9_7F4A_7C15)
            withUnsafeBytes(of: state.bigEndian) { bytes.append(contentsOf: $0) }
        }
        return Base64.encode(bytes)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func hex(_ value: UInt64) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var output = [UInt8](repeating: 0, count: 16)
        for index in 0..<16 { output[15 - index] = digits[Int((value >> (UInt64(index) * 4)) & 0xF)] }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Standard base64 without Foundation, for hot paths.
enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 2 < bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { output.append(alphabet[Int((value >> UInt32(shift)) & 0x3F)]) }
            index += 3
        }
        let remaining = bytes.count - index
        if remaining > 0 {
            let value = UInt32(bytes[index]) << 16 | (remaining > 1 ? UInt32(bytes[index + 1]) << 8 : 0)
            output.append(alphabet[Int((value >> 18) & 0x3F)])
            output.append(alphabet[Int((value >> 12) & 0x3F)])
            output.append(remaining > 1 ? alphabet[Int((value >> 6) & 0x3F)] : UInt8(ascii: "="))
            output.append(UInt8(ascii: "="))
        }
        return String(decoding: output, as: UTF8.self)
    }
}
