@testable import BrumeS3
import Testing

/// The listing walk over an in-memory key set, checked against a direct computation.
@Suite("Object listing")
struct ObjectListingTests {
    static let keys = ["a", "a-", "a/b", "a/c/d", "a/c/e", "b", "photos/2024/x.jpg", "photos/2025/y.jpg", "photos/z", "é", "~", "Z"]

    /// A source that serves sorted keys from memory, like the store's range query.
    static func source(_ keys: [String]) -> (ObjectListing.Cursor?, [UInt8], Int) async throws -> [ObjectListing.Entry] {
        let sorted = keys.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        return { cursor, prefix, limit in
            sorted.filter { key in
                guard key.starts(with: prefix) else { return false }
                switch cursor {
                case .after(let bytes): return bytes.lexicographicallyPrecedes(key)
                case .from(let bytes): return !key.lexicographicallyPrecedes(bytes)
                case nil: return true
                }
            }.prefix(limit).map { .init(key: $0, size: 1, etag: "e", lastModified: 0, storageClass: "STANDARD") }
        }
    }

    static func page(prefix: String = "", delimiter: String? = nil, marker: String? = nil, maxKeys: Int = 1000) async throws -> ObjectListing {
        try await ObjectListing.page(
            .init(prefix: Array(prefix.utf8), delimiter: delimiter.map { Array($0.utf8) }, marker: marker.map { Array($0.utf8) }, maxKeys: maxKeys),
            fetch: source(keys)
        )
    }

    @Test("Keys come back in UTF-8 byte order")
    func byteOrder() async throws {
        let listing = try await Self.page()
        let keys = listing.contents.map { String(decoding: $0.key, as: UTF8.self) }
        #expect(keys == ["Z", "a", "a-", "a/b", "a/c/d", "a/c/e", "b", "photos/2024/x.jpg", "photos/2025/y.jpg", "photos/z", "~", "é"])
        #expect(!listing.isTruncated)
    }

    @Test("A delimiter rolls keys up into common prefixes")
    func commonPrefixes() async throws {
        let listing = try await Self.page(delimiter: "/")
        #expect(listing.commonPrefixes.map { String(decoding: $0, as: UTF8.self) } == ["a/", "photos/"])
        #expect(listing.contents.count == 6)

        let nested = try await Self.page(prefix: "photos/", delimiter: "/")
        #expect(nested.commonPrefixes.map { String(decoding: $0, as: UTF8.self) } == ["photos/2024/", "photos/2025/"])
        #expect(nested.contents.map { String(decoding: $0.key, as: UTF8.self) } == ["photos/z"])
    }

    @Test("Paging by any page size returns every key and prefix exactly once", arguments: [1, 2, 3, 5, 1000])
    func paging(pageSize: Int) async throws {
        for delimiter in [nil, "/"] as [String?] {
            var seen: [String] = []
            var marker: String?
            while true {
                let listing = try await Self.page(delimiter: delimiter, marker: marker, maxKeys: pageSize)
                seen += listing.contents.map { String(decoding: $0.key, as: UTF8.self) }
                seen += listing.commonPrefixes.map { String(decoding: $0, as: UTF8.self) }
                #expect(listing.count <= pageSize)
                guard listing.isTruncated else { break }
                marker = String(decoding: listing.lastReturned!, as: UTF8.self)
            }
            let everything = try await Self.page(delimiter: delimiter)
            let expected = everything.contents.map { String(decoding: $0.key, as: UTF8.self) }
                + everything.commonPrefixes.map { String(decoding: $0, as: UTF8.self) }
            #expect(seen.sorted() == expected.sorted())
            #expect(Set(seen).count == seen.count)
        }
    }

    @Test("max-keys 0 returns nothing and is not truncated")
    func zeroKeys() async throws {
        let listing = try await Self.page(maxKeys: 0)
        #expect(listing.count == 0 && !listing.isTruncated)
    }

    @Test("A marker equal to a common prefix skips that prefix")
    func markerSkipsPrefix() async throws {
        let listing = try await Self.page(delimiter: "/", marker: "a/")
        #expect(!listing.commonPrefixes.contains(Array("a/".utf8)))
        #expect(listing.contents.first.map { String(decoding: $0.key, as: UTF8.self) } == "a-" || listing.contents.first.map { String(decoding: $0.key, as: UTF8.self) } == "b")
    }

    @Test("Successor of a prefix bounds every key that starts with it")
    func successor() {
        #expect(ObjectListing.successor(of: Array("a/".utf8)) == Array("a0".utf8))
        #expect(ObjectListing.successor(of: [0x61, 0xFF]) == [0x62])
    }
}
