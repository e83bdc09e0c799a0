import GRDB

/// The CloudWatch Logs schema, one migration per change; never edit a shipped migration.
enum LogsSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE log_groups (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    account TEXT NOT NULL,
                    region TEXT NOT NULL,
                    name TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    retention_days INTEGER,
                    kms_key_id TEXT,
                    log_group_class TEXT NOT NULL,
                    tags TEXT NOT NULL,
                    stored_bytes INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (account, region, name)
                );
                CREATE TABLE log_streams (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    group_id INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    first_event INTEGER,
                    last_event INTEGER,
                    last_ingestion INTEGER,
                    uploads INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (group_id, name)
                );
                -- seq is unique across the service and grows with arrival, so (timestamp, seq)
                -- orders events the way GetLogEvents and FilterLogEvents read them.
                CREATE TABLE log_events (
                    group_id INTEGER NOT NULL,
                    stream_id INTEGER NOT NULL,
                    timestamp INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    ingestion_time INTEGER NOT NULL,
                    message TEXT NOT NULL,
                    PRIMARY KEY (group_id, stream_id, timestamp, seq)
                ) WITHOUT ROWID;
                -- FilterLogEvents reads a whole group interleaved by time.
                CREATE INDEX log_events_by_group ON log_events (group_id, timestamp, seq);
                """)
        }
        return migrator
    }
}
