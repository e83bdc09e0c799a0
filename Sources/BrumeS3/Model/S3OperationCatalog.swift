import BrumeWire

/// Names the AWS operation of an S3 request from the HTTP bindings in botocore's model
/// (`Generated/S3OperationCatalog+Bindings.swift`).
///
/// S3 tells operations apart by method, by whether the path names a bucket and a key, by
/// sub-resource query names (`?tagging`, `?uploads`, `list-type=2`), and by required query
/// parameters and headers (`uploadId`, `x-amz-copy-source`). The most specific binding a
/// request satisfies is its operation, so `PUT ?partNumber&uploadId` with `x-amz-copy-source`
/// is UploadPartCopy, not UploadPart or CopyObject.
enum S3OperationCatalog {
    /// Which part of the path an operation addresses.
    enum Level: Equatable {
        case service, bucket, object
    }

    /// One operation's HTTP binding.
    struct Binding {
        var name: String
        var method: String
        var level: Level
        /// Query items fixed in the request URI; a nil value matches any value.
        var literalQuery: [(String, String?)]
        var requiredQuery: [String]
        var requiredHeaders: [String]

        /// Whether a request with these parts can be this operation.
        func matches(method: String, level: Level, query: QueryParameters, hasHeader: (String) -> Bool) -> Bool {
            guard self.method == method, self.level == level else { return false }
            for (name, value) in literalQuery {
                guard let actual = query[name] else { return false }
                if let value, actual != value { return false }
            }
            guard requiredQuery.allSatisfy(query.contains) else { return false }
            // A sub-resource names its operation on its own: a missing required header there is
            // that operation's error to report, not a sign of another operation.
            return !literalQuery.isEmpty || requiredHeaders.allSatisfy(hasHeader)
        }

        /// How specific the binding is: sub-resources first, then required parameters.
        var specificity: Int { literalQuery.count * 100 + requiredQuery.count * 10 + requiredHeaders.count }
    }

    /// The operation a request is, or nil when no S3 operation has its shape.
    static func identify(method: String, level: Level, query: QueryParameters, hasHeader: (String) -> Bool) -> String? {
        var best: Binding?
        for binding in bindings where binding.matches(method: method, level: level, query: query, hasHeader: hasHeader) {
            // Bindings are ordered non-deprecated first, so the first of equals wins.
            if best == nil || binding.specificity > best!.specificity { best = binding }
        }
        return best?.name
    }
}
