@testable import BrumeEvents
import Testing

@Suite struct EventsNamesTests {
    let bus = BusKey(account: "123456789012", region: "eu-west-1", name: "default")

    @Test func ruleARNsNameTheBusOnlyWhenItIsNotDefault() {
        #expect(EventsNames.ruleARN(RuleKey(bus: bus, name: "r")) == "arn:aws:events:eu-west-1:123456789012:rule/r")
        var custom = bus
        custom.name = "orders"
        #expect(EventsNames.ruleARN(RuleKey(bus: custom, name: "r")) == "arn:aws:events:eu-west-1:123456789012:rule/orders/r")
    }

    @Test func resourceARNsRoundTrip() {
        let rule = RuleKey(bus: BusKey(account: "123456789012", region: "eu-west-1", name: "orders"), name: "r")
        #expect(EventsNames.resource(EventsNames.ruleARN(rule)) == .rule(rule))
        #expect(EventsNames.resource(EventsNames.busARN(bus)) == .bus(bus))
        #expect(EventsNames.resource("arn:aws:sqs:us-east-1:1:q") == nil)
    }

    @Test func busNamesComeFromNamesOrARNs() throws {
        let here = (account: "000000000000", region: "us-east-1")
        #expect(try EventsNames.busName(nil, member: "eventBusName", account: here.account, region: here.region) == "default")
        #expect(try EventsNames.busName(
            "arn:aws:events:us-east-1:000000000000:event-bus/orders", member: "eventBusName", account: here.account, region: here.region
        ) == "orders")
        #expect(throws: EventsError.self) { try EventsNames.busName("bad name", member: "eventBusName", account: here.account, region: here.region) }
        #expect(throws: EventsError.resourceNotFound("Event bus arn:aws:events:eu-west-1:000000000000:event-bus/orders does not exist.")) {
            try EventsNames.busName("arn:aws:events:eu-west-1:000000000000:event-bus/orders", member: "eventBusName", account: here.account, region: here.region)
        }
    }

    @Test func ruleNamesFollowTheModel() {
        #expect(throws: Never.self) { try EventsNames.checkRuleName("a.b-c_D9", member: "name") }
        #expect(throws: EventsError.constraint("a b", at: "name", #"Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+"#)) {
            try EventsNames.checkRuleName("a b", member: "name")
        }
        #expect(throws: EventsError.self) { try EventsNames.checkRuleName(String(repeating: "a", count: 65), member: "name") }
    }

    @Test func pageTokensContinueAfterTheLastName() throws {
        let names = ["a", "b", "c"]
        let first = try PageToken.page(names, name: { $0 }, kind: "rules", token: nil, limit: 2)
        #expect(Array(first.page) == ["a", "b"])
        let second = try PageToken.page(names, name: { $0 }, kind: "rules", token: first.next, limit: 2)
        #expect(Array(second.page) == ["c"])
        #expect(second.next == nil)
        #expect(throws: EventsError.invalidToken) { try PageToken.page(names, name: { $0 }, kind: "buses", token: first.next, limit: 2) }
    }
}
