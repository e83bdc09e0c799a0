import BrumeEdge
import BrumeWire
import Foundation
import Hummingbird
import HTTPTypes
import NIOCore

/// One decoded control-plane request: the path's decoded segments, the route's parameters,
/// the query and the JSON body.
struct APIGatewayCall: Sendable {
    let method: String
    let query: QueryParameters
    let headers: HTTPFields
    /// The request's host (and port), as GetExport names the invoke URL.
    let authority: String?
    let body: ByteBuffer
    let caller: Caller
    /// Epoch seconds at the request, from the stack's clock.
    let now: Int64
    /// The path parameters the route captured (`restapi_id`, `resource_id`...).
    var parameters: [String: String] = [:]

    init(request: Request, body: ByteBuffer, caller: Caller, now: Int64) throws(APIGatewayError) {
        method = request.method.rawValue
        guard let query = try? QueryParameters(raw: request.uri.query) else {
            throw .badRequest("The query string is not valid percent-encoding.")
        }
        self.query = query
        headers = request.headers
        authority = request.head.authority
        self.body = body
        self.caller = caller
        self.now = now
    }

    /// The path's segments, percent-decoded.
    static func segments(of path: String) throws(APIGatewayError) -> [String] {
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = PercentEncoding.decode(raw, plusAsSpace: false) else {
                throw .badRequest("The path is not valid percent-encoding: \(path)")
            }
            segments.append(decoded)
        }
        return segments
    }

    func parameter(_ name: String) -> String { parameters[name] ?? "" }

    func queryValue(_ name: String) -> String? { query[name] }

    /// A boolean query flag (`includeValues=true`).
    func queryFlag(_ name: String) -> Bool { queryValue(name)?.lowercased() == "true" }

    /// The JSON body as an object; an empty body is an empty object.
    func input() throws(APIGatewayError) -> Input {
        if body.readableBytes == 0 { return Input(object: JSONObject()) }
        guard let value = try? JSONValue.parse(body.readableBytesView) else {
            throw .badRequest("Invalid JSON in request body")
        }
        guard let object = value.objectValue else { throw .badRequest("Invalid request body: expected a JSON object") }
        return Input(object: object)
    }

    /// The raw body as text (ImportApiKeys' CSV, ImportRestApi's document).
    func text() throws(APIGatewayError) -> String {
        guard let text = String(validating: body.readableBytesView, as: UTF8.self) else {
            throw .badRequest("The request body is not UTF-8")
        }
        return text
    }
}

/// A request body's members, read with the type each must have.
struct Input: Sendable {
    let object: JSONObject

    func has(_ name: String) -> Bool { object[name].map { !$0.isNull } ?? false }

    func string(_ name: String) throws(APIGatewayError) -> String? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let string = value.stringValue else { throw Self.typeError(name, "string") }
        return string
    }

    func requiredString(_ name: String) throws(APIGatewayError) -> String {
        guard let value = try string(name) else {
            throw .badRequest("1 validation error detected: Value null at '\(name)' failed to satisfy constraint: Member must not be null")
        }
        return value
    }

    func bool(_ name: String) throws(APIGatewayError) -> Bool? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let bool = value.boolValue else { throw Self.typeError(name, "boolean") }
        return bool
    }

    func int(_ name: String) throws(APIGatewayError) -> Int? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let int = value.intValue, let exact = Int(exactly: int) else { throw Self.typeError(name, "integer") }
        return exact
    }

    func double(_ name: String) throws(APIGatewayError) -> Double? {
        guard let value = object[name], !value.isNull else { return nil }
        switch value {
        case .int(let int): return Double(int)
        case .double(let double): return double
        default: throw Self.typeError(name, "number")
        }
    }

    func stringList(_ name: String) throws(APIGatewayError) -> [String]? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let array = value.arrayValue else { throw Self.typeError(name, "list") }
        var strings: [String] = []
        for item in array {
            guard let string = item.stringValue else { throw Self.typeError(name, "list of strings") }
            strings.append(string)
        }
        return strings
    }

    func stringMap(_ name: String) throws(APIGatewayError) -> [String: String]? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let map = value.objectValue else { throw Self.typeError(name, "map") }
        var strings: [String: String] = [:]
        for (key, item) in map {
            guard let string = item.stringValue else { throw Self.typeError(name, "map of strings") }
            strings[key] = string
        }
        return strings
    }

    func boolMap(_ name: String) throws(APIGatewayError) -> [String: Bool]? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let map = value.objectValue else { throw Self.typeError(name, "map") }
        var bools: [String: Bool] = [:]
        for (key, item) in map {
            guard let bool = item.boolValue else { throw Self.typeError(name, "map of booleans") }
            bools[key] = bool
        }
        return bools
    }

    func objectMember(_ name: String) throws(APIGatewayError) -> Input? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let member = value.objectValue else { throw Self.typeError(name, "structure") }
        return Input(object: member)
    }

    func objectList(_ name: String) throws(APIGatewayError) -> [Input]? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let array = value.arrayValue else { throw Self.typeError(name, "list") }
        var members: [Input] = []
        for item in array {
            guard let member = item.objectValue else { throw Self.typeError(name, "list of structures") }
            members.append(Input(object: member))
        }
        return members
    }

    func patchOperations() throws(APIGatewayError) -> [PatchOperation] {
        try PatchOperation.list(in: object)
    }

    static func typeError(_ name: String, _ type: String) -> APIGatewayError {
        .badRequest("Invalid value for '\(name)': expected a \(type)")
    }
}
