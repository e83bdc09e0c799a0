import BrumeStorage
import Foundation
import GRDB

/// The KMS tables: keys (metadata and sealed material as one JSON document each) and aliases.
///
/// Every method is synchronous and commits before it returns: the backend calls it before
/// answering, so an acknowledged key is in the WAL and survives `kill -9`.
final class KMSStore: Sendable {
    let database: MetadataDatabase

    init(folder: URL) throws {
        database = try MetadataDatabase(url: folder.appendingPathComponent("kms.sqlite"), migrator: Self.migrator)
    }

    /// One migration per change; never edit a shipped migration.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE keys (
                    id TEXT PRIMARY KEY NOT NULL,
                    document BLOB NOT NULL
                );
                CREATE TABLE aliases (
                    account TEXT NOT NULL,
                    region TEXT NOT NULL,
                    name TEXT NOT NULL,
                    document BLOB NOT NULL,
                    PRIMARY KEY (account, region, name)
                );
                """)
        }
        return migrator
    }

    func loadKeys() throws -> [KMSKey] {
        try database.pool.read { db in
            try Data.fetchAll(db, sql: "SELECT document FROM keys").map { try JSONDecoder().decode(KMSKey.self, from: $0) }
        }
    }

    func loadAliases() throws -> [KMSAlias] {
        try database.pool.read { db in
            try Data.fetchAll(db, sql: "SELECT document FROM aliases").map { try JSONDecoder().decode(KMSAlias.self, from: $0) }
        }
    }

    func save(_ key: KMSKey) throws {
        let document = try JSONEncoder().encode(key)
        try database.pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO keys (id, document) VALUES (?, ?)", arguments: [key.id, document])
        }
    }

    /// Removes a key and the aliases that point at it, in one transaction.
    func deleteKey(_ key: KMSKey, aliases: [KMSAlias]) throws {
        try database.pool.write { db in
            try db.execute(sql: "DELETE FROM keys WHERE id = ?", arguments: [key.id])
            for alias in aliases {
                try db.execute(
                    sql: "DELETE FROM aliases WHERE account = ? AND region = ? AND name = ?", arguments: [alias.account, alias.region, alias.name]
                )
            }
        }
    }

    func save(_ alias: KMSAlias) throws {
        let document = try JSONEncoder().encode(alias)
        try database.pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO aliases (account, region, name, document) VALUES (?, ?, ?, ?)",
                arguments: [alias.account, alias.region, alias.name, document]
            )
        }
    }

    func delete(_ alias: KMSAlias) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM aliases WHERE account = ? AND region = ? AND name = ?", arguments: [alias.account, alias.region, alias.name]
            )
        }
    }
}
