import BrumeStorage
import Foundation
import GRDB

/// S3's state: bucket and object metadata in SQLite, bodies in the ``BlobStore``.
///
/// Every change is one SQLite transaction that only references blobs already committed to
/// disk, so a crash at any point leaves either the old object or the new one. Blobs that a
/// change stops referencing are returned to the caller and unlinked after the commit.
final class S3Store: Sendable {
    let database: MetadataDatabase
    let blobs: BlobStore

    init(folder: URL) throws {
        database = try MetadataDatabase(url: folder.appendingPathComponent("s3.sqlite"), migrator: S3Schema.migrator)
        blobs = try BlobStore(root: folder)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static let decoder = JSONDecoder()

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }

    /// The bucket row, or `NoSuchBucket`.
    static func requireBucket(_ db: Database, _ name: String) throws -> BucketRecord {
        guard let bucket = try fetchBucket(db, name) else { throw S3Error.noSuchBucket(bucket: name) }
        return bucket
    }

    static func fetchBucket(_ db: Database, _ name: String) throws -> BucketRecord? {
        let statement = try db.cachedStatement(sql: "SELECT * FROM buckets WHERE name = ?")
        guard let row = try Row.fetchOne(statement, arguments: [name]) else {
            return nil
        }
        let tags: String? = row["tags"]
        return BucketRecord(
            name: row["name"],
            accountID: row["account"],
            region: row["region"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            tags: try tags.map { try decode([Tag].self, from: $0) }
        )
    }
}

extension Array where Element == UInt8 {
    var data: Data { Data(self) }
}
