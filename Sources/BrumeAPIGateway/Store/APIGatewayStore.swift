import BrumeStorage
import Foundation
import GRDB
import Synchronization

/// API Gateway's state: held in memory for the data plane's lookups on every call, written
/// through to SQLite before a change is visible, so what a client was told survives `kill -9`.
///
/// The control plane changes state through ``mutate(_:)``; the data plane reads through the
/// lookups below (``deployedStage(apiId:stageName:)``, ``apiKey(value:)``,
/// ``usagePlans(containingKey:)``) and records calls through ``recordUsage(planId:keyId:day:count:)``.
final class APIGatewayStore: Sendable {
    private let database: MetadataDatabase
    private let state: Mutex<APIGatewayState>
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(folder: URL) throws {
        database = try MetadataDatabase(url: folder.appendingPathComponent("apigateway.sqlite"), migrator: APIGatewaySchema.migrator)
        state = Mutex(try Self.load(database))
    }

    // MARK: Reading

    /// Runs `body` over a consistent view of the whole state.
    func read<T: Sendable>(_ body: (APIGatewayState) throws -> T) throws -> T {
        try state.withLock { try body($0) }
    }

    /// One API's state, or nil.
    func api(_ apiId: String) -> ApiState? {
        state.withLock { $0.apis[apiId] }
    }

    /// Stage `stageName` of API `apiId` with the deployment snapshot it serves, or nil when the
    /// API, the stage or its deployment is missing.
    func deployedStage(apiId: String, stageName: String) -> DeployedStage? {
        state.withLock { state in
            guard let api = state.apis[apiId], let stage = api.stages[stageName],
                  let deployment = api.deployments[stage.deploymentId], let snapshot = api.snapshots[stage.deploymentId]
            else { return nil }
            return DeployedStage(stage: stage, deployment: deployment, snapshot: snapshot)
        }
    }

    /// The API key whose secret is `value`, enabled or not.
    func apiKey(value: String) -> ApiKey? {
        state.withLock { state in state.apiKeyIDsByValue[value].flatMap { state.apiKeys[$0] } }
    }

    func apiKey(id: String) -> ApiKey? {
        state.withLock { $0.apiKeys[id] }
    }

    /// The usage plans key `keyId` belongs to, by plan id.
    func usagePlans(containingKey keyId: String) -> [UsagePlan] {
        state.withLock { state in
            state.usagePlanKeys.filter { $0.value.contains(keyId) }.keys.sorted().compactMap { state.usagePlans[$0] }
        }
    }

    /// Calls counted for `keyId` under `planId` per day (`yyyy-MM-dd`), for the days in `days`.
    func usage(planId: String, keyId: String, days: ClosedRange<String>) -> [String: Int] {
        state.withLock { state in
            var counts: [String: Int] = [:]
            for (record, used) in state.usage where record.usagePlanId == planId && record.keyId == keyId && days.contains(record.day) {
                counts[record.day] = used
            }
            return counts
        }
    }

    // MARK: Writing

    /// Adds `count` calls of `keyId` under `planId` on `day` (`yyyy-MM-dd`, UTC) and returns the
    /// day's new total. The data plane calls it for each call it lets through.
    @discardableResult
    func recordUsage(planId: String, keyId: String, day: String, count: Int = 1) throws -> Int {
        try state.withLock { state in
            let record = UsageRecord(usagePlanId: planId, keyId: keyId, day: day)
            let total = state.usage[record, default: 0] + count
            try database.pool.write { db in
                try db.execute(
                    sql: "INSERT INTO usage (plan_id, key_id, day, used) VALUES (?, ?, ?, ?) ON CONFLICT (plan_id, key_id, day) DO UPDATE SET used = excluded.used",
                    arguments: [planId, keyId, day, total]
                )
            }
            state.usage[record] = total
            return total
        }
    }

