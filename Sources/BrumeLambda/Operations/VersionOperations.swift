import BrumeWire
import Hummingbird

/// PublishVersion and ListVersionsByFunction.
extension LambdaService {
    @Sendable func publishVersion(_ call: LambdaCall) async throws -> Response {
        let reference = try call.functionReference(allowsQualifier: false)
        _ = try await backend.resolve(reference, caller: call.caller)
        let input = try call.input()
        let version = try await backend.publishVersion(
            reference.name, description: try input.string("Description"), codeSha256: try input.string("CodeSha256"),
            revisionID: try input.string("RevisionId")
        )
        return LambdaResponse.json(version.configurationJSON, status: 201)
    }

    @Sendable func listVersionsByFunction(_ call: LambdaCall) async throws -> Response {
        let reference = try call.functionReference(allowsQualifier: false)
        let (entry, _) = try await backend.resolve(reference, caller: call.caller)
        let records = [entry.latest] + entry.versions.keys.sorted().map { entry.versions[$0]! }
        let page = try Pagination.page(records, marker: call.query["Marker"], maxItems: call.query["MaxItems"])
        var object: JSONObject = [:]
        if let next = page.nextMarker { object["NextMarker"] = .string(next) }
        object["Versions"] = .array(page.items.map(\.configurationJSON))
        return LambdaResponse.json(.object(object))
    }
}
