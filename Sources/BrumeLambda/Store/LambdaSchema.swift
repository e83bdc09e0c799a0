import GRDB

/// The Lambda schema, one migration per change; never edit a shipped migration.
enum LambdaSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                -- One row per function: what is not per version.
                CREATE TABLE functions (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    tags TEXT NOT NULL,
                    reserved_concurrency INTEGER,
                    last_version INTEGER NOT NULL DEFAULT 0
                );
                -- $LATEST and every published version: the configuration as JSON.
                CREATE TABLE function_versions (
                    name TEXT NOT NULL REFERENCES functions(name) ON DELETE CASCADE,
                    version TEXT NOT NULL,
                    record BLOB NOT NULL,
                    PRIMARY KEY (name, version)
                );
                """)
        }
        migrator.registerMigration("v2: asynchronous invokes") { db in
            try db.execute(sql: """
                -- PutFunctionEventInvokeConfig: per function and qualifier ('' for unqualified).
                CREATE TABLE event_invoke_configs (
                    name TEXT NOT NULL,
                    qualifier TEXT NOT NULL,
                    config BLOB NOT NULL,
                    PRIMARY KEY (name, qualifier)
                );
                -- Event invokes accepted and not yet finished (succeeded, or failed for good).
                CREATE TABLE async_invocations (
                    request_id TEXT PRIMARY KEY,
                    record BLOB NOT NULL
                );
                """)
        }
        migrator.registerMigration("v3: event source mappings") { db in
            try db.execute(sql: """
                CREATE TABLE event_source_mappings (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    uuid TEXT NOT NULL UNIQUE,
                    record BLOB NOT NULL
                );
                """)
        }
        migrator.registerMigration("v4: aliases") { db in
            try db.execute(sql: """
                CREATE TABLE aliases (
                    function_name TEXT NOT NULL,
                    name TEXT NOT NULL,
                    record BLOB NOT NULL,
                    PRIMARY KEY (function_name, name)
                );
                """)
        }
        return migrator
    }
}
