import Foundation

/// Opaque `nextToken`s for list operations: base64 of `brume:<kind>:<payload>`.
///
/// Each token names the listing it continues, so a token from another operation is refused
/// (with the service's own error) rather than read as something else.
public enum ListingToken {
    public static func make(_ kind: String, _ payload: String) -> String {
        Data("brume:\(kind):\(payload)".utf8).base64EncodedString()
    }

    /// The payload of a token of `kind`, or nil when it is not one.
    public static func payload(_ token: String, kind: String) -> String? {
        guard let data = Data(base64Encoded: token), let text = String(validating: Array(data), as: UTF8.self) else { return nil }
        let prefix = "brume:\(kind):"
        guard text.hasPrefix(prefix) else { return nil }
        return String(text.dropFirst(prefix.count))
    }
}
