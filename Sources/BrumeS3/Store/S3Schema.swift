import GRDB

/// The S3 metadata schema, one migration per change; never edit a shipped migration.
enum S3Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE buckets (
                    name TEXT PRIMARY KEY,
                    account TEXT NOT NULL,
                    region TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    tags TEXT
                );
                -- Keys are BLOBs so that ordering and range scans are by UTF-8 bytes, as S3 lists them.
                CREATE TABLE objects (
                    bucket TEXT NOT NULL,
                    key BLOB NOT NULL,
                    size INTEGER NOT NULL,
                    etag TEXT NOT NULL,
                    last_modified REAL NOT NULL,
                    storage_class TEXT NOT NULL,
                    checksum_algorithm TEXT,
                    checksum_type TEXT,
                    details TEXT NOT NULL,
                    PRIMARY KEY (bucket, key)
                ) WITHOUT ROWID;
                CREATE TABLE uploads (
                    upload_id TEXT PRIMARY KEY,
                    bucket TEXT NOT NULL,
                    key BLOB NOT NULL,
                    initiated REAL NOT NULL,
                    storage_class TEXT NOT NULL,
                    checksum_algorithm TEXT,
                    checksum_type TEXT,
                    details TEXT NOT NULL
                );
                CREATE INDEX uploads_by_key ON uploads (bucket, key, initiated);
                CREATE TABLE parts (
                    upload_id TEXT NOT NULL,
                    part_number INTEGER NOT NULL,
                    blob TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    etag TEXT NOT NULL,
                    last_modified REAL NOT NULL,
                    checksum TEXT,
                    PRIMARY KEY (upload_id, part_number)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2: event notifications") { db in
            try db.execute(sql: """
                CREATE TABLE bucket_notifications (
                    bucket TEXT PRIMARY KEY,
                    configuration TEXT NOT NULL
                );
                -- Events accepted and not yet delivered (failed = 1: given up, kept for /_brume/s3/notifications).
                CREATE TABLE notification_outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    destination TEXT NOT NULL,
                    body TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt REAL NOT NULL,
                    last_error TEXT,
                    failed INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX notification_outbox_due ON notification_outbox (failed, next_attempt);
                """)
        }
        return migrator
    }
}
