import BrumeGatewayRules
import BrumeWire

/// API Gateway's data plane on what clients and functions send: the invoke URL (host and path)
/// read into API, stage and path; the route matched over a fixed resource tree; the body
/// validated against a JSON Schema with `$ref`s; and the same body read as a Lambda proxy answer
/// and as an authorizer's answer, whose policy is then evaluated.
enum GatewayTarget {
    static let summary = "First line: an invoke URL path (a Host after a space, optional); the rest: a body validated, read as a proxy answer and as an authorizer policy"

    static let routes = RouteTable(resources: [
        .init(id: "root", path: "/", methods: ["GET"]),
        .init(id: "pets", path: "/pets", methods: ["GET", "POST"]),
        .init(id: "pet", path: "/pets/{petId}", methods: ["ANY"]),
        .init(id: "mine", path: "/pets/mine", methods: ["GET"]),
        .init(id: "toys", path: "/pets/{petId}/toys/{toy+}", methods: ["GET"]),
        .init(id: "proxy", path: "/{proxy+}", methods: ["ANY"]),
    ])

    static let schema: JSONValue = (try? JSONValue.parse(Array(#"""
        {"type": "object", "required": ["name"], "additionalProperties": {"type": ["string", "number", "null"]},
         "definitions": {"n": {"type": "number", "minimum": 0, "exclusiveMaximum": true, "maximum": 10}},
         "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[a-z]+(-[a-z]+)*$"},
                        "n": {"$ref": "#/definitions/n"}, "tags": {"type": "array", "items": {"enum": ["a", "b", 1]}, "maxItems": 4},
                        "owner": {"$ref": "models/Owner"}, "any": {"anyOf": [{"type": "string"}, {"not": {"type": "object"}}]},
                        "one": {"oneOf": [{"type": "integer"}, {"type": "number"}]}, "self": {"$ref": "#"}}}
        """#.utf8))) ?? .null

    static func run(_ data: [UInt8]) {
        let (line, rest) = FuzzInput.firstLine(data)
        let parts = line.split(separator: " ", maxSplits: 1)
        let path = parts.first.map(String.init) ?? ""
        let host = parts.count > 1 ? String(parts[1]) : nil
        if let target = InvokeTarget(rawPath: path, host: host) {
            _ = target.domainPrefix
            for method in ["GET", "POST", "DELETE"] { _ = routes.match(method: method, rawPath: target.path) }
        }
        _ = routes.match(method: "GET", rawPath: path)
        let body = Array(rest)
        if let document = try? JSONValue.parse(body) {
            let owner = JSONValue.object(["type": "object", "required": ["id"], "properties": ["id": ["$ref": "#"]]])
            let resolver = JSONSchema.Resolver { $0.hasSuffix("/Owner") ? owner : nil }
            _ = JSONSchema.validate(document, against: schema, root: schema, resolver: resolver)
            // The body as a schema too: models are the API's, but nothing a schema says may trap.
            _ = JSONSchema.validate(.object(["name": "a"]), against: document, root: document, resolver: resolver)
        }
        _ = ProxyResponse(payload: body)
        if let result = AuthorizerResult(payload: body) {
            _ = result.decision(for: "arn:aws:execute-api:us-east-1:000000000000:abc/prod/GET/pets/7")
            _ = result.decision(for: path)
        }
    }
}
