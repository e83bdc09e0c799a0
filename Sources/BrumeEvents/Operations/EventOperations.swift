import BrumeCore
import BrumeEventRules
import BrumeWire
import Foundation

/// PutEvents and TestEventPattern.
extension EventsService {
    /// Validates each entry (per-entry `ErrorCode`/`ErrorMessage`, the others going on), writes
    /// the accepted events to the outbox, and answers only once they are committed.
    func putEvents(_ call: EventsCall) async throws -> JSONValue {
        guard let items = try call.input.array("Entries") else { throw EventsError.constraint(nil, at: "entries", "Member must not be null") }
        guard !items.isEmpty else { throw EventsError.constraint("[]", at: "entries", "Member must have length greater than or equal to 1") }
        guard items.count <= 10 else { throw EventsError.constraint(nil, at: "entries", "Member must have length less than or equal to 10") }
        if try call.input.string("EndpointId") != nil {
            throw EventsError.validation("Brume does not support global endpoints (EndpointId) yet.")
        }
        var entries: [JSONObject] = []
        for item in items {
            guard let entry = item.objectValue else { throw EventsError.serialization("Entries") }
            entries.append(entry)
        }
        guard entries.map(EventEntry.size).reduce(0, +) <= EventEntry.maximumRequestSize else {
            throw EventsError.validation("Total size of the entries in the request is over the limit.")
        }
        let now = clock.now()
        var results: [JSONValue] = []
        var accepted: [(bus: BusKey, event: String)] = []
        for entry in entries {
            let outcome = await accept(entry, call: call, now: now)
            switch outcome {
            case .success(let (bus, event, id)):
                accepted.append((bus, String(decoding: event.serialized, as: UTF8.self)))
                results.append(["EventId": .string(id)])
            case .failure(let failure):
                results.append(["ErrorCode": .string(failure.code), "ErrorMessage": .string(failure.message)])
            }
        }
        try await store.accept(accepted, at: now)
        doorbell.ring()
        return ["FailedEntryCount": .int(Int64(entries.count - accepted.count)), "Entries": .array(results)]
    }

    private func accept(_ entry: JSONObject, call: EventsCall, now: Date) async -> Result<(BusKey, JSONValue, String), EventEntry.Failure> {
        let busName: String
        do {
            if let member = entry["EventBusName"], member.stringValue == nil {
                return .failure(.init(code: "InvalidArgument", message: "Parameter EventBusName is not valid."))
            }
            busName = try EventsNames.busName(
                entry["EventBusName"]?.stringValue, member: "eventBusName", account: call.caller.accountID, region: call.caller.region
            )
        } catch let error where error.awsError.code == "ResourceNotFoundException" {
            return .failure(.init(code: "ResourceNotFoundException", message: error.awsError.message))
        } catch {
            return .failure(.init(code: "InvalidArgument", message: "Parameter EventBusName is not valid."))
        }
        let bus = BusKey(account: call.caller.accountID, region: call.caller.region, name: busName)
        guard await backend.busExists(bus) else {
            return .failure(.init(code: "ResourceNotFoundException", message: "Event bus \(busName) does not exist."))
        }
        let id = RequestID.uuid()
        return EventEntry.event(entry, id: id, account: bus.account, region: bus.region, now: now).map { (bus, $0, id) }
    }

    func testEventPattern(_ call: EventsCall) async throws -> JSONValue {
        let patternText = try call.input.requiredString("EventPattern")
        guard patternText.count <= 4096 else {
            throw EventsError.constraint(patternText, at: "eventPattern", "Member must have length less than or equal to 4096")
        }
        let eventText = try call.input.requiredString("Event")
        let pattern: EventPattern
        do {
            pattern = try EventPattern(parsing: patternText)
        } catch {
            throw EventsError.invalidEventPattern(error.message)
        }
        // The event must be a whole event: AWS requires these members.
        guard let event = try? JSONValue.parse(Array(eventText.utf8)), let object = event.objectValue,
              ["id", "account", "source", "time", "region", "detail-type"].allSatisfy({ object[$0] != nil }),
              object["resources"].map({ $0.arrayValue != nil }) ?? true else {
            throw EventsError.validation("Parameter Event is not valid.")
        }
        return ["Result": .bool(pattern.matches(event))]
    }
}
