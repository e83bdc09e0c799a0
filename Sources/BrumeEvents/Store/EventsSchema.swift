import GRDB

/// The EventBridge schema, one migration per change; never edit a shipped migration.
enum EventsSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                -- Custom buses; each account and region's default bus is implicit.
                CREATE TABLE event_buses (
                    account TEXT NOT NULL,
                    region TEXT NOT NULL,
                    name TEXT NOT NULL,
                    record TEXT NOT NULL,
                    PRIMARY KEY (account, region, name)
                ) WITHOUT ROWID;
                -- A rule with its targets, as one JSON document.
                CREATE TABLE rules (
                    account TEXT NOT NULL,
                    region TEXT NOT NULL,
                    bus TEXT NOT NULL,
                    name TEXT NOT NULL,
                    record TEXT NOT NULL,
                    PRIMARY KEY (account, region, bus, name)
                ) WITHOUT ROWID;
                -- Events PutEvents accepted and no rule has been matched against yet.
                CREATE TABLE event_outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    account TEXT NOT NULL,
                    region TEXT NOT NULL,
                    bus TEXT NOT NULL,
                    event TEXT NOT NULL,
                    received_at REAL NOT NULL
                );
                -- One matched event for one target, until it is delivered. state: pending (to the
                -- target), dead-letter (to the target's dead-letter queue), failed (given up, kept).
                CREATE TABLE deliveries (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    event_id TEXT NOT NULL,
                    event TEXT NOT NULL,
                    rule_arn TEXT NOT NULL,
                    target_id TEXT NOT NULL,
                    target_arn TEXT NOT NULL,
                    input TEXT NOT NULL,
                    message_group_id TEXT,
                    dead_letter_arn TEXT,
                    max_retry_attempts INTEGER NOT NULL,
                    max_event_age REAL NOT NULL,
                    received_at REAL NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    dead_letter_attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt REAL NOT NULL,
                    state TEXT NOT NULL DEFAULT 'pending',
                    last_error_code TEXT,
                    last_error TEXT,
                    exhausted_condition TEXT
                );
                CREATE INDEX deliveries_due ON deliveries (state, next_attempt);
                """)
        }
        return migrator
    }
}
