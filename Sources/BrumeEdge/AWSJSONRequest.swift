public import BrumeWire
public import Hummingbird
import HTTPTypes

/// An awsJson request (`X-Amz-Target: <prefix><Operation>`, a JSON object body) decoded the way
/// every awsJson service reads it, with the errors AWS sends for a bad one.
public struct AWSJSONRequest: Sendable {
    /// The operation named after the target's prefix.
    public let operation: String
    /// The body's JSON object; `{}` for an empty body.
    public let input: JSONValue

    /// Reads `request`'s target and body.
    ///
    /// - Throws: `UnknownOperationException` when the target lacks `targetPrefix`, and
    ///   `SerializationException` when the body is not a JSON object.
    public static func read(_ request: Request, targetPrefix: String, maximumSize: Int) async throws -> AWSJSONRequest {
        let body = try await request.body.collect(upTo: maximumSize)
        guard let target = request.headers[HTTPField.Name("X-Amz-Target")!], target.hasPrefix(targetPrefix) else {
            throw AWSError(code: "UnknownOperationException", message: "", status: 400)
        }
        let operation = String(target.dropFirst(targetPrefix.count))
        guard body.readableBytes > 0 else { return AWSJSONRequest(operation: operation, input: .object([:])) }
        guard let parsed = try? JSONValue.parse(body.readableBytesView), parsed.objectValue != nil else {
            throw AWSError(code: "SerializationException", message: "Start of structure or map found where not expected.", status: 400)
        }
        return AWSJSONRequest(operation: operation, input: parsed)
    }

    /// A successful answer carrying `output`.
    public static func response(_ output: JSONValue, _ wireProtocol: WireProtocol) -> Response {
        var wire = WireResponse(status: 200)
        wire.body = output.serialized
        wire.headers.append(.init("Content-Type", wireProtocol.contentType))
        return Response(wire)
    }
}
