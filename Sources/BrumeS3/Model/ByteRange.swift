/// A single `Range: bytes=...` request, resolved against an object's size.
///
/// S3 serves one range per request; a header it cannot parse, or one with several ranges,
/// is ignored and the whole object is returned, as HTTP allows.
struct ByteRange: Sendable, Equatable {
    /// First byte, inclusive.
    var start: Int64
    /// Last byte, inclusive.
    var end: Int64

    var length: Int64 { end - start + 1 }

    /// The `Content-Range` value for an object of `size` bytes.
    func contentRange(size: Int64) -> String { "bytes \(start)-\(end)/\(size)" }

    enum Resolution: Equatable {
        /// Serve the whole object.
        case whole
        /// Serve this range with 206.
        case partial(ByteRange)
        /// 416 InvalidRange.
        case unsatisfiable
    }

    /// Parses `x-amz-copy-source-range`, which unlike `Range` must be the explicit
    /// `bytes=first-last` form and is never clamped to the object.
    static func copySourceRange(_ text: String) -> ByteRange? {
        guard text.hasPrefix("bytes=") else { return nil }
        let bounds = text.dropFirst("bytes=".count).split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count == 2, let start = Int64(bounds[0]), let end = Int64(bounds[1]), start >= 0, end >= start else {
            return nil
        }
        return ByteRange(start: start, end: end)
    }

    /// Resolves a `Range` header against an object size.
    static func resolve(_ header: String?, size: Int64) -> Resolution {
        guard let header else { return .whole }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("bytes="), !trimmed.contains(",") else { return .whole }
        let spec = trimmed.dropFirst("bytes=".count)
        let bounds = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard bounds.count == 2 else { return .whole }
        let first = bounds[0].trimmingCharacters(in: .whitespaces)
        let last = bounds[1].trimmingCharacters(in: .whitespaces)
        if first.isEmpty {
            // Suffix range: the last N bytes.
            guard let suffix = Int64(last), suffix >= 0 else { return .whole }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .partial(ByteRange(start: max(0, size - suffix), end: size - 1))
        }
        guard let start = Int64(first), start >= 0 else { return .whole }
        let end: Int64
        if last.isEmpty {
            end = size - 1
        } else {
            guard let value = Int64(last), value >= start else { return .whole }
            end = min(value, size - 1)
        }
        guard start < size else { return .unsatisfiable }
        return .partial(ByteRange(start: start, end: end))
    }
}

import Foundation
