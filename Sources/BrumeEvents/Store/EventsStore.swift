import BrumeStorage
import Foundation
import GRDB

/// The EventBridge tables: custom buses and rules (with their targets).
///
/// Every method is synchronous: the backend actor calls it before answering, so a change is in
/// the WAL before the client hears of it. The outbox is in ``EventsStore+Outbox``.
final class EventsStore: Sendable {
    let database: MetadataDatabase

    init(folder: URL) throws {
        database = try MetadataDatabase(url: folder.appendingPathComponent("events.sqlite"), migrator: EventsSchema.migrator)
    }

    func loadBuses() throws -> [EventBusRecord] {
        try database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT record FROM event_buses").compactMap { try? Self.decode(EventBusRecord.self, $0) }
        }
    }

    func loadRules() throws -> [RuleRecord] {
        try database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT record FROM rules").compactMap { try? Self.decode(RuleRecord.self, $0) }
        }
    }

    func saveBus(_ bus: EventBusRecord) throws {
        let text = try Self.encode(bus)
        try database.pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO event_buses (account, region, name, record) VALUES (?, ?, ?, ?)",
                arguments: [bus.key.account, bus.key.region, bus.key.name, text]
            )
        }
    }

    /// Removes a bus and its rules in one transaction.
    func deleteBus(_ key: BusKey) throws {
        try database.pool.write { db in
            try db.execute(sql: "DELETE FROM rules WHERE account = ? AND region = ? AND bus = ?", arguments: [key.account, key.region, key.name])
            try db.execute(sql: "DELETE FROM event_buses WHERE account = ? AND region = ? AND name = ?", arguments: [key.account, key.region, key.name])
        }
    }

    func saveRule(_ rule: RuleRecord) throws {
        let text = try Self.encode(rule)
        try database.pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO rules (account, region, bus, name, record) VALUES (?, ?, ?, ?, ?)",
                arguments: [rule.key.bus.account, rule.key.bus.region, rule.key.bus.name, rule.key.name, text]
            )
        }
    }

    func deleteRule(_ key: RuleKey) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM rules WHERE account = ? AND region = ? AND bus = ? AND name = ?",
                arguments: [key.bus.account, key.bus.region, key.bus.name, key.name]
            )
        }
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(type, from: Data(text.utf8))
    }
}
