import Foundation

/// The HTTP preconditions of a read (`If-Match`, `If-None-Match`, `If-Modified-Since`,
/// `If-Unmodified-Since`), evaluated the way S3 does.
///
/// S3 follows RFC 7232 with two documented twists: when `If-Match` holds, a failing
/// `If-Unmodified-Since` is ignored; when `If-None-Match` fails (the ETag matches), the
/// response is 304 even if `If-Modified-Since` says the object changed.
struct ObjectConditions: Sendable, Equatable {
    var ifMatch: String?
    var ifNoneMatch: String?
    var ifModifiedSince: Date?
    var ifUnmodifiedSince: Date?

    enum Outcome: Equatable {
        case proceed
        /// 304 for GET and HEAD.
        case notModified
        /// 412, naming the failed header.
        case preconditionFailed(String)
    }

    var isEmpty: Bool { ifMatch == nil && ifNoneMatch == nil && ifModifiedSince == nil && ifUnmodifiedSince == nil }

    /// The outcome for an object with `etag` (unquoted) last modified at `lastModified`.
    func evaluate(etag: String, lastModified: Date) -> Outcome {
        // HTTP dates have second precision; compare at that precision.
        let modified = lastModified.timeIntervalSince1970.rounded(.down)
        if let ifMatch {
            if !Self.matches(ifMatch, etag: etag) { return .preconditionFailed("If-Match") }
        } else if let ifUnmodifiedSince, modified > ifUnmodifiedSince.timeIntervalSince1970 {
            return .preconditionFailed("If-Unmodified-Since")
        }
        if let ifNoneMatch {
            if Self.matches(ifNoneMatch, etag: etag) { return .notModified }
        } else if let ifModifiedSince, modified <= ifModifiedSince.timeIntervalSince1970 {
            return .notModified
        }
        return .proceed
    }

    /// The outcome for the copy-source variants, where every failure is a 412.
    func evaluateForCopySource(etag: String, lastModified: Date) -> Outcome {
        switch evaluate(etag: etag, lastModified: lastModified) {
        case .proceed: .proceed
        case .notModified: .preconditionFailed(ifNoneMatch != nil ? "x-amz-copy-source-If-None-Match" : "x-amz-copy-source-If-Modified-Since")
        case .preconditionFailed(let header): .preconditionFailed("x-amz-copy-source-\(header)")
        }
    }

    /// Whether a list of entity tags (`"a", "b"`, `W/"c"` or `*`) includes `etag`.
    static func matches(_ list: String, etag: String) -> Bool {
        list.split(separator: ",").contains { candidate in
            var value = candidate.trimmingCharacters(in: .whitespaces)
            if value == "*" { return true }
            if value.hasPrefix("W/") { value.removeFirst(2) }
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value == etag
        }
    }
}
