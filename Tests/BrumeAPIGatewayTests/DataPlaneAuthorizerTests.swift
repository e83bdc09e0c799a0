@testable import BrumeAPIGateway
import BrumeGatewayRules
import BrumeWire
import Testing

@Suite("Data plane: Lambda authorizer policies, evaluated again against each method ARN")
struct DataPlaneAuthorizerTests {
    func result(_ json: String) -> AuthorizerResult? { AuthorizerResult(payload: Array(json.utf8)) }

    let arn = "arn:aws:execute-api:us-east-1:000000000000:abc/prod/GET/pets/7"

    @Test("Allow, explicit Deny winning, and no statement meaning deny")
    func decisions() throws {
        let allow = try #require(result(#"{"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:000000000000:abc/prod/*"}]}}"#))
        #expect(allow.decision(for: arn) == .allow)
        #expect(allow.decision(for: "arn:aws:execute-api:us-east-1:000000000000:abc/dev/GET/pets") == .deny)
        let mixed = try #require(result(#"{"principalId":"u","policyDocument":{"Statement":[{"Action":"*","Effect":"Allow","Resource":["*"]},{"Action":["execute-api:Invoke"],"Effect":"Deny","Resource":"arn:aws:execute-api:*:*:abc/prod/GET/pets/?"}]}}"#))
        #expect(mixed.decision(for: arn) == .explicitDeny)
        #expect(mixed.decision(for: "arn:aws:execute-api:us-east-1:000000000000:abc/prod/GET/pets/77") == .allow)
    }

    @Test("Context keeps scalars; objects in the context, a missing principal or policy are refused")
    func shapes() {
        let good = result(#"{"principalId":"u","policyDocument":{"Statement":[]},"context":{"a":"x","n":1,"b":true},"usageIdentifierKey":"k"}"#)
        #expect(good?.context == ["a": "x", "n": 1, "b": true])
        #expect(good?.usageIdentifierKey == "k")
        #expect(result(#"{"principalId":"u","policyDocument":{"Statement":[]},"context":{"a":{"b":1}}}"#) == nil)
        #expect(result(#"{"policyDocument":{"Statement":[]}}"#) == nil)
        #expect(result(#"{"principalId":"u"}"#) == nil)
        #expect(result(#"{"principalId":"u","policyDocument":{"Statement":[{"Action":"*","Resource":"*"}]}}"#) == nil)
    }

    @Test("IAM wildcards: * spans slashes, ? is one character")
    func glob() {
        #expect(AuthorizerResult.glob("a*c", matches: "ab/bc"))
        #expect(AuthorizerResult.glob("a?c", matches: "abc"))
        #expect(!AuthorizerResult.glob("a?c", matches: "abbc"))
        #expect(AuthorizerResult.glob("*", matches: ""))
        #expect(!AuthorizerResult.glob("abc", matches: "abcd"))
    }
}
