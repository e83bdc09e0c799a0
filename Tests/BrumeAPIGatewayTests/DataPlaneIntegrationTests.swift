@testable import BrumeAPIGateway
import BrumeGatewayRules
import BrumeWire
import Testing

@Suite("Data plane: integration URIs, stage variables and JSON Schema validation")
struct DataPlaneIntegrationTests {
    @Test("Lambda invocation paths are read from integration and authorizer URIs, with stage variables")
    func lambdaURIs() {
        let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.fn}/invocations"
        #expect(LambdaURI.functionPath(uri, stageVariables: ["fn": "orders"])
            == "/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:orders/invocations")
        #expect(LambdaURI.functionPath("arn:aws:apigateway:us-east-1:sqs:path/1/q", stageVariables: [:]) == nil)
        #expect(LambdaURI.substitute("a${stageVariables.x}b${stageVariables.missing}c${stageVariables.", stageVariables: ["x": "1"])
            == "a1bc${stageVariables.")
    }

    @Test("Service URIs by path and by action")
    func serviceURIs() {
        let sqs = ServiceURI("arn:aws:apigateway:us-east-1:sqs:path/000000000000/orders")
        #expect(sqs?.service == "sqs")
        #expect(sqs?.kind == .path("000000000000/orders"))
        #expect(ServiceURI("arn:aws:apigateway:us-east-1:states:action/StartExecution")?.kind == .action("StartExecution"))
        #expect(ServiceURI("arn:aws:apigateway:us-east-1:my-bucket.s3:path/key")?.service == "s3")
        #expect(ServiceURI("arn:aws:apigateway:us-east-1:events:action/") == nil)
        #expect(ServiceURI("https://example.com") == nil)
    }

    @Test("JSON Schema draft 4: types, required, bounds, enums, additionalProperties and $ref")
    func schema() throws {
        let schema = try JSONValue.parse(Array(#"""
            {"type": "object", "required": ["name"], "additionalProperties": false,
             "definitions": {"price": {"type": "number", "minimum": 0, "exclusiveMinimum": true}},
             "properties": {"name": {"type": "string", "minLength": 2, "pattern": "^[a-z]+$"},
                            "price": {"$ref": "#/definitions/price"},
                            "tags": {"type": "array", "items": {"enum": ["a", "b"]}, "maxItems": 2},
                            "owner": {"$ref": "https://apigateway.amazonaws.com/restapis/x/models/Owner"}}}
            """#.utf8))
        let owner = try JSONValue.parse(Array(#"{"type": "object", "required": ["id"]}"#.utf8))
        let resolver = JSONSchema.Resolver { $0.hasSuffix("/Owner") ? owner : nil }
        func errors(_ json: String) throws -> [String] {
            JSONSchema.validate(try JSONValue.parse(Array(json.utf8)), against: schema, root: schema, resolver: resolver)
        }
        #expect(try errors(#"{"name": "ab", "price": 1.5, "tags": ["a"], "owner": {"id": 1}}"#).isEmpty)
        #expect(try errors(#"{"price": 1}"#) == [#"object has missing required properties (["name"])"#])
        #expect(try errors(#"{"name": "ab", "price": 0}"#).count == 1)
        #expect(try errors(#"{"name": "AB"}"#).count == 1)
        #expect(try errors(#"{"name": "ab", "extra": 1}"#).count == 1)
        #expect(try errors(#"{"name": "ab", "tags": ["a", "c", "b"]}"#).count == 2)
        #expect(try errors(#"{"name": "ab", "owner": {}}"#).count == 1)
        #expect(try errors(#"[1]"#).count == 1)
        // A schema that refers to itself stops at the depth limit instead of recursing forever.
        let loop = try JSONValue.parse(Array(##"{"$ref": "#"}"##.utf8))
        #expect(JSONSchema.validate(.int(1), against: loop, root: loop, resolver: resolver).isEmpty)
    }
}
