import BrumeStorage
import Foundation
import GRDB

extension S3Store {
    func createUpload(_ upload: UploadRecord) async throws {
        try await database.write { db in
            _ = try Self.requireBucket(db, upload.bucket)
            try db.execute(
                sql: """
                    INSERT INTO uploads (upload_id, bucket, key, initiated, storage_class, checksum_algorithm, checksum_type, details)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    upload.uploadID, upload.bucket, Data(upload.key.utf8), upload.initiated.timeIntervalSince1970,
                    upload.storageClass, upload.checksumAlgorithm, upload.checksumType, upload.details.encoded(),
                ]
            )
        }
    }

    /// The upload, checked against the bucket and key it was created for.
    func upload(bucket: String, key: String, uploadID: String) async throws -> UploadRecord {
        try await database.read { db in try Self.requireUpload(db, bucket: bucket, key: key, uploadID: uploadID) }
    }

    /// Stores a part, replacing an earlier upload of the same part number.
    func putPart(bucket: String, key: String, uploadID: String, part: PartRecord) async throws {
        let replaced = try await database.write { db -> [BlobID] in
            _ = try Self.requireUpload(db, bucket: bucket, key: key, uploadID: uploadID)
            let old = try String.fetchOne(
                db, sql: "SELECT blob FROM parts WHERE upload_id = ? AND part_number = ?", arguments: [uploadID, part.partNumber]
            )
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO parts (upload_id, part_number, blob, size, etag, last_modified, checksum)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    uploadID, part.partNumber, part.blob.rawValue, part.size, part.etag,
                    part.lastModified.timeIntervalSince1970, part.checksum,
                ]
            )
            return old.flatMap(BlobID.init(rawValue:)).map { [$0] } ?? []
        }
        await blobs.remove(replaced)
    }

    /// Parts with numbers greater than `marker`, at most `limit` of them.
    func parts(uploadID: String, after marker: Int = 0, limit: Int = 10_001) async throws -> [PartRecord] {
        try await database.read { db in try Self.fetchParts(db, uploadID: uploadID, after: marker, limit: limit) }
    }

    /// Uploads in a bucket with keys under `prefix`, ordered by key then initiation time.
    func uploads(bucket: String, prefix: String) async throws -> [UploadRecord] {
        try await database.read { db in
            _ = try Self.requireBucket(db, bucket)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM uploads WHERE bucket = ? ORDER BY key, initiated, upload_id", arguments: [bucket]
            ).map(Self.uploadRecord).filter { $0.key.hasPrefix(prefix) }
        }
    }

    /// Turns an upload into an object in one transaction: the object takes the listed parts'
    /// blobs as its segments; unlisted parts and any replaced object are unlinked afterwards.
    func completeUpload(_ upload: UploadRecord, object: ObjectRecord, usedParts: [PartRecord], condition: WriteCondition) async throws {
        let unused = try await database.write { db -> [BlobID] in
            _ = try Self.requireUpload(db, bucket: upload.bucket, key: upload.key, uploadID: upload.uploadID)
            let stored = try Self.fetchParts(db, uploadID: upload.uploadID, after: 0, limit: 10_001)
            let storedByNumber = Dictionary(uniqueKeysWithValues: stored.map { ($0.partNumber, $0) })
            for part in usedParts where storedByNumber[part.partNumber]?.blob != part.blob {
                // A part was re-uploaded while this request was assembling the object.
                throw S3Error.conditionalRequestConflict
            }
            let current = try Self.fetchObject(db, bucket: upload.bucket, key: upload.key)
            try condition.check(current: current)
            try Self.insert(db, object)
            try db.execute(sql: "DELETE FROM parts WHERE upload_id = ?", arguments: [upload.uploadID])
            try db.execute(sql: "DELETE FROM uploads WHERE upload_id = ?", arguments: [upload.uploadID])
            let used = Set(usedParts.map(\.blob))
            return stored.map(\.blob).filter { !used.contains($0) } + (current?.details.segments.map(\.blob) ?? [])
        }
        await blobs.remove(unused)
    }

    func abortUpload(bucket: String, key: String, uploadID: String) async throws {
        let removed = try await database.write { db -> [BlobID] in
            _ = try Self.requireUpload(db, bucket: bucket, key: key, uploadID: uploadID)
            let blobs = try Self.fetchParts(db, uploadID: uploadID, after: 0, limit: 10_001).map(\.blob)
            try db.execute(sql: "DELETE FROM parts WHERE upload_id = ?", arguments: [uploadID])
            try db.execute(sql: "DELETE FROM uploads WHERE upload_id = ?", arguments: [uploadID])
            return blobs
        }
        await blobs.remove(removed)
    }

    // MARK: - Rows

    static func requireUpload(_ db: Database, bucket: String, key: String, uploadID: String) throws -> UploadRecord {
        _ = try requireBucket(db, bucket)
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM uploads WHERE upload_id = ?", arguments: [uploadID]) else {
            throw S3Error.noSuchUpload(uploadID: uploadID)
        }
        let upload = try uploadRecord(row)
        guard upload.bucket == bucket, upload.key == key else { throw S3Error.noSuchUpload(uploadID: uploadID) }
        return upload
    }

    static func uploadRecord(_ row: Row) throws -> UploadRecord {
        let key: Data = row["key"]
        return UploadRecord(
            uploadID: row["upload_id"],
            bucket: row["bucket"],
            key: String(decoding: key, as: UTF8.self),
            initiated: Date(timeIntervalSince1970: row["initiated"]),
            storageClass: row["storage_class"],
            details: try ObjectDetails(encoded: row["details"]),
            checksumAlgorithm: row["checksum_algorithm"],
            checksumType: row["checksum_type"]
        )
    }

    static func fetchParts(_ db: Database, uploadID: String, after marker: Int, limit: Int) throws -> [PartRecord] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?",
            arguments: [uploadID, marker, limit]
        ).map { row in
            PartRecord(
                partNumber: row["part_number"],
                blob: BlobID(rawValue: row["blob"])!,
                size: row["size"],
                etag: row["etag"],
                lastModified: Date(timeIntervalSince1970: row["last_modified"]),
                checksum: row["checksum"]
            )
        }
    }
}
