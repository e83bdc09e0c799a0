import BrumeStorage
import Foundation
import GRDB

/// The Lambda tables: functions, their versions, tags and concurrency.
///
/// Every method is synchronous: the backend actor calls it before answering, so a change is in
/// the WAL before the client hears of it.
final class LambdaStore: Sendable {
    let database: MetadataDatabase

    init(folder: URL) throws {
        database = try MetadataDatabase(url: folder.appendingPathComponent("lambda.sqlite"), migrator: LambdaSchema.migrator)
    }

    /// Writes a function's shared settings and the given versions in one transaction.
    func save(_ function: StoredFunction, versions: [FunctionRecord]) throws {
        let tags = try Self.encode(function.tags)
        let records = try versions.map { ($0.version, try JSONEncoder().encode($0)) }
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO functions (name, tags, reserved_concurrency, last_version) VALUES (?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET tags = excluded.tags, reserved_concurrency = excluded.reserved_concurrency,
                        last_version = excluded.last_version
                    """,
                arguments: [function.name, tags, function.reservedConcurrency, function.lastVersion]
            )
            for (version, record) in records {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO function_versions (name, version, record) VALUES (?, ?, ?)",
                    arguments: [function.name, version, record]
                )
            }
        }
    }

    /// Deletes one published version, or the whole function when `version` is nil.
    func delete(_ name: String, version: String? = nil) throws {
        try database.pool.write { db in
            if let version {
                try db.execute(sql: "DELETE FROM function_versions WHERE name = ? AND version = ?", arguments: [name, version])
            } else {
                try db.execute(sql: "DELETE FROM function_versions WHERE name = ?", arguments: [name])
                try db.execute(sql: "DELETE FROM event_invoke_configs WHERE name = ?", arguments: [name])
                try db.execute(sql: "DELETE FROM aliases WHERE function_name = ?", arguments: [name])
                try db.execute(sql: "DELETE FROM functions WHERE name = ?", arguments: [name])
            }
        }
    }

    /// Every function in creation order, with its versions.
    func load() throws -> [(StoredFunction, [FunctionRecord])] {
        try database.pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM functions ORDER BY seq")
            return try rows.map { row in
                let name: String = row["name"]
                let function = StoredFunction(
                    name: name, tags: try Self.decode(row["tags"]), reservedConcurrency: row["reserved_concurrency"],
                    lastVersion: row["last_version"]
                )
                let versions = try Row.fetchAll(db, sql: "SELECT record FROM function_versions WHERE name = ?", arguments: [name])
                    .map { try JSONDecoder().decode(FunctionRecord.self, from: $0["record"] as Data) }
                return (function, versions)
            }
        }
    }

    // MARK: Asynchronous invokes

    func saveEventInvokeConfig(_ config: EventInvokeConfig?, name: String, qualifier: String) throws {
        let data = try config.map { try JSONEncoder().encode($0) }
        try database.pool.write { db in
            if let data {
                try db.execute(sql: "INSERT OR REPLACE INTO event_invoke_configs (name, qualifier, config) VALUES (?, ?, ?)",
                               arguments: [name, qualifier, data])
            } else {
                try db.execute(sql: "DELETE FROM event_invoke_configs WHERE name = ? AND qualifier = ?", arguments: [name, qualifier])
            }
        }
    }

    /// Every event invoke config: function name → qualifier → config.
    func loadEventInvokeConfigs() throws -> [String: [String: EventInvokeConfig]] {
        try database.pool.read { db in
            var configs: [String: [String: EventInvokeConfig]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM event_invoke_configs") {
                configs[row["name"], default: [:]][row["qualifier"]] = try JSONDecoder().decode(EventInvokeConfig.self, from: row["config"] as Data)
            }
            return configs
        }
    }

    /// Writes (or rewrites, after an attempt) an asynchronous invocation.
    func saveAsyncInvocation(_ invocation: AsyncInvocation) throws {
        let data = try JSONEncoder().encode(invocation)
        try database.pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO async_invocations (request_id, record) VALUES (?, ?)",
                           arguments: [invocation.requestID, data])
        }
    }

    func deleteAsyncInvocation(_ requestID: String) throws {
        try database.pool.write { db in
            try db.execute(sql: "DELETE FROM async_invocations WHERE request_id = ?", arguments: [requestID])
        }
    }

    func loadAsyncInvocations() throws -> [AsyncInvocation] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT record FROM async_invocations").map {
                try JSONDecoder().decode(AsyncInvocation.self, from: $0["record"] as Data)
            }
        }
    }

    // MARK: Aliases

    func saveAlias(_ alias: AliasRecord) throws {
        let data = try JSONEncoder().encode(alias)
        try database.pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO aliases (function_name, name, record) VALUES (?, ?, ?)",
                           arguments: [alias.functionName, alias.name, data])
        }
    }

    func deleteAlias(function: String, name: String) throws {
        try database.pool.write { db in
            try db.execute(sql: "DELETE FROM aliases WHERE function_name = ? AND name = ?", arguments: [function, name])
        }
    }

    func loadAliases() throws -> [AliasRecord] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT record FROM aliases").map { try JSONDecoder().decode(AliasRecord.self, from: $0["record"] as Data) }
        }
    }

    // MARK: Event source mappings

    func saveMapping(_ mapping: EventSourceMapping) throws {
        let data = try JSONEncoder().encode(mapping)
        try database.pool.write { db in
            try db.execute(sql: "INSERT INTO event_source_mappings (uuid, record) VALUES (?, ?) ON CONFLICT (uuid) DO UPDATE SET record = excluded.record",
                           arguments: [mapping.uuid, data])
        }
    }

    func deleteMapping(_ uuid: String) throws {
        try database.pool.write { db in
            try db.execute(sql: "DELETE FROM event_source_mappings WHERE uuid = ?", arguments: [uuid])
        }
    }

    /// Every mapping in creation order.
    func loadMappings() throws -> [EventSourceMapping] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT record FROM event_source_mappings ORDER BY seq").map {
                try JSONDecoder().decode(EventSourceMapping.self, from: $0["record"] as Data)
            }
        }
    }

    private static func encode(_ tags: [String: String]) throws -> String {
        String(decoding: try JSONEncoder().encode(tags), as: UTF8.self)
    }

    private static func decode(_ text: String) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }
}

/// What a function has beside its versions.
struct StoredFunction: Sendable, Equatable {
    var name: String
    var tags: [String: String]
    var reservedConcurrency: Int?
    /// The last published version number; versions are never reused, even after deletion.
    var lastVersion: Int
}
