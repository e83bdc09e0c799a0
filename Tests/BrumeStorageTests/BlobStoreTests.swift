import BrumeStorage
import Foundation
import Testing

@Suite("Blob store")
struct BlobStoreTests {
    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("blobs-\(UUID().uuidString)")
    }

    static func read(_ store: BlobStore, _ id: BlobID, count: Int) throws -> [UInt8] {
        let file = try store.open(id)
        var bytes = [UInt8](repeating: 0, count: count)
        let read = try bytes.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
        return Array(bytes.prefix(read))
    }

    @Test("A committed blob reads back its bytes")
    func commitAndRead() async throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try BlobStore(root: root)
        let writer = try store.makeWriter()
        try Array("hello ".utf8).withUnsafeBytes { try writer.write($0) }
        try Array("world".utf8).withUnsafeBytes { try writer.write($0) }
        try await writer.commit()
        #expect(try Self.read(store, writer.id, count: 64) == Array("hello world".utf8))
        #expect(try store.size(of: writer.id) == 11)
    }

    @Test("An aborted or abandoned blob leaves nothing behind")
    func abortLeavesNothing() throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try BlobStore(root: root)
        let writer = try store.makeWriter()
        try [1, 2, 3].withUnsafeBytes { try writer.write($0) }
        writer.abort()
        #expect(throws: BlobStoreError.self) { try store.open(writer.id) }
        let temporary = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("tmp").path)
        #expect(temporary.isEmpty)
    }

    @Test("Files left in tmp by a crash are cleared when the store opens")
    func crashLeftoversCleared() throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try BlobStore(root: root)
        let leftover = root.appendingPathComponent("tmp/partial")
        #expect(FileManager.default.createFile(atPath: leftover.path, contents: Data([1, 2, 3])))
        _ = try BlobStore(root: root)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
    }

    @Test("A duplicate shares the bytes and outlives the original's removal")
    func duplicateAndRemove() async throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try BlobStore(root: root)
        let writer = try store.makeWriter()
        try Array("shared".utf8).withUnsafeBytes { try writer.write($0) }
        try await writer.commit()
        let copy = try await store.duplicate(writer.id)
        await store.remove([writer.id])
        #expect(throws: BlobStoreError.self) { try store.open(writer.id) }
        #expect(try Self.read(store, copy, count: 16) == Array("shared".utf8))
    }

    @Test("An open blob stays readable after it is removed")
    func readAfterUnlink() async throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try BlobStore(root: root)
        let writer = try store.makeWriter()
        try Array("still here".utf8).withUnsafeBytes { try writer.write($0) }
        try await writer.commit()
        let file = try store.open(writer.id)
        await store.remove([writer.id])
        var bytes = [UInt8](repeating: 0, count: 10)
        _ = try bytes.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
        #expect(bytes == Array("still here".utf8))
    }

    @Test("Blob ids never name a path")
    func blobIDs() {
        #expect(BlobID(rawValue: "../../etc/passwd") == nil)
        #expect(BlobID(rawValue: String(repeating: "a", count: 32)) != nil)
    }
}

@Suite("Metadata database")
struct MetadataDatabaseTests {
    @Test("Opens in WAL mode with synchronous=NORMAL and runs migrations once")
    func walAndMigrations() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in try db.execute(sql: "CREATE TABLE t (v INTEGER)") }
        let url = folder.appendingPathComponent("test.sqlite")
        let database = try MetadataDatabase(url: url, migrator: migrator)
        try await database.write { db in try db.execute(sql: "INSERT INTO t VALUES (42)") }
        let mode = try await database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        let synchronous = try await database.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(mode == "wal")
        #expect(synchronous == 1)
        let reopened = try MetadataDatabase(url: url, migrator: migrator)
        #expect(try await reopened.read { db in try Int.fetchOne(db, sql: "SELECT v FROM t") } == 42)
    }
}

import GRDB
