@testable import BrumeAPIGateway
import BrumeGatewayRules
import Testing

@Suite("Data plane: invoke URLs in every form clients use")
struct DataPlaneInvokeTargetTests {
    @Test("The execute-api host names the API; the path starts with the stage")
    func hostForm() {
        let target = InvokeTarget(rawPath: "/prod/pets/1", host: "abc123.execute-api.localhost:4566")
        #expect(target == InvokeTarget(apiID: "abc123", stage: "prod", path: "/pets/1", domainName: "abc123.execute-api.localhost"))
        #expect(target?.domainPrefix == "abc123")
        #expect(InvokeTarget(rawPath: "/prod", host: "abc.execute-api.us-east-1.amazonaws.com")?.path == "/")
        #expect(InvokeTarget(rawPath: "/prod/", host: "abc.execute-api.localhost")?.path == "/")
        #expect(InvokeTarget(rawPath: "/", host: "abc.execute-api.localhost")?.stage == "")
    }

    @Test("/_aws/execute-api/{api}/{stage}/{path} on any host")
    func awsPrefixForm() {
        let target = InvokeTarget(rawPath: "/_aws/execute-api/abc/dev/a/b%20c", host: "localhost:4566")
        #expect(target == InvokeTarget(apiID: "abc", stage: "dev", path: "/a/b%20c", domainName: "abc.execute-api.localhost"))
        #expect(InvokeTarget(rawPath: "/_aws/execute-api/abc/dev", host: nil)?.path == "/")
        #expect(InvokeTarget(rawPath: "/_aws/execute-api/", host: nil) == nil)
    }

    @Test("/restapis/{api}/{stage}/_user_request_/{path}; the control plane's paths are not invoke URLs")
    func userRequestForm() {
        #expect(InvokeTarget(rawPath: "/restapis/abc/prod/_user_request_/pets", host: "localhost")
            == InvokeTarget(apiID: "abc", stage: "prod", path: "/pets", domainName: "abc.execute-api.localhost"))
        #expect(InvokeTarget(rawPath: "/restapis/abc/prod/_user_request_", host: nil)?.path == "/")
        #expect(InvokeTarget(rawPath: "/restapis/abc/resources/r1", host: nil) == nil)
        #expect(InvokeTarget(rawPath: "/restapis/abc/stages/prod", host: nil) == nil)
        #expect(InvokeTarget(rawPath: "/restapis/abc/prod/_user_request_x/y", host: nil) == nil)
        #expect(InvokeTarget(rawPath: "/bucket/key", host: "localhost") == nil)
    }
}
