import BrumeStorage
import Foundation
import GRDB

extension S3Store {
    /// Creates a bucket. Re-creating one's own bucket is `BucketAlreadyOwnedByYou`, except in
    /// us-east-1 where S3 keeps its legacy 200 OK and changes nothing.
    func createBucket(name: String, accountID: String, region: String, tags: [Tag]? = nil, now: Date) async throws {
        try await database.write { db in
            if let existing = try Self.fetchBucket(db, name) {
                guard existing.accountID == accountID else { throw S3Error.bucketAlreadyExists(bucket: name) }
                if region == "us-east-1" && existing.region == "us-east-1" { return }
                throw S3Error.bucketAlreadyOwnedByYou(bucket: name)
            }
            try db.execute(
                sql: "INSERT INTO buckets (name, account, region, created_at, tags) VALUES (?, ?, ?, ?, ?)",
                arguments: [name, accountID, region, now.timeIntervalSince1970, try tags.map(Self.encode)]
            )
        }
    }

    /// Creates a bucket declared in the config unless it exists; declared tags replace stored ones.
    func ensureBucket(name: String, accountID: String, region: String, tags: [Tag], now: Date) async throws {
        try await database.write { db in
            let encodedTags = tags.isEmpty ? nil : try Self.encode(tags)
            if try Self.fetchBucket(db, name) != nil {
                if !tags.isEmpty {
                    try db.execute(sql: "UPDATE buckets SET tags = ? WHERE name = ?", arguments: [encodedTags, name])
                }
                return
            }
            try db.execute(
                sql: "INSERT INTO buckets (name, account, region, created_at, tags) VALUES (?, ?, ?, ?, ?)",
                arguments: [name, accountID, region, now.timeIntervalSince1970, encodedTags]
            )
        }
    }

    func bucket(_ name: String) throws -> BucketRecord {
        try database.lookup { db in try Self.requireBucket(db, name) }
    }

    func buckets(accountID: String) async throws -> [BucketRecord] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT name FROM buckets WHERE account = ? ORDER BY name", arguments: [accountID])
                .compactMap { row in try Self.fetchBucket(db, row["name"]) }
        }
    }

    func allBucketNames() async throws -> [String] {
        try await database.read { db in try String.fetchAll(db, sql: "SELECT name FROM buckets ORDER BY name") }
    }

    /// Deletes an empty bucket; multipart uploads still in progress are aborted with it.
    func deleteBucket(_ name: String) async throws {
        let orphaned = try await database.write { db in
            _ = try Self.requireBucket(db, name)
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM objects WHERE bucket = ?)", arguments: [name]) == true {
                throw S3Error.bucketNotEmpty(bucket: name)
            }
            let blobs = try String.fetchAll(db, sql: """
                SELECT blob FROM parts WHERE upload_id IN (SELECT upload_id FROM uploads WHERE bucket = ?)
                """, arguments: [name])
            try db.execute(sql: "DELETE FROM parts WHERE upload_id IN (SELECT upload_id FROM uploads WHERE bucket = ?)", arguments: [name])
            try db.execute(sql: "DELETE FROM uploads WHERE bucket = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM buckets WHERE name = ?", arguments: [name])
            return blobs
        }
        await blobs.remove(orphaned.compactMap { BlobID(rawValue: $0) })
    }

    /// Replaces (or with nil removes) the bucket's tag set.
    func setBucketTags(_ name: String, tags: [Tag]?) async throws {
        try await database.write { db in
            _ = try Self.requireBucket(db, name)
            try db.execute(sql: "UPDATE buckets SET tags = ? WHERE name = ?", arguments: [try tags.map(Self.encode), name])
        }
    }
}
