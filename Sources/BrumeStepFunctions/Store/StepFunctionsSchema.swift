import GRDB

/// The Step Functions schema, one migration per change; never edit a shipped migration.
enum StepFunctionsSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE state_machines (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    arn TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    definition TEXT NOT NULL,
                    role_arn TEXT NOT NULL,
                    logging TEXT NOT NULL,
                    tracing TEXT NOT NULL,
                    tags TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL,
                    revision_id TEXT
                );
                -- STANDARD executions only: EXPRESS executions live in memory, as AWS keeps no
                -- history for them either.
                CREATE TABLE executions (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    arn TEXT NOT NULL UNIQUE,
                    state_machine_arn TEXT NOT NULL,
                    name TEXT NOT NULL,
                    status TEXT NOT NULL,
                    input TEXT NOT NULL,
                    output TEXT,
                    error TEXT,
                    cause TEXT,
                    start_date REAL NOT NULL,
                    stop_date REAL,
                    definition TEXT NOT NULL,
                    role_arn TEXT NOT NULL,
                    state_machine_updated REAL NOT NULL
                );
                CREATE INDEX executions_by_machine ON executions (state_machine_arn, seq);
                CREATE TABLE history (
                    execution_arn TEXT NOT NULL,
                    id INTEGER NOT NULL,
                    previous_id INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    timestamp REAL NOT NULL,
                    details_name TEXT,
                    details TEXT,
                    PRIMARY KEY (execution_arn, id)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2") { db in
            // Distributed Map: Map Runs, and their child executions (of either type) beside the
            // STANDARD executions, so ListExecutions by map run and DescribeExecution find them.
            try db.execute(sql: """
                ALTER TABLE executions ADD COLUMN type TEXT NOT NULL DEFAULT 'STANDARD';
                ALTER TABLE executions ADD COLUMN map_run_arn TEXT;
                CREATE INDEX executions_by_map_run ON executions (map_run_arn, seq);
                CREATE TABLE map_runs (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    arn TEXT NOT NULL UNIQUE,
                    execution_arn TEXT NOT NULL,
                    state_machine_arn TEXT NOT NULL,
                    status TEXT NOT NULL,
                    start_date REAL NOT NULL,
                    stop_date REAL,
                    max_concurrency INTEGER NOT NULL,
                    tolerated_failure_count INTEGER NOT NULL,
                    tolerated_failure_percentage REAL NOT NULL,
                    item_counts TEXT NOT NULL,
                    execution_counts TEXT NOT NULL
                );
                """)
        }
        return migrator
    }
}
