public import Foundation

/// A duration as people type it to move the stack clock: `90s`, `3m`, `1h30m`, `2d`, `1.5h`.
///
/// Client input (`POST /_brume/clock`, `brume clock advance`): every string either parses to a
/// finite number of seconds within ``StackClock/maximumAdvance`` or is refused with the reason.
public enum ClockDuration {
    /// The longest text read; a longer one is refused before it is looked at.
    public static let maximumLength = 64

    /// Seconds in `text`: one or more `<number><unit>` parts, units `s`, `m`, `h`, `d` (each at
    /// most once, largest first), numbers of digits with an optional fraction. A bare number is
    /// seconds.
    /// - Throws: ``ClockDurationError``.
    public static func seconds(_ text: String) throws(ClockDurationError) -> TimeInterval {
        guard text.utf8.count <= maximumLength else { throw .tooLong }
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw .empty }
        if let plain = number(bytes[...]) { return try checked(plain) }
        let units: [(unit: UInt8, seconds: Double)] = [(UInt8(ascii: "d"), 86_400), (UInt8(ascii: "h"), 3600), (UInt8(ascii: "m"), 60), (UInt8(ascii: "s"), 1)]
        var total = 0.0
        var index = 0
        var nextUnit = 0
        while index < bytes.count {
            var end = index
            while end < bytes.count, isNumberByte(bytes[end]) { end += 1 }
            guard end > index, let value = number(bytes[index..<end]) else { throw .malformed(text) }
            guard end < bytes.count else { throw .missingUnit(text) }
            guard let position = units.firstIndex(where: { $0.unit == bytes[end] }) else { throw .unknownUnit(text) }
            guard position >= nextUnit else { throw .malformed(text) }
            total += value * units[position].seconds
            nextUnit = position + 1
            index = end + 1
        }
        return try checked(total)
    }

    private static func checked(_ seconds: Double) throws(ClockDurationError) -> TimeInterval {
        guard seconds.isFinite, seconds <= StackClock.maximumAdvance else { throw .tooLarge }
        return seconds
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
    }

    /// Digits with at most one `.` that has digits before it.
    private static func number(_ bytes: ArraySlice<UInt8>) -> Double? {
        guard let first = bytes.first, first != UInt8(ascii: "."), bytes.last != UInt8(ascii: "."),
              bytes.allSatisfy(isNumberByte), bytes.count(where: { $0 == UInt8(ascii: ".") }) <= 1
        else { return nil }
        return Double(String(decoding: bytes, as: UTF8.self))
    }
}

/// Why a clock duration was refused.
public enum ClockDurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooLong
    case malformed(String)
    case missingUnit(String)
    case unknownUnit(String)
    case tooLarge

    public var description: String {
        switch self {
        case .empty: "a duration is required, e.g. 90s, 3m, 1h30m or 2d"
        case .tooLong: "a duration is at most \(ClockDuration.maximumLength) characters"
        case .malformed(let text): "'\(text)' is not a duration: write parts like 90s, 3m, 1h30m or 2d, largest unit first"
        case .missingUnit(let text): "'\(text)' needs a unit after its last number: s, m, h or d"
        case .unknownUnit(let text): "'\(text)' has a unit other than s, m, h or d"
        case .tooLarge: "a duration is at most \(Int(StackClock.maximumAdvance)) seconds"
        }
    }
}
