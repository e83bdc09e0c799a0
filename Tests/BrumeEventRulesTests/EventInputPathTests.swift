import BrumeWire
import Testing
@testable import BrumeEventRules

@Suite struct EventInputPathTests {
    @Test(arguments: ["$", "$.detail", "$.detail.instance-id", "$.detail.under_score", "$.resources[0]", "$.detail.*",
                      "$.resources[*]", "$.detail['instance-id']", #"$.detail["a b"]"#, "$.a/b.c"])
    func acceptsTheDialect(_ path: String) {
        #expect(throws: Never.self) { try EventInputPath.validate(path) }
    }

    @Test(arguments: ["", "detail", "$..detail", "$.detail[?(@.a)]", "$.resources[0:1]", "$.resources[-1]", "$.",
                      "$.a[", "$.a[0,1]", "$['a'", "$.a b"])
    func refusesOtherPaths(_ path: String) {
        #expect(throws: InputTransformerError(message: "InputPath \(path) is not a valid JSON path.")) {
            try EventInputPath.validate(path)
        }
    }

    @Test func refusesLongPaths() {
        let long = "$." + String(repeating: "a", count: 255)
        #expect(throws: InputTransformerError(message: "InputPath must be at most 256 characters long.")) {
            try EventInputPath.validate(long)
        }
    }

    @Test func selectsWhatThePathNames() {
        #expect(EventInputPath.select("$", in: instanceEvent) == instanceEvent)
        #expect(EventInputPath.select("$.detail", in: instanceEvent) == ["instance-id": "i-0123456789", "state": "RUNNING"])
        #expect(EventInputPath.select("$.detail.state", in: instanceEvent) == "RUNNING")
        #expect(EventInputPath.select("$.detail['instance-id']", in: instanceEvent) == "i-0123456789")
        #expect(EventInputPath.select("$.resources[0]", in: instanceEvent) == "arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111")
        #expect(EventInputPath.select("$.detail.*", in: instanceEvent) == ["i-0123456789", "RUNNING"])
    }

    @Test func selectsNothingWhenNothingMatches() {
        #expect(EventInputPath.select("$.detail.missing", in: instanceEvent) == nil)
        #expect(EventInputPath.select("$.resources[3]", in: instanceEvent) == nil)
        #expect(EventInputPath.select("$.source[0]", in: instanceEvent) == nil)
        #expect(EventInputPath.select("$.source.*", in: instanceEvent) == nil)
        #expect(EventInputPath.select("not a path", in: instanceEvent) == nil)
    }
}
