import GRDB

/// API Gateway's schema, one migration per change; never edit a shipped migration.
///
/// Entities are stored as their wire JSON, one row each, so the model can grow members without
/// a migration; `scope` is the API id for an API's children and '' for account-level entities.
enum APIGatewaySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE documents (
                    kind TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    id TEXT NOT NULL,
                    body BLOB NOT NULL,
                    PRIMARY KEY (kind, scope, id)
                ) WITHOUT ROWID;
                CREATE TABLE usage (
                    plan_id TEXT NOT NULL,
                    key_id TEXT NOT NULL,
                    day TEXT NOT NULL,
                    used INTEGER NOT NULL,
                    PRIMARY KEY (plan_id, key_id, day)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
