/// One page of a bucket listing: the keys and common prefixes that ListObjects (v1 and v2)
/// return, computed over any source of keys in UTF-8 byte order.
///
/// The source is asked for keys from a cursor, a few at a time; when a key rolls up into a
/// common prefix the walk jumps past every key under that prefix, so a bucket with a million
/// keys under `logs/` lists `logs/` in one step. A common prefix that sorts at or before the
/// marker is skipped, so paging with the last prefix as marker never repeats it.
struct ObjectListing: Sendable, Equatable {
    /// A listed object: what the source returns per key.
    struct Entry: Sendable, Equatable {
        var key: [UInt8]
        var size: Int64
        var etag: String
        var lastModified: Double
        var storageClass: String
        var checksumAlgorithm: String?
        var checksumType: String?
    }

    /// Where the source resumes.
    enum Cursor: Equatable {
        /// Keys strictly greater than these bytes.
        case after([UInt8])
        /// Keys greater than or equal to these bytes.
        case from([UInt8])
    }

    /// What to list.
    struct Query: Sendable, Equatable {
        var prefix: [UInt8] = []
        var delimiter: [UInt8]?
        /// Keys and prefixes at or before this are skipped (v1 marker, v2 start-after or token).
        var marker: [UInt8]?
        var maxKeys: Int = 1000
    }

    var contents: [Entry] = []
    var commonPrefixes: [[UInt8]] = []
    var isTruncated = false
    /// The last key or prefix returned: v1's NextMarker and the cursor of v2's continuation token.
    var lastReturned: [UInt8]?

    /// Lists one page.
    /// - Parameter fetch: returns up to `limit` entries with keys that start with `prefix`,
    ///   from `cursor`, in ascending byte order.
    static func page(
        _ query: Query,
        fetch: (_ cursor: Cursor?, _ prefix: [UInt8], _ limit: Int) async throws -> [Entry]
    ) async throws -> ObjectListing {
        var listing = ObjectListing()
        guard query.maxKeys > 0 else { return listing }
        var cursor: Cursor? = query.marker.map(Cursor.after)
        let batchSize = min(query.maxKeys + 1, 1001)
        walk: while true {
            let batch = try await fetch(cursor, query.prefix, batchSize)
            if batch.isEmpty { break }
            for entry in batch {
                if let delimiter = query.delimiter,
                   let commonPrefix = rolledUpPrefix(entry.key, prefix: query.prefix, delimiter: delimiter) {
                    if let marker = query.marker, !isGreater(commonPrefix, than: marker) {
                        cursor = .from(successor(of: commonPrefix))
                        continue walk
                    }
                    if listing.count == query.maxKeys {
                        listing.isTruncated = true
                        break walk
                    }
                    listing.commonPrefixes.append(commonPrefix)
                    listing.lastReturned = commonPrefix
                    guard let next = successorOrNil(of: commonPrefix) else { break walk }
                    cursor = .from(next)
                    continue walk
                }
                if listing.count == query.maxKeys {
                    listing.isTruncated = true
                    break walk
                }
                listing.contents.append(entry)
                listing.lastReturned = entry.key
                cursor = .after(entry.key)
            }
            if batch.count < batchSize { break }
        }
        return listing
    }

    /// Keys and common prefixes returned, which `max-keys` bounds together.
    var count: Int { contents.count + commonPrefixes.count }

    /// The common prefix `key` rolls up into: everything up to and including the first
    /// delimiter after `prefix`.
    static func rolledUpPrefix(_ key: [UInt8], prefix: [UInt8], delimiter: [UInt8]) -> [UInt8]? {
        guard !delimiter.isEmpty, key.count >= prefix.count + delimiter.count else { return nil }
        let rest = key[prefix.count...]
        guard let index = firstIndex(of: delimiter, in: rest) else { return nil }
        return Array(key[..<(index + delimiter.count)])
    }

    /// The smallest byte string greater than every string that starts with `bytes`.
    static func successor(of bytes: [UInt8]) -> [UInt8] {
        successorOrNil(of: bytes) ?? bytes + [0xFF]
    }

    private static func successorOrNil(of bytes: [UInt8]) -> [UInt8]? {
        var result = bytes
        while let last = result.last {
            if last < 0xFF {
                result[result.count - 1] = last + 1
                return result
            }
            result.removeLast()
        }
        return nil
    }

    private static func isGreater(_ lhs: [UInt8], than rhs: [UInt8]) -> Bool {
        lhs.lexicographicallyPrecedes(rhs) == false && lhs != rhs
    }

    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
