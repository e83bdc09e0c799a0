import Testing
@testable import BrumeAPIGateway

/// The control plane's validation rules and parsers, without a server.
struct ControlPlaneValidationTests {
    @Test func pathParts() {
        for valid in ["pets", "{petId}", "{proxy+}", "v1.json", "a-b_c", "a:b"] { #expect(ResourcePath.isValidPathPart(valid), "\(valid)") }
        for invalid in ["", "a b", "{}", "{a", "a}", "{a+b}", "pets/", "é"] { #expect(!ResourcePath.isValidPathPart(invalid), "\(invalid)") }
        #expect(ResourcePath.isGreedy("{proxy+}") && !ResourcePath.isGreedy("{id}"))
    }

    @Test func apiKeyValueLength() {
        #expect(throws: APIGatewayError.badRequest("API Key value should be at least 20 characters")) {
            try APIGatewayService.validateKeyValue(String(repeating: "a", count: 19))
        }
        #expect(throws: APIGatewayError.badRequest("API Key value exceeds maximum size of 128 characters")) {
            try APIGatewayService.validateKeyValue(String(repeating: "a", count: 129))
        }
        #expect(throws: Never.self) { try APIGatewayService.validateKeyValue(String(repeating: "a", count: 20)) }
    }

    @Test func apiKeyCSV() throws {
        let file = try ApiKeyCSV(parsing: """
            Enabled,Name,key,UsageplanIds,Extra
            true,first,apikey1234abcdefghij0123456789,"c7y23b,glvrsr",ignored
            FALSE,second,'quoted,key-abcdefghijklmnopq',,
            """)
        #expect(file.entries.count == 2)
        #expect(file.entries[0] == .init(name: "first", key: "apikey1234abcdefghij0123456789", description: "", enabled: true,
                                         usagePlanIds: ["c7y23b", "glvrsr"]))
        #expect(file.entries[1].key == "quoted,key-abcdefghijklmnopq" && file.entries[1].enabled == false)
        #expect(throws: APIGatewayError.self) { try ApiKeyCSV(parsing: "name,description\nx,y\n") }
        #expect(throws: APIGatewayError.self) { try ApiKeyCSV(parsing: "name,key\nx,short\n") }
        #expect(throws: APIGatewayError.self) { try ApiKeyCSV(parsing: "") }
        // Unterminated quotes and stray carriage returns parse without trapping.
        _ = try? ApiKeyCSV(parsing: "name,key\r\n\"x,\"\"\r")
    }

    @Test func integrationRules() {
        #expect(throws: APIGatewayError.badRequest("Enumeration value for HttpMethod must be non-empty")) {
            try APIGatewayService.validate(Integration(type: "HTTP", uri: "http://example.com"))
        }
        #expect(throws: APIGatewayError.badRequest("AWS ARN for integration must contain path or action")) {
            try APIGatewayService.validate(Integration(type: "AWS", httpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:sqs:queue"))
        }
        #expect(throws: Never.self) {
            try APIGatewayService.validate(Integration(type: "AWS", httpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:sqs:path/000000000000/q"))
            try APIGatewayService.validate(Integration(type: "MOCK"))
        }
    }

    @Test func cognitoAuthorizersAreRefused() {
        let authorizer = Authorizer(id: "x", name: "c", type: "COGNITO_USER_POOLS", identitySource: "method.request.header.Authorization")
        #expect(throws: APIGatewayError.self) { try APIGatewayService.validate(authorizer) }
        let token = Authorizer(id: "t", name: "t", type: "TOKEN",
                               authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:0:function:f/invocations",
                               identitySource: "method.request.header.Authorization")
        #expect(throws: Never.self) { try APIGatewayService.validate(token) }
        var noHeader = token
        noHeader.identitySource = "method.request.querystring.token"
        #expect(throws: APIGatewayError.self) { try APIGatewayService.validate(noHeader) }
    }

    @Test func gatewayResponseDefaults() {
        let all = GatewayResponse.effective([GatewayResponse(responseType: "UNAUTHORIZED", statusCode: "401", defaultResponse: false)])
        #expect(all.count == 21)
        #expect(all.first { $0.responseType == "UNAUTHORIZED" }?.defaultResponse == false)
        #expect(all.first { $0.responseType == "THROTTLED" }?.statusCode == "429")
        #expect(all.first { $0.responseType == "DEFAULT_5XX" }?.statusCode == nil)
    }

    @Test func usageDays() throws {
        let start = try #require(UsageDays.date("2024-02-28"))
        let end = try #require(UsageDays.date("2024-03-01"))
        #expect(UsageDays.days(from: start, to: end).map(UsageDays.day) == ["2024-02-28", "2024-02-29", "2024-03-01"])
        #expect(UsageDays.date("2023-02-29") == nil && UsageDays.date("2024-1-01") == nil && UsageDays.date("x") == nil)
    }
}
