import BrumeWire
import Testing
@testable import BrumeAPIGateway

/// The Update* operations' patch paths, applied to the model without a server.
struct ControlPlanePatchTests {
    func operations(_ json: String) throws -> [PatchOperation] {
        let object = try #require(try JSONValue.parse(Array(json.utf8)).objectValue)
        return try PatchOperation.list(in: object)
    }

    @Test func escapedSegmentsAreUnescaped() throws {
        let operation = try #require(try operations(#"{"patchOperations":[{"op":"add","path":"/binaryMediaTypes/image~1png"}]}"#).first)
        #expect(operation.segments == ["binaryMediaTypes", "image/png"])
        #expect(operation.op == .add && operation.value == nil)
    }

    @Test func unknownOpAndRelativePathAreBadRequests() {
        #expect(throws: APIGatewayError.self) { try operations(#"{"patchOperations":[{"op":"frobnicate","path":"/name"}]}"#) }
        #expect(throws: APIGatewayError.self) { try operations(#"{"patchOperations":[{"op":"replace","path":"name"}]}"#) }
        #expect(throws: APIGatewayError.self) { try operations(#"{"patchOperations":{"op":"replace"}}"#) }
    }

    @Test func restApiPaths() throws {
        var api = RestApi(id: "a", name: "old", createdDate: 0, apiKeySource: "HEADER")
        for operation in try operations("""
            {"patchOperations":[{"op":"replace","path":"/name","value":"new"},
             {"op":"add","path":"/binaryMediaTypes/image~1png"},{"op":"add","path":"/binaryMediaTypes/*~1*"},
             {"op":"replace","path":"/minimumCompressionSize","value":"1024"},
             {"op":"replace","path":"/endpointConfiguration/types/EDGE","value":"REGIONAL"}]}
            """) {
            try APIGatewayService.apply(operation, to: &api)
        }
        #expect(api.name == "new")
        #expect(api.binaryMediaTypes == ["image/png", "*/*"])
        #expect(api.minimumCompressionSize == 1024)
        #expect(api.endpointConfiguration?.types == ["REGIONAL"])
        let bad = try #require(try operations(#"{"patchOperations":[{"op":"replace","path":"/id","value":"x"}]}"#).first)
        #expect(throws: APIGatewayError.self) { try APIGatewayService.apply(bad, to: &api) }
    }

    @Test func stageMethodSettingsAndVariables() throws {
        var stage = Stage(deploymentId: "d", stageName: "prod", methodSettings: [:], createdDate: 0, lastUpdatedDate: 0)
        for operation in try operations("""
            {"patchOperations":[{"op":"replace","path":"/*/*/throttling/rateLimit","value":"100"},
             {"op":"replace","path":"/*/*/throttling/burstLimit","value":"200"},
             {"op":"replace","path":"/~1pets~1{id}/GET/throttling/rateLimit","value":"5.5"},
             {"op":"replace","path":"/variables/color","value":"blue"}]}
            """) {
            try APIGatewayService.apply(operation, to: &stage)
        }
        #expect(stage.methodSettings?["*/*"]?.throttlingRateLimit == 100)
        #expect(stage.methodSettings?["*/*"]?.throttlingBurstLimit == 200)
        // A method's own setting starts from the stage-wide one.
        #expect(stage.methodSettings?["pets/{id}/GET"]?.throttlingRateLimit == 5.5)
        #expect(stage.methodSettings?["pets/{id}/GET"]?.throttlingBurstLimit == 200)
        #expect(stage.variables == ["color": "blue"])
        let remove = try operations(#"{"patchOperations":[{"op":"remove","path":"/~1pets~1{id}/GET"}]}"#)[0]
        try APIGatewayService.apply(remove, to: &stage)
        #expect(stage.methodSettings?["pets/{id}/GET"] == nil)
        let notANumber = try operations(#"{"patchOperations":[{"op":"replace","path":"/*/*/throttling/rateLimit","value":"fast"}]}"#)[0]
        #expect(throws: APIGatewayError.self) { try APIGatewayService.apply(notANumber, to: &stage) }
    }

    @Test func usagePlanPaths() throws {
        var plan = UsagePlan(id: "p", name: "gold", apiStages: [ApiStage(apiId: "a", stage: "prod")])
        for operation in try operations("""
            {"patchOperations":[{"op":"replace","path":"/quota/limit","value":"10"},{"op":"replace","path":"/quota/period","value":"WEEK"},
             {"op":"replace","path":"/throttle/burstLimit","value":"3"},
             {"op":"replace","path":"/apiStages/a:prod/throttle/~1pets/GET/rateLimit","value":"2"},
             {"op":"add","path":"/apiStages","value":"b:dev"}]}
            """) {
            try APIGatewayService.apply(operation, to: &plan)
        }
        #expect(plan.quota?.limit == 10 && plan.quota?.period == "WEEK")
        #expect(plan.throttle?.burstLimit == 3)
        #expect(plan.apiStages?[0].throttle?["/pets/GET"]?.rateLimit == 2)
        #expect(plan.apiStages?.map(\.stage) == ["prod", "dev"])
        let removeStage = try operations(#"{"patchOperations":[{"op":"remove","path":"/apiStages","value":"c:none"}]}"#)[0]
        #expect(throws: APIGatewayError.self) { try APIGatewayService.apply(removeStage, to: &plan) }
    }

    @Test func integrationPaths() throws {
        var integration = Integration(type: "MOCK", requestTemplates: ["application/json": "{}"])
        for operation in try operations("""
            {"patchOperations":[{"op":"add","path":"/requestTemplates/text~1plain","value":"hi"},
             {"op":"remove","path":"/requestTemplates/application~1json"},
             {"op":"replace","path":"/timeoutInMillis","value":"1000"}]}
            """) {
            try APIGatewayService.apply(operation, to: &integration)
        }
        #expect(integration.requestTemplates == ["text/plain": "hi"])
        #expect(integration.timeoutInMillis == 1000)
        let missing = try operations(#"{"patchOperations":[{"op":"remove","path":"/requestTemplates/none"}]}"#)[0]
        #expect(throws: APIGatewayError.self) { try APIGatewayService.apply(missing, to: &integration) }
    }
}
