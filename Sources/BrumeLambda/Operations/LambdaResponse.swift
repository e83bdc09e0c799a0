import BrumeWire
import Hummingbird

/// rest-json answers.
enum LambdaResponse {
    static func json(_ value: JSONValue, status: Int = 200, headers: [(String, String)] = []) -> Response {
        var wire = WireResponse(status: status)
        wire.body = value.serialized
        wire.headers.append(.init("Content-Type", "application/json"))
        for (name, value) in headers { wire.headers.append(.init(name, value)) }
        return Response(wire)
    }

    static func empty(status: Int) -> Response {
        Response(WireResponse(status: status))
    }
}
