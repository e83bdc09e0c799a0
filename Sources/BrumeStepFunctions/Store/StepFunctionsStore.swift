import BrumeStorage
import BrumeWire
import Foundation
import GRDB

/// The Step Functions tables: state machines, STANDARD executions and their history, Map Runs
/// and their child executions.
///
/// Every method is synchronous: the backend actor calls it before answering, so a change is in
/// the WAL before the client hears of it.
final class StepFunctionsStore: Sendable {
    let database: MetadataDatabase

    init(folder: URL) throws {
        database = try MetadataDatabase(url: folder.appendingPathComponent("stepfunctions.sqlite"), migrator: StepFunctionsSchema.migrator)
    }

    // MARK: State machines

    func saveStateMachine(_ machine: StateMachineRecord) throws {
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO state_machines (arn, name, type, definition, role_arn, logging, tracing, tags, created_at, updated_at, revision_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (arn) DO UPDATE SET definition = excluded.definition, role_arn = excluded.role_arn,
                        logging = excluded.logging, tracing = excluded.tracing, tags = excluded.tags,
                        updated_at = excluded.updated_at, revision_id = excluded.revision_id
                    """,
                arguments: [
                    machine.arn, machine.name, machine.type.rawValue, machine.definition, machine.roleARN,
                    machine.logging.text, machine.tracing.text, Self.encode(machine.tags),
                    machine.creationDate.timeIntervalSince1970, machine.updateDate?.timeIntervalSince1970, machine.revisionID,
                ]
            )
        }
    }

    func deleteStateMachine(_ arn: String) throws {
        try database.pool.write { db in
            try db.execute(sql: "DELETE FROM state_machines WHERE arn = ?", arguments: [arn])
        }
    }

    /// Every state machine in creation order.
    func loadStateMachines() throws -> [StateMachineRecord] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM state_machines ORDER BY seq").map { row in
                StateMachineRecord(
                    arn: row["arn"], name: row["name"], type: StateMachineType(rawValue: row["type"]) ?? .standard,
                    definition: row["definition"], roleARN: row["role_arn"],
                    logging: Self.json(row["logging"]) ?? StateMachineRecord.defaultLogging,
                    tracing: Self.json(row["tracing"]) ?? StateMachineRecord.defaultTracing,
                    tags: Self.decodeTags(row["tags"]),
                    creationDate: Date(timeIntervalSince1970: row["created_at"]),
                    updateDate: (row["updated_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    revisionID: row["revision_id"]
                )
            }
        }
    }

    // MARK: Executions

    /// Inserts or rewrites a STANDARD execution, or a Distributed Map's child of either type.
    func saveExecution(_ execution: ExecutionRecord) throws {
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO executions (arn, state_machine_arn, name, status, input, output, error, cause, start_date, stop_date,
                        definition, role_arn, state_machine_updated, type, map_run_arn)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (arn) DO UPDATE SET status = excluded.status, output = excluded.output, error = excluded.error,
                        cause = excluded.cause, stop_date = excluded.stop_date
                    """,
                arguments: [
                    execution.arn, execution.stateMachineARN, execution.name, execution.status.rawValue, execution.input,
                    execution.output, execution.error, execution.cause, execution.startDate.timeIntervalSince1970,
                    execution.stopDate?.timeIntervalSince1970, execution.definition, execution.roleARN,
                    execution.stateMachineUpdateDate.timeIntervalSince1970, execution.type.rawValue, execution.mapRunARN,
                ]
            )
        }
    }

    /// Every execution but Distributed Map children, oldest first.
    func loadExecutions() throws -> [ExecutionRecord] {
        try fetchExecutions("SELECT * FROM executions WHERE map_run_arn IS NULL ORDER BY seq")
    }

    /// The Distributed Map children still RUNNING, which a restart ends.
    func loadRunningChildren() throws -> [ExecutionRecord] {
        try fetchExecutions("SELECT * FROM executions WHERE map_run_arn IS NOT NULL AND status = 'RUNNING' ORDER BY seq")
    }

    /// One execution, child or not.
    func loadExecution(_ arn: String) throws -> ExecutionRecord? {
        try fetchExecutions("SELECT * FROM executions WHERE arn = ?", arguments: [arn]).first
    }

    /// A Map Run's children, newest first: they are read from storage rather than kept in
    /// memory, since a run may have a million.
    func loadChildren(ofMapRun arn: String) throws -> [ExecutionRecord] {
        try fetchExecutions("SELECT * FROM executions WHERE map_run_arn = ? ORDER BY seq DESC", arguments: [arn])
    }

    private func fetchExecutions(_ sql: String, arguments: StatementArguments = []) throws -> [ExecutionRecord] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                ExecutionRecord(
                    arn: row["arn"], stateMachineARN: row["state_machine_arn"], name: row["name"],
                    type: StateMachineType(rawValue: row["type"]) ?? .standard,
                    status: ExecutionStatus(rawValue: row["status"]) ?? .failed, input: row["input"], output: row["output"],
                    error: row["error"], cause: row["cause"], startDate: Date(timeIntervalSince1970: row["start_date"]),
                    stopDate: (row["stop_date"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    definition: row["definition"], roleARN: row["role_arn"],
                    stateMachineUpdateDate: Date(timeIntervalSince1970: row["state_machine_updated"]),
                    mapRunARN: row["map_run_arn"]
                )
            }
        }
    }

    // MARK: Map Runs

    /// Inserts or rewrites a Map Run.
    func saveMapRun(_ run: MapRunRecord) throws {
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO map_runs (arn, execution_arn, state_machine_arn, status, start_date, stop_date, max_concurrency,
                        tolerated_failure_count, tolerated_failure_percentage, item_counts, execution_counts)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (arn) DO UPDATE SET status = excluded.status, stop_date = excluded.stop_date,
                        max_concurrency = excluded.max_concurrency, tolerated_failure_count = excluded.tolerated_failure_count,
                        tolerated_failure_percentage = excluded.tolerated_failure_percentage, item_counts = excluded.item_counts,
                        execution_counts = excluded.execution_counts
                    """,
                arguments: [
                    run.arn, run.executionARN, run.stateMachineARN, run.status.rawValue, run.startDate.timeIntervalSince1970,
                    run.stopDate?.timeIntervalSince1970, run.maxConcurrency, run.toleratedFailureCount, run.toleratedFailurePercentage,
                    run.itemCounts.json.text, run.executionCounts.json.text,
                ]
            )
        }
    }

    /// Every Map Run, oldest first.
    func loadMapRuns() throws -> [MapRunRecord] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM map_runs ORDER BY seq").map { row in
                MapRunRecord(
                    arn: row["arn"], executionARN: row["execution_arn"], stateMachineARN: row["state_machine_arn"],
                    status: MapRunStatus(rawValue: row["status"]) ?? .aborted, startDate: Date(timeIntervalSince1970: row["start_date"]),
                    stopDate: (row["stop_date"] as Double?).map(Date.init(timeIntervalSince1970:)), maxConcurrency: row["max_concurrency"],
                    toleratedFailureCount: row["tolerated_failure_count"], toleratedFailurePercentage: row["tolerated_failure_percentage"],
                    itemCounts: MapRunCounts(json: Self.json(row["item_counts"])),
                    executionCounts: MapRunCounts(json: Self.json(row["execution_counts"]))
                )
            }
        }
    }

    // MARK: History

    func appendEvent(_ event: StoredHistoryEvent, execution: String) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "INSERT INTO history (execution_arn, id, previous_id, type, timestamp, details_name, details) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    execution, event.id, event.previousEventID, event.event.type, event.event.timestamp.timeIntervalSince1970,
                    event.event.detailsName, event.event.details.map { JSONValue.object($0).text },
                ]
            )
        }
    }

    func loadHistory(_ execution: String) throws -> [StoredHistoryEvent] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM history WHERE execution_arn = ? ORDER BY id", arguments: [execution]).map { row in
                StoredHistoryEvent(
                    id: row["id"], previousEventID: row["previous_id"],
                    event: HistoryEventData(
                        type: row["type"], detailsName: row["details_name"],
                        details: (row["details"] as String?).flatMap(Self.json)?.objectValue,
                        timestamp: Date(timeIntervalSince1970: row["timestamp"])
                    )
                )
            }
        }
    }

    // MARK: Encoding

    private static func encode(_ tags: [Tag]) -> String {
        JSONValue.array(tags.map { ["key": .string($0.key), "value": .string($0.value)] }).text
    }

    private static func decodeTags(_ text: String) -> [Tag] {
        (json(text)?.arrayValue ?? []).compactMap { item in
            guard let key = item["key"]?.stringValue, let value = item["value"]?.stringValue else { return nil }
            return Tag(key: key, value: value)
        }
    }

    private static func json(_ text: String) -> JSONValue? {
        try? JSONValue.parse(Array(text.utf8))
    }
}

extension JSONValue {
    /// Compact JSON text.
    var text: String { String(decoding: serialized, as: UTF8.self) }
}
