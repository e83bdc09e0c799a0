import BrumeWire
import Foundation
import Hummingbird

/// CreateAlias, GetAlias, ListAliases, UpdateAlias and DeleteAlias.
extension LambdaService {
    @Sendable func createAlias(_ call: LambdaCall) async throws -> Response {
        let (record, _) = try await aliasTarget(call)
        let input = try call.input()
        let name = try input.required("Name")
        try Self.validateAliasName(name)
        let version = try input.required("FunctionVersion")
        let description = try input.string("Description") ?? ""
        let weights = try Self.routing(input, primary: version)
        let alias = try await backend.putAlias(record.name, name) { existing throws(LambdaError) in
            if existing != nil { throw .resourceConflict("Alias already exists: \(record.functionARN):\(name)") }
            return AliasRecord(name: name, functionName: record.name, functionVersion: version, description: description,
                               additionalVersionWeights: weights, revisionID: UUID().uuidString.lowercased())
        }
        return LambdaResponse.json(alias.json(functionARN: record.functionARN), status: 201)
    }

    @Sendable func getAlias(_ call: LambdaCall) async throws -> Response {
        let (record, name) = try await aliasTarget(call)
        guard let alias = await backend.alias(record.name, name ?? "") else {
            throw LambdaError.resourceNotFound("Alias not found: \(record.functionARN):\(name ?? "")")
        }
        return LambdaResponse.json(alias.json(functionARN: record.functionARN))
    }

    @Sendable func listAliases(_ call: LambdaCall) async throws -> Response {
        let (record, _) = try await aliasTarget(call)
        var aliases = await backend.aliases(of: record.name)
        if let version = call.query["FunctionVersion"] {
            aliases = aliases.filter { $0.functionVersion == version || $0.additionalVersionWeights[version] != nil }
        }
        let page = try Pagination.page(aliases, marker: call.query["Marker"], maxItems: call.query["MaxItems"])
        var object: JSONObject = [:]
        if let next = page.nextMarker { object["NextMarker"] = .string(next) }
        object["Aliases"] = .array(page.items.map { $0.json(functionARN: record.functionARN) })
        return LambdaResponse.json(.object(object))
    }

    @Sendable func updateAlias(_ call: LambdaCall) async throws -> Response {
        let (record, pathName) = try await aliasTarget(call)
        let name = pathName ?? ""
        let input = try call.input()
        let version = try input.string("FunctionVersion")
        let description = try input.string("Description")
        let revisionID = try input.string("RevisionId")
        let routingGiven = input.fields["RoutingConfig"] != nil
        let current = await backend.alias(record.name, name)
        let weights = routingGiven ? try Self.routing(input, primary: version ?? current?.functionVersion ?? "") : nil
        let alias = try await backend.putAlias(record.name, name) { existing throws(LambdaError) in
            guard var alias = existing else { throw .resourceNotFound("Alias not found: \(record.functionARN):\(name)") }
            if let revisionID, revisionID != alias.revisionID {
                throw .preconditionFailed("The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id")
            }
            if let version { alias.functionVersion = version }
            if let description { alias.description = description }
            if let weights { alias.additionalVersionWeights = weights }
            alias.revisionID = UUID().uuidString.lowercased()
            return alias
        }
        return LambdaResponse.json(alias.json(functionARN: record.functionARN))
    }

    @Sendable func deleteAlias(_ call: LambdaCall) async throws -> Response {
        let (record, name) = try await aliasTarget(call)
        // AWS answers 204 whether or not the alias existed.
        try await backend.deleteAlias(record.name, name ?? "")
        return LambdaResponse.empty(status: 204)
    }

    /// The function (and the alias name from the path, when there is one) a call names.
    private func aliasTarget(_ call: LambdaCall) async throws -> (FunctionRecord, String?) {
        let reference = try call.functionReference(allowsQualifier: false)
        let (_, record) = try await backend.resolve(reference, caller: call.caller)
        return (record, call.parameters["Name"])
    }

    private static func validateAliasName(_ name: String) throws(LambdaError) {
        guard AliasRecord.isValidName(name) else {
            throw .validation("1 validation error detected: Value '\(name)' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)")
        }
    }

    /// `RoutingConfig.AdditionalVersionWeights`: at most one other published version, weight 0 to 1.
    private static func routing(_ input: LambdaInput, primary: String) throws(LambdaError) -> [String: Double] {
        guard let config = try input.object("RoutingConfig"), let weights = try config.object("AdditionalVersionWeights") else { return [:] }
        var result: [String: Double] = [:]
        for key in weights.fields.keys {
            let weight: Double? = switch weights.fields[key] {
            case .double(let number)?: number
            case .int(let number)?: Double(number)
            default: nil
            }
            guard let weight, (0...1).contains(weight) else {
                throw .validation("1 validation error detected: Value at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0]")
            }
            result[key] = weight
        }
        if result.count > 1 { throw .invalidParameterValue("Number of items in AdditionalVersionWeights cannot be greater than 1") }
        if primary == "$LATEST" || result.keys.contains("$LATEST") {
            throw .invalidParameterValue("$LATEST is not supported for an alias pointing to more than 1 version")
        }
        if result.keys.contains(primary) {
            throw .invalidParameterValue("Invalid function version \(primary). Function version \(primary) is already included in routing configuration.")
        }
        return result
    }
}
