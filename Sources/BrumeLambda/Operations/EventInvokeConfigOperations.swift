import BrumeWire
import Foundation
import Hummingbird

/// Put/Update/Get/Delete/ListFunctionEventInvokeConfig(s).
extension LambdaService {
    @Sendable func putFunctionEventInvokeConfig(_ call: LambdaCall) async throws -> Response {
        try await writeEventInvokeConfig(call, merging: false)
    }

    @Sendable func updateFunctionEventInvokeConfig(_ call: LambdaCall) async throws -> Response {
        try await writeEventInvokeConfig(call, merging: true)
    }

    @Sendable func getFunctionEventInvokeConfig(_ call: LambdaCall) async throws -> Response {
        let (record, qualifier) = try await eventInvokeTarget(call)
        guard let config = await backend.eventInvokeConfig(record.name, qualifier: qualifier) else {
            throw LambdaError.resourceNotFound("The function \(Self.configARN(record, qualifier)) doesn't have an EventInvokeConfig")
        }
        return LambdaResponse.json(config.json(functionARN: Self.configARN(record, qualifier)))
    }

    @Sendable func deleteFunctionEventInvokeConfig(_ call: LambdaCall) async throws -> Response {
        let (record, qualifier) = try await eventInvokeTarget(call)
        guard await backend.eventInvokeConfig(record.name, qualifier: qualifier) != nil else {
            throw LambdaError.resourceNotFound("The function \(Self.configARN(record, qualifier)) doesn't have an EventInvokeConfig")
        }
        try await backend.setEventInvokeConfig(nil, name: record.name, qualifier: qualifier)
        return LambdaResponse.empty(status: 204)
    }

    @Sendable func listFunctionEventInvokeConfigs(_ call: LambdaCall) async throws -> Response {
        let reference = try call.functionReference(allowsQualifier: false)
        let (_, record) = try await backend.resolve(reference, caller: call.caller)
        let configs = await backend.eventInvokeConfigs(of: record.name).map { item in
            item.config.json(functionARN: Self.configARN(record, item.qualifier.isEmpty ? nil : item.qualifier))
        }
        let page = try Pagination.page(configs, marker: call.query["Marker"], maxItems: call.query["MaxItems"])
        var object: JSONObject = ["FunctionEventInvokeConfigs": .array(Array(page.items))]
        if let next = page.nextMarker { object["NextMarker"] = .string(next) }
        return LambdaResponse.json(.object(object))
    }

    private func writeEventInvokeConfig(_ call: LambdaCall, merging: Bool) async throws -> Response {
        let (record, qualifier) = try await eventInvokeTarget(call)
        let input = try call.input()
        var config = merging ? (await backend.eventInvokeConfig(record.name, qualifier: qualifier) ?? EventInvokeConfig(lastModified: clock.now()))
            : EventInvokeConfig(lastModified: clock.now())
        if let retries = try input.int("MaximumRetryAttempts") {
            guard (0...2).contains(retries) else {
                throw LambdaError.validation("1 validation error detected: Value '\(retries)' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value \(retries < 0 ? "greater than or equal to 0" : "less than or equal to 2")")
            }
            config.maximumRetryAttempts = retries
        }
        if let age = try input.int("MaximumEventAgeInSeconds") {
            guard (60...21_600).contains(age) else {
                throw LambdaError.validation("1 validation error detected: Value '\(age)' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value \(age < 60 ? "greater than or equal to 60" : "less than or equal to 21600")")
            }
            config.maximumEventAgeInSeconds = age
        }
        if let destinations = try input.object("DestinationConfig") {
            if let onSuccess = try destinations.object("OnSuccess") {
                config.onSuccess = try onSuccess.string("Destination").flatMap { $0.isEmpty ? nil : $0 }
            }
            if let onFailure = try destinations.object("OnFailure") {
                config.onFailure = try onFailure.string("Destination").flatMap { $0.isEmpty ? nil : $0 }
            }
        }
        if let onSuccess = config.onSuccess {
            try EventInvokeConfig.validateDestination(onSuccess, member: "destinationConfig.onSuccess.destination", allowsEventBus: true)
        }
        if let onFailure = config.onFailure {
            try EventInvokeConfig.validateDestination(onFailure, member: "destinationConfig.onFailure.destination", allowsEventBus: true)
        }
        config.lastModified = clock.now()
        try await backend.setEventInvokeConfig(config, name: record.name, qualifier: qualifier)
        return LambdaResponse.json(config.json(functionARN: Self.configARN(record, qualifier)))
    }

    /// The function and qualifier a config call names (from the name or `Qualifier`).
    private func eventInvokeTarget(_ call: LambdaCall) async throws -> (FunctionRecord, String?) {
        let reference = try call.functionReference()
        let qualifier = reference.qualifier ?? call.query["Qualifier"]
        let (entry, _) = try await backend.resolve(reference, caller: call.caller, qualifier: call.query["Qualifier"])
        return (entry.latest, qualifier)
    }

    private static func configARN(_ record: FunctionRecord, _ qualifier: String?) -> String {
        qualifier.map { "\(record.functionARN):\($0)" } ?? record.functionARN
    }
}
