/// A decoded query string that keeps arrival order and valueless names (`?uploads`, `?tagging`).
public struct QueryParameters: Sendable, Equatable {
    /// The decoded pairs in arrival order; a name without `=` has an empty value.
    public private(set) var pairs: [(name: String, value: String)]

    /// Decodes a raw query string (without the `?`).
    /// - Throws: ``QueryParametersError/malformedEscape`` for a bad `%` escape.
    public init(raw: String?) throws(QueryParametersError) {
        pairs = []
        guard let raw, !raw.isEmpty else { return }
        for item in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentEncoding.decode(parts[0], plusAsSpace: true),
                  let value = PercentEncoding.decode(parts.count > 1 ? parts[1] : "", plusAsSpace: true)
            else { throw .malformedEscape(String(item)) }
            pairs.append((name, value))
        }
    }

    public init(_ pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    /// The first value for `name`.
    public subscript(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Whether `name` appears, with or without a value.
    public func contains(_ name: String) -> Bool {
        pairs.contains { $0.name == name }
    }

    public static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }
}

/// Why a query string cannot be decoded.
public enum QueryParametersError: Error, Sendable {
    /// A `%` not followed by two hex digits, or bytes that are not UTF-8.
    case malformedEscape(String)
}
