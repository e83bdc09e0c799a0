import GRDB

/// The SQS schema, one migration per change; never edit a shipped migration.
enum SQSSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                -- AUTOINCREMENT so a recreated queue never reuses an id, which keeps receipt handles
                -- of a deleted queue invalid.
                CREATE TABLE queues (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    account TEXT NOT NULL,
                    region TEXT NOT NULL,
                    name TEXT NOT NULL,
                    attributes TEXT NOT NULL,
                    tags TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    modified_at INTEGER NOT NULL,
                    purged_at INTEGER,
                    UNIQUE (account, region, name)
                );
                CREATE TABLE messages (
                    queue_id INTEGER NOT NULL,
                    sequence INTEGER NOT NULL,
                    message_id TEXT NOT NULL,
                    body TEXT NOT NULL,
                    md5_of_body TEXT NOT NULL,
                    attributes TEXT,
                    md5_of_attributes TEXT,
                    system_attributes TEXT,
                    md5_of_system_attributes TEXT,
                    sender_id TEXT NOT NULL,
                    sent_at INTEGER NOT NULL,
                    group_id TEXT,
                    deduplication_id TEXT,
                    sequence_number TEXT,
                    dead_letter_source TEXT,
                    visible_at INTEGER NOT NULL,
                    receive_count INTEGER NOT NULL,
                    first_received_at INTEGER,
                    receipt_token TEXT,
                    PRIMARY KEY (queue_id, sequence)
                ) WITHOUT ROWID;
                CREATE TABLE deduplication (
                    queue_id INTEGER NOT NULL,
                    scope TEXT NOT NULL,
                    deduplication_id TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    sequence_number TEXT,
                    expires_at INTEGER NOT NULL,
                    PRIMARY KEY (queue_id, scope, deduplication_id)
                ) WITHOUT ROWID;
                CREATE TABLE deleted_queues (
                    account TEXT NOT NULL,
                    region TEXT NOT NULL,
                    name TEXT NOT NULL,
                    deleted_at INTEGER NOT NULL,
                    PRIMARY KEY (account, region, name)
                ) WITHOUT ROWID;
                CREATE TABLE move_tasks (
                    task_handle TEXT PRIMARY KEY,
                    source_arn TEXT NOT NULL,
                    destination_arn TEXT,
                    max_per_second INTEGER,
                    status TEXT NOT NULL,
                    moved INTEGER NOT NULL,
                    to_move INTEGER NOT NULL,
                    started_at INTEGER NOT NULL,
                    failure_reason TEXT
                );
                """)
        }
        return migrator
    }
}
