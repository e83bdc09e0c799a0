import BrumeWire
import Foundation
import HTTPTypes
import Hummingbird
import Yams

/// GetExport: a stage's deployment as OpenAPI 3.0 or Swagger 2.0, JSON or YAML (`Accept`).
extension APIGatewayService {
    @Sendable func getExport(_ call: APIGatewayCall) async throws -> Response {
        let state = try apiState(call)
        let stage = try Self.stage(state, call.parameter("stage_name"))
        guard let format = OpenAPIExport.Format(rawValue: call.parameter("export_type")) else {
            throw APIGatewayError.badRequest("Invalid export type: \(call.parameter("export_type")). Valid values are oas30, swagger")
        }
        guard let snapshot = state.snapshots[stage.deploymentId] else { throw APIGatewayError.notFound("Invalid Deployment identifier specified") }
        let extensions = Set(call.query.pairs.filter { $0.name == "extensions" }.flatMap { $0.value.split(separator: ",").map(String.init) })
        let port = call.authority.flatMap { host in host.split(separator: ":").last.flatMap { Int($0) } }
        let host = "\(state.api.id).execute-api.localhost" + (port.map { ":\($0)" } ?? "")
        let document = OpenAPIExport(format: format, extensions: extensions).document(snapshot, stage: stage, host: host)
        let accept = call.headers[.accept] ?? "application/json"
        var response: Response
        if accept.contains("yaml") {
            let text = try Yams.dump(object: Self.plain(document), sortKeys: false)
            response = APIGatewayResponse.bytes(Array(text.utf8), contentType: "application/yaml")
        } else {
            response = APIGatewayResponse.bytes(document.serialized, contentType: "application/octet-stream")
        }
        let name = "\(format.rawValue)_\(state.api.id)_\(stage.stageName)"
        if let field = HTTPField.Name("Content-Disposition") {
            response.headers[field] = "attachment; filename=\"\(name).\(accept.contains("yaml") ? "yaml" : "json")\""
        }
        return response
    }

    /// A JSON tree as the plain values Yams writes.
    static func plain(_ value: JSONValue) -> Any {
        switch value {
        case .null: NSNull()
        case .bool(let bool): bool
        case .int(let int): Int(int)
        case .double(let double): double
        case .string(let string): string
        case .array(let items): items.map(plain)
        case .object(let object): object.dictionary.mapValues(plain)
        }
    }
}
