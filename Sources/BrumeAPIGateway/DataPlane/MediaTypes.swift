/// Media type matching as API Gateway applies it to `binaryMediaTypes` and to template keys.
enum MediaTypes {
    /// Whether `contentType` (parameters already stripped) is one of the API's binary media
    /// types, which may be `type/*` or `*/*`.
    static func isBinary(_ contentType: String?, binaryMediaTypes: [String]) -> Bool {
        guard !binaryMediaTypes.isEmpty else { return false }
        let type = contentType ?? ""
        return binaryMediaTypes.contains { matches(type, pattern: $0.lowercased()) }
    }

    /// Whether a media type matches a pattern (`image/png`, `image/*`, `*/*`).
    static func matches(_ type: String, pattern: String) -> Bool {
        if pattern == "*/*" { return true }
        if pattern.hasSuffix("/*") { return type.hasPrefix(pattern.dropLast()) }
        return type == pattern
    }
}
