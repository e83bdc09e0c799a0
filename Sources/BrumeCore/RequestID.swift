import Foundation

/// Request ids in the shapes AWS services use.
public enum RequestID {
    /// An S3-style id: 16 uppercase hexadecimal characters.
    public static func s3() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The `x-amz-id-2` companion of an S3 request id.
    public static func s3ExtendedID() -> String {
        // Six 64-bit draws rather than 48 byte draws: each draw is a getrandom system call.
        var generator = SystemRandomNumberGenerator()
        let words = (0..<6).map { _ in generator.next() as UInt64 }
        return words.withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// A UUID-style id, as the JSON and query protocols use.
    public static func uuid() -> String {
        UUID().uuidString.lowercased()
    }
}
