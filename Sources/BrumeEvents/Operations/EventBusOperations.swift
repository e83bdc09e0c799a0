import BrumeWire
import Foundation

/// CreateEventBus, DescribeEventBus, ListEventBuses, DeleteEventBus.
extension EventsService {
    func createEventBus(_ call: EventsCall) async throws -> JSONValue {
        let name = try call.input.requiredString("Name")
        try EventsNames.checkBusName(name, member: "name")
        if try call.input.string("EventSourceName") != nil {
            throw EventsError.validation("Brume does not support partner event buses (EventSourceName).")
        }
        for member in ["KmsKeyIdentifier", "DeadLetterConfig", "LogConfig"] where call.input.fields[member] != nil {
            throw EventsError.validation("Brume does not support \(member) on event buses yet.")
        }
        // Custom bus names are plain: `/` is for partner buses, and `default` is taken.
        guard !name.contains("/") else { throw EventsError.validation("Event bus name must not contain '/'.") }
        let description = try call.input.string("Description", maximum: 512)
        let tags = try call.input.tags() ?? [:]
        let key = BusKey(account: call.caller.accountID, region: call.caller.region, name: name)
        let bus = try await backend.createBus(key, description: description, tags: tags)
        var output: JSONObject = ["EventBusArn": .string(EventsNames.busARN(bus.key))]
        if let description { output["Description"] = .string(description) }
        return .object(output)
    }

    func describeEventBus(_ call: EventsCall) async throws -> JSONValue {
        let key = try call.bus(member: "Name")
        let bus = try await backend.bus(key)
        return Self.describe(key, bus)
    }

    static func describe(_ key: BusKey, _ bus: EventBusRecord?) -> JSONValue {
        var object: JSONObject = ["Name": .string(key.name), "Arn": .string(EventsNames.busARN(key))]
        if let description = bus?.description { object["Description"] = .string(description) }
        if let bus {
            object["CreationTime"] = .double(bus.creationTime.timeIntervalSince1970)
            object["LastModifiedTime"] = .double(bus.lastModifiedTime.timeIntervalSince1970)
        }
        return .object(object)
    }

    /// The default bus and the custom buses, in name order; `NamePrefix`, `Limit`, `NextToken`.
    func listEventBuses(_ call: EventsCall) async throws -> JSONValue {
        let prefix = try call.input.string("NamePrefix")
        if let prefix { try EventsNames.checkBusName(prefix, member: "namePrefix") }
        let limit = try call.input.limit()
        let account = call.caller.accountID
        let region = call.caller.region
        let defaultKey = BusKey(account: account, region: region, name: EventsNames.defaultBus)
        let buses: [(BusKey, EventBusRecord?)] = ([(defaultKey, nil)] + (await backend.customBuses(account: account, region: region)).map { ($0.key, $0) })
            .filter { $0.0.name.hasPrefix(prefix ?? "") }
            .sorted { $0.0.name.utf8.lexicographicallyPrecedes($1.0.name.utf8) }
        let (page, next) = try PageToken.page(buses, name: \.0.name, kind: "buses", token: try call.input.string("NextToken"), limit: limit)
        var output: JSONObject = ["EventBuses": .array(page.map { Self.describe($0.0, $0.1) })]
        if let next { output["NextToken"] = .string(next) }
        return .object(output)
    }

    func deleteEventBus(_ call: EventsCall) async throws -> JSONValue {
        let name = try call.input.requiredString("Name")
        try EventsNames.checkBusName(name, member: "name")
        try await backend.deleteBus(BusKey(account: call.caller.accountID, region: call.caller.region, name: name))
        return .object([:])
    }
}
