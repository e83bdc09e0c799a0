import BrumeStorage
import Foundation
import GRDB

/// A condition a write must meet at commit time (`If-None-Match: *`, `If-Match`).
struct WriteCondition: Sendable, Equatable {
    var ifNoneMatch: String?
    var ifMatch: String?

    var isEmpty: Bool { ifNoneMatch == nil && ifMatch == nil }

    /// Checks the condition against the current object, inside the writing transaction.
    func check(current: ObjectRecord?) throws {
        if let ifNoneMatch {
            // S3 accepts only `*` here: fail when any object exists.
            if current != nil, ifNoneMatch.trimmingCharacters(in: .whitespaces) == "*" {
                throw S3Error.preconditionFailed(condition: "If-None-Match")
            }
        }
        if let ifMatch {
            guard let current else { throw S3Error.noSuchKey(key: "") }
            if !ObjectConditions.matches(ifMatch, etag: current.etag) {
                throw S3Error.preconditionFailed(condition: "If-Match")
            }
        }
    }
}

extension S3Store {
    /// Stores `object`, replacing any object with its key, after checking `condition` in the
    /// same transaction. The replaced object's blobs are unlinked after the commit.
    func putObject(_ object: ObjectRecord, condition: WriteCondition = WriteCondition()) async throws {
        let replaced = try await database.write { db -> [BlobID] in
            _ = try Self.requireBucket(db, object.bucket)
            let current = try Self.fetchObject(db, bucket: object.bucket, key: object.key)
            do {
                try condition.check(current: current)
            } catch S3Error.noSuchKey {
                throw S3Error.noSuchKey(key: object.key)
            }
            try Self.insert(db, object)
            return current?.details.segments.map(\.blob) ?? []
        }
        await blobs.remove(replaced)
    }

    /// The object at `key`; `NoSuchBucket` or `NoSuchKey` when absent.
    func object(bucket: String, key: String) throws -> ObjectRecord {
        if let object = try database.lookup({ db in try Self.fetchObject(db, bucket: bucket, key: key) }) {
            return object
        }
        _ = try self.bucket(bucket)
        throw S3Error.noSuchKey(key: key)
    }

    /// Deletes `key`; deleting a missing key succeeds, as in S3.
    func deleteObject(bucket: String, key: String, condition: WriteCondition = WriteCondition()) async throws {
        let removed = try await database.write { db -> [BlobID] in
            _ = try Self.requireBucket(db, bucket)
            guard let current = try Self.fetchObject(db, bucket: bucket, key: key) else {
                if condition.ifMatch != nil { throw S3Error.noSuchKey(key: key) }
                return []
            }
            try condition.check(current: current)
            try db.execute(sql: "DELETE FROM objects WHERE bucket = ? AND key = ?", arguments: [bucket, Data(key.utf8)])
            return current.details.segments.map(\.blob)
        }
        await blobs.remove(removed)
    }

    /// Deletes several keys in one transaction; missing keys count as deleted.
    func deleteObjects(bucket: String, keys: [String]) async throws {
        let removed = try await database.write { db -> [BlobID] in
            _ = try Self.requireBucket(db, bucket)
            var removed: [BlobID] = []
            for key in keys {
                guard let current = try Self.fetchObject(db, bucket: bucket, key: key) else { continue }
                try db.execute(sql: "DELETE FROM objects WHERE bucket = ? AND key = ?", arguments: [bucket, Data(key.utf8)])
                removed += current.details.segments.map(\.blob)
            }
            return removed
        }
        await blobs.remove(removed)
    }

    /// Replaces an object's tag set without touching anything else (tagging keeps Last-Modified).
    func setObjectTags(bucket: String, key: String, tags: [Tag]) async throws {
        try await database.write { db in
            guard var object = try Self.fetchObject(db, bucket: bucket, key: key) else {
                _ = try Self.requireBucket(db, bucket)
                throw S3Error.noSuchKey(key: key)
            }
            object.details.tags = tags
            try db.execute(
                sql: "UPDATE objects SET details = ? WHERE bucket = ? AND key = ?",
                arguments: [object.details.encoded(), bucket, Data(key.utf8)]
            )
        }
    }

    /// Up to `limit` listing entries with keys under `prefix`, from `cursor`, in byte order.
    func listEntries(bucket: String, cursor: ObjectListing.Cursor?, prefix: [UInt8], limit: Int) async throws -> [ObjectListing.Entry] {
        try await database.read { db in
            var sql = "SELECT key, size, etag, last_modified, storage_class, checksum_algorithm, checksum_type FROM objects WHERE bucket = ?"
            var arguments: StatementArguments = [bucket]
            switch cursor {
            case .after(let bytes): sql += " AND key > ?"; arguments += [bytes.data]
            case .from(let bytes): sql += " AND key >= ?"; arguments += [bytes.data]
            case nil: break
            }
            if !prefix.isEmpty {
                sql += " AND key >= ?"
                arguments += [prefix.data]
                let upper = ObjectListing.successor(of: prefix)
                if upper.count <= prefix.count {
                    sql += " AND key < ?"
                    arguments += [upper.data]
                }
            }
            sql += " ORDER BY key LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let key: Data = row["key"]
                return ObjectListing.Entry(
                    key: Array(key), size: row["size"], etag: row["etag"], lastModified: row["last_modified"],
                    storageClass: row["storage_class"], checksumAlgorithm: row["checksum_algorithm"],
                    checksumType: row["checksum_type"]
                )
            }
        }
    }

    // MARK: - Rows

    static func fetchObject(_ db: Database, bucket: String, key: String) throws -> ObjectRecord? {
        let statement = try db.cachedStatement(sql: "SELECT * FROM objects WHERE bucket = ? AND key = ?")
        guard let row = try Row.fetchOne(statement, arguments: [bucket, Data(key.utf8)]) else { return nil }
        return ObjectRecord(
            bucket: bucket,
            key: key,
            size: row["size"],
            etag: row["etag"],
            lastModified: Date(timeIntervalSince1970: row["last_modified"]),
            storageClass: row["storage_class"],
            details: try ObjectDetails(encoded: row["details"])
        )
    }

    static func insert(_ db: Database, _ object: ObjectRecord) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO objects
                (bucket, key, size, etag, last_modified, storage_class, checksum_algorithm, checksum_type, details)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(
            arguments: [
                object.bucket, Data(object.key.utf8), object.size, object.etag, object.lastModified.timeIntervalSince1970,
                object.storageClass, object.details.checksum?.algorithm, object.details.checksum?.type,
                object.details.encoded(),
            ]
        )
    }
}
