@testable import BrumeAPIGateway
import BrumeGatewayRules
import Testing

@Suite("Data plane routing: literal beats {param} beats {proxy+}, on resource and method together")
struct DataPlaneRoutingTests {
    let table = RouteTable(resources: [
        .init(id: "root", path: "/", methods: ["GET"]),
        .init(id: "pets", path: "/pets", methods: ["GET", "POST"]),
        .init(id: "pet", path: "/pets/{petId}", methods: ["GET", "DELETE"]),
        .init(id: "mine", path: "/pets/mine", methods: ["GET"]),
        .init(id: "proxy", path: "/{proxy+}", methods: ["ANY"]),
        .init(id: "toys", path: "/pets/{petId}/toys/{toy+}", methods: ["GET"]),
    ])

    @Test("A literal segment beats a parameter, which beats a greedy parameter")
    func specificity() {
        #expect(table.match(method: "GET", rawPath: "/pets/mine")?.resourceID == "mine")
        let pet = table.match(method: "GET", rawPath: "/pets/42")
        #expect(pet?.resourceID == "pet")
        #expect(pet?.pathParameters == ["petId": "42"])
        #expect(pet?.resourcePath == "/pets/{petId}")
        let proxy = table.match(method: "GET", rawPath: "/a/b/c")
        #expect(proxy?.resourceID == "proxy")
        #expect(proxy?.method == "ANY")
        #expect(proxy?.pathParameters == ["proxy": "a/b/c"])
        #expect(table.match(method: "GET", rawPath: "/")?.resourceID == "root")
    }

    @Test("Resource and method match together; ANY is the fallback; a more general resource with the method wins")
    func methods() {
        // /pets/mine has no DELETE: /pets/{petId} has it.
        #expect(table.match(method: "DELETE", rawPath: "/pets/mine")?.resourceID == "pet")
        // /pets/42 has no POST: the greedy ANY resource takes it.
        #expect(table.match(method: "POST", rawPath: "/pets/42")?.resourceID == "proxy")
        // / has no POST and {proxy+} needs at least one segment.
        #expect(table.match(method: "POST", rawPath: "/") == nil)
    }

    @Test("Greedy parameters take the rest; parameters are decoded; no match is nil")
    func greedyAndDecoding() {
        let toys = table.match(method: "GET", rawPath: "/pets/7/toys/ball/red")
        #expect(toys?.resourceID == "toys")
        #expect(toys?.pathParameters == ["petId": "7", "toy": "ball/red"])
        #expect(table.match(method: "GET", rawPath: "/pets/a%20b")?.pathParameters == ["petId": "a b"])
        let strict = RouteTable(resources: [.init(id: "a", path: "/a", methods: ["GET"])])
        #expect(strict.match(method: "GET", rawPath: "/b") == nil)
        #expect(strict.match(method: "GET", rawPath: "/a/b") == nil)
        #expect(strict.match(method: "PUT", rawPath: "/a") == nil)
    }
}
