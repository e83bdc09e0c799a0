@testable import BrumeAPIGateway
import BrumeGatewayRules
import BrumeWire
import Foundation
import Testing

@Suite("Data plane: the Lambda proxy event (payload 1.0) and the function's answer")
struct DataPlaneProxyEventTests {
    let target = InvokeTarget(apiID: "abc123", stage: "prod", path: "/pets/7", domainName: "abc123.execute-api.localhost")
    let match = RouteTable.Match(resourceID: "r1", resourcePath: "/pets/{id}", method: "GET", pathParameters: ["id": "7"])

    func event(headers: [(String, String)], query: [(String, String)], body: [UInt8], binary: [String] = []) -> JSONValue {
        let request = ClientRequest(
            method: "POST", target: target, headers: headers.map { (name: $0.0, value: $0.1) }, query: query.map { (name: $0.0, value: $0.1) },
            body: body, sourceIP: "127.0.0.1", receivedAt: Date(timeIntervalSince1970: 1_583_349_317.135)
        )
        let context = ProxyEvent.Context(
            accountID: "000000000000", requestID: "req-1", extendedRequestID: "ext=", match: match, stageVariables: [:],
            apiKey: (id: "k1", value: "secret"), authorizer: nil, iamCaller: nil
        )
        return ProxyEvent.build(request, context: context, binaryMediaTypes: binary)
    }

    @Test("Every member is present, with absent maps as null and no version member")
    func members() {
        let event = event(headers: [], query: [], body: [])
        #expect(event.objectValue?.keys == [
            "resource", "path", "httpMethod", "headers", "multiValueHeaders", "queryStringParameters",
            "multiValueQueryStringParameters", "pathParameters", "stageVariables", "requestContext", "body", "isBase64Encoded",
        ])
        #expect(event["headers"] == .null)
        #expect(event["queryStringParameters"] == .null)
        #expect(event["multiValueQueryStringParameters"] == .null)
        #expect(event["stageVariables"] == .null)
        #expect(event["body"] == .null)
        #expect(event["pathParameters"] == ["id": "7"])
        #expect(event["resource"] == "/pets/{id}")
        #expect(event["path"] == "/pets/7")
        let context = event["requestContext"]
        #expect(context?["path"] == "/prod/pets/7")
        #expect(context?["requestTime"] == "04/Mar/2020:19:15:17 +0000")
        #expect(context?["requestTimeEpoch"] == .int(1_583_349_317_135))
        #expect(context?["identity"]?["apiKey"] == "secret")
        #expect(context?["identity"]?["apiKeyId"] == "k1")
        #expect(context?["identity"]?["sourceIp"] == "127.0.0.1")
        #expect(context?["domainPrefix"] == "abc123")
        #expect(context?["resourceId"] == "r1")
        #expect(context?["authorizer"] == nil)
    }

    @Test("Repeated headers and query parameters: the last in the single-value map, all in the multi-value one")
    func multiValues() {
        let event = event(headers: [("X-A", "1"), ("X-A", "2")], query: [("q", "a"), ("q", "b")], body: Array("hi".utf8))
        #expect(event["headers"]?["X-A"] == "2")
        #expect(event["multiValueHeaders"]?["X-A"] == ["1", "2"])
        #expect(event["queryStringParameters"]?["q"] == "b")
        #expect(event["multiValueQueryStringParameters"]?["q"] == ["a", "b"])
        #expect(event["body"] == "hi")
        #expect(event["isBase64Encoded"] == false)
    }

    @Test("A binary media type body travels base64-encoded")
    func binaryBody() {
        let event = event(headers: [("Content-Type", "image/png")], query: [], body: [0, 255], binary: ["image/*"])
        #expect(event["body"] == "AP8=")
        #expect(event["isBase64Encoded"] == true)
    }

    @Test("The function's answer: status, headers, multi-value headers and base64 bodies; anything else is malformed")
    func answers() {
        let answer = ProxyResponse(payload: Array(#"{"statusCode":201,"headers":{"A":"1","B":2},"multiValueHeaders":{"B":["x","y"]},"body":"ok"}"#.utf8))
        #expect(answer?.status == 201)
        #expect(answer?.headers.map { "\($0.name)=\($0.value)" } == ["A=1", "B=x", "B=y"])
        #expect(answer?.body == Array("ok".utf8))
        #expect(ProxyResponse(payload: Array(#"{"statusCode":"200","body":"AP8=","isBase64Encoded":true}"#.utf8))?.body == [0, 255])
        #expect(ProxyResponse(payload: Array(#"{"statusCode":200}"#.utf8))?.body == [])
        for malformed in [#"{"body":"x"}"#, #"{"statusCode":200,"body":{"a":1}}"#, #"[1]"#, #"not json"#,
                          #"{"statusCode":200,"extra":1}"#, #"{"statusCode":200,"headers":{"a":{}}}"#] {
            #expect(ProxyResponse(payload: Array(malformed.utf8)) == nil, "\(malformed)")
        }
    }
}