    /// Applies a change: `body` edits a copy of the state and names what it touched in the
    /// change set; those rows are written in one transaction, and only then does the change
    /// become visible. A throwing `body` or a failed write changes nothing.
    func mutate<T: Sendable>(_ body: (inout APIGatewayState, inout ChangeSet) throws -> T) throws -> T {
        try state.withLock { current in
            var next = current
            var changes = ChangeSet()
            let result = try body(&next, &changes)
            if !changes.isEmpty { try write(changes, of: next) }
            current = next
            return result
        }
    }

    private func write(_ changes: ChangeSet, of state: APIGatewayState) throws {
        var puts: [(kind: String, scope: String, id: String, body: Data)] = []
        var deletes: [(kind: String, scope: String, id: String)] = []
        for id in changes.apis {
            if let api = state.apis[id] { puts.append(("api", "", id, try Self.encoder.encode(api))) } else { deletes.append(("api", "", id)) }
        }
        for snapshot in changes.snapshots {
            if let body = state.apis[snapshot.apiId]?.snapshots[snapshot.deploymentId] {
                puts.append(("snapshot", snapshot.apiId, snapshot.deploymentId, try Self.encoder.encode(body)))
            } else {
                deletes.append(("snapshot", snapshot.apiId, snapshot.deploymentId))
            }
        }
        for id in changes.apiKeys {
            if let key = state.apiKeys[id] { puts.append(("apikey", "", id, try Self.encoder.encode(key))) } else { deletes.append(("apikey", "", id)) }
        }
        for id in changes.usagePlans {
            if let plan = state.usagePlans[id] {
                puts.append(("usageplan", "", id, try Self.encoder.encode(plan)))
                puts.append(("usageplankeys", "", id, try Self.encoder.encode(state.usagePlanKeys[id, default: []].sorted())))
            } else {
                deletes.append(("usageplan", "", id))
                deletes.append(("usageplankeys", "", id))
            }
        }
        let deletedPlans = changes.usagePlans.filter { state.usagePlans[$0] == nil }
        try database.pool.write { db in
            for put in puts {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO documents (kind, scope, id, body) VALUES (?, ?, ?, ?)",
                    arguments: [put.kind, put.scope, put.id, put.body]
                )
            }
            for delete in deletes {
                try db.execute(sql: "DELETE FROM documents WHERE kind = ? AND scope = ? AND id = ?", arguments: [delete.kind, delete.scope, delete.id])
            }
            for plan in deletedPlans {
                try db.execute(sql: "DELETE FROM usage WHERE plan_id = ?", arguments: [plan])
            }
        }
    }

    // MARK: Loading

    private static func load(_ database: MetadataDatabase) throws -> APIGatewayState {
        let decoder = JSONDecoder()
        var state = APIGatewayState()
        let rows = try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, scope, id, body FROM documents ORDER BY kind, scope, id").map {
                (kind: $0["kind"] as String, scope: $0["scope"] as String, id: $0["id"] as String, body: $0["body"] as Data)
            }
        }
        var snapshots: [(String, String, DeploymentSnapshot)] = []
        for row in rows {
            switch row.kind {
            case "api": state.apis[row.id] = try decoder.decode(ApiState.self, from: row.body)
            case "snapshot": snapshots.append((row.scope, row.id, try decoder.decode(DeploymentSnapshot.self, from: row.body)))
            case "apikey":
                let key = try decoder.decode(ApiKey.self, from: row.body)
                state.apiKeys[row.id] = key
                if let value = key.value { state.apiKeyIDsByValue[value] = key.id }
            case "usageplan": state.usagePlans[row.id] = try decoder.decode(UsagePlan.self, from: row.body)
            case "usageplankeys": state.usagePlanKeys[row.id] = Set(try decoder.decode([String].self, from: row.body))
            default: continue
            }
        }
        for (apiId, deploymentId, snapshot) in snapshots { state.apis[apiId]?.snapshots[deploymentId] = snapshot }
        let usage = try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT plan_id, key_id, day, used FROM usage").map {
                (UsageRecord(usagePlanId: $0["plan_id"], keyId: $0["key_id"], day: $0["day"]), $0["used"] as Int)
            }
        }
        for (record, used) in usage { state.usage[record] = used }
        return state
    }
}
