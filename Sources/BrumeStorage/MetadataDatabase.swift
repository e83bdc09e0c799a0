public import Foundation
public import GRDB

/// One service's SQLite database: WAL journal, `synchronous=NORMAL`, one writer.
///
/// In WAL mode a committed transaction is in the log before `write` returns, so a process
/// killed with `kill -9` keeps it; `synchronous=NORMAL` only gives up durability across a
/// power loss, which is the trade every local emulator makes for speed.
public final class MetadataDatabase: Sendable {
    /// The pool: concurrent readers, one serialized writer.
    public let pool: DatabasePool

    /// Opens (creating it) the database at `url` and runs `migrator`.
    public init(url: URL, migrator: DatabaseMigrator) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: url.path, configuration: configuration)
        try migrator.migrate(pool)
    }

    /// Runs `updates` in a write transaction.
    public func write<T: Sendable>(_ updates: @Sendable @escaping (Database) throws -> T) async throws -> T {
        try await pool.write(updates)
    }

    /// Runs a single-statement lookup on the calling thread, outside a transaction.
    ///
    /// For the hot read paths (an object's row on GET): one SELECT is atomic on its own, and a
    /// read of a few microseconds costs less than the two thread hops of ``read(_:)``.
    public func lookup<T>(_ value: (Database) throws -> T) throws -> T {
        try pool.unsafeRead(value)
    }

    /// Runs `value` on a read-only snapshot.
    public func read<T: Sendable>(_ value: @Sendable @escaping (Database) throws -> T) async throws -> T {
        try await pool.read(value)
    }
}
