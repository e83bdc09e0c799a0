import BrumeWire
import Testing
@testable import BrumeEventRules

/// The EC2 event the input-transformation guide works with.
let instanceEvent: JSONValue = [
    "version": "0",
    "id": "7bf73129-1428-4cd3-a780-95db273d1602",
    "detail-type": "EC2 Instance State-change Notification",
    "source": "aws.ec2",
    "account": "123456789012",
    "time": "2015-11-11T21:29:54Z",
    "region": "us-east-1",
    "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
    "detail": ["instance-id": "i-0123456789", "state": "RUNNING"],
]

let instancePaths = ["instance": "$.detail.instance-id", "state": "$.detail.state"]

@Suite struct InputTransformerTests {
    func transformed(_ template: String, paths: [String: String] = instancePaths) throws -> String {
        try InputTransformer(inputPathsMap: paths, inputTemplate: template).transform(instanceEvent)
    }

    @Test func aQuotedTemplateGetsBareValues() throws {
        #expect(try transformed(#""<instance> is in state <state>""#) == #""i-0123456789 is in state RUNNING""#)
    }

    @Test func aPlainTextTemplateQuotesStringValues() throws {
        // Outside a JSON string a value is written as JSON, so a string gets its quotes.
        #expect(try transformed("instance <instance> is in state <state>") == #"instance "i-0123456789" is in state "RUNNING""#)
    }

    @Test func aJSONTemplateTakesValuesInAndOutOfStrings() throws {
        let output = try transformed(#"{"instance": <instance>, "message": "<instance> is in state \"<state>\""}"#)
        #expect(output == #"{"instance": "i-0123456789", "message": "i-0123456789 is in state \"RUNNING\""}"#)
        #expect(try json(output)["message"] == "i-0123456789 is in state \"RUNNING\"")
    }

    @Test func objectsAndNumbersKeepTheirJSONOutsideStrings() throws {
        let output = try transformed(#"{"detail": <detail>, "resources": <resources>, "count": <count>}"#,
                                     paths: ["detail": "$.detail", "resources": "$.resources", "count": "$.detail.count"])
        #expect(try json(output) == [
            "detail": ["instance-id": "i-0123456789", "state": "RUNNING"],
            "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
            "count": nil,
        ])
    }

    @Test func anObjectInsideAStringLosesItsQuotes() throws {
        #expect(try transformed(#""Detail is <detail>""#, paths: ["detail": "$.detail"])
            == #""Detail is {instance-id:i-0123456789,state:RUNNING}""#)
    }

    @Test func aMissingValueIsNullInJSONAndEmptyInAString() throws {
        let output = try transformed(#"{"value": <missing>, "text": "[<missing>]"}"#, paths: ["missing": "$.detail.nothing"])
        #expect(output == #"{"value": null, "text": "[]"}"#)
    }

    @Test func predefinedVariablesNeedNoPath() throws {
        let transformer = try InputTransformer(
            inputPathsMap: [:],
            inputTemplate: #"{"arn": <aws.events.rule-arn>, "name": "rule <aws.events.rule-name>", "at": <aws.events.event.ingestion-time>}"#)
        let output = transformer.transform(
            instanceEvent, ruleName: "watch", ruleArn: "arn:aws:events:us-east-1:123456789012:rule/watch",
            ingestionTime: "2015-11-11T21:29:55Z")
        #expect(try json(output) == [
            "arn": "arn:aws:events:us-east-1:123456789012:rule/watch", "name": "rule watch", "at": "2015-11-11T21:29:55Z",
        ])
    }

    @Test func theEventVariablesCarryTheEventWithAndWithoutItsDetail() throws {
        let transformer = try InputTransformer(
            inputPathsMap: [:], inputTemplate: #"{"event": <aws.events.event>, "full": <aws.events.event.json>}"#)
        let output = try json(transformer.transform(instanceEvent))
        #expect(output["full"] == instanceEvent)
        #expect(output["event"]?["detail"] == nil)
        #expect(output["event"]?["id"] == "7bf73129-1428-4cd3-a780-95db273d1602")
    }

    @Test func unknownPlaceholdersStayAsText() throws {
        #expect(try transformed("a <b> <state>") == #"a <b> "RUNNING""#)
    }

    @Test func wildcardPathsYieldArrays() throws {
        let output = try transformed(#"{"all": <all>}"#, paths: ["all": "$.detail.*"])
        #expect(try json(output) == ["all": ["i-0123456789", "RUNNING"]])
    }
}

@Suite struct InputTransformerValidationTests {
    func refusal(_ paths: [String: String], _ template: String) -> InputTransformerError? {
        do {
            _ = try InputTransformer(inputPathsMap: paths, inputTemplate: template)
            return nil
        } catch {
            return error
        }
    }

    @Test func acceptsUpToOneHundredPaths() {
        let hundred = Dictionary(uniqueKeysWithValues: (0..<100).map { ("v\($0)", "$.detail.v\($0)") })
        #expect(refusal(hundred, "<v0>") == nil)
        var more = hundred
        more["v100"] = "$.detail.v100"
        #expect(refusal(more, "<v0>") == InputTransformerError(message: "InputPathsMap must contain at most 100 entries."))
    }

    @Test(arguments: ["", "has space", "aws.events.event", "dotted.name", "ünïcode", String(repeating: "k", count: 257)])
    func refusesBadNames(_ name: String) {
        #expect(refusal([name: "$.detail"], "x")?.message.hasPrefix("InputPathsMap key") == true)
    }

    @Test(arguments: ["detail", "$..state", "$.detail['state']", "$.items[?(@.a)]", "$.items[0:2]", "$.", "$ .a",
                      "$." + String(repeating: "a", count: 255)])
    func refusesPathsOutsideTheDialect(_ path: String) {
        #expect(refusal(["v": path], "<v>") == InputTransformerError(
            message: "InputPathsMap value \(path) for key v is not a valid JSON path."))
    }

    @Test func refusesEmptyAndOversizedTemplates() {
        #expect(refusal([:], "")?.message == "InputTemplate must be between 1 and 8192 characters long.")
        #expect(refusal([:], String(repeating: "x", count: 8193))?.message == "InputTemplate must be between 1 and 8192 characters long.")
        #expect(refusal([:], String(repeating: "x", count: 8192)) == nil)
    }

    @Test func refusesJSONObjectTemplatesThatAreNotJSON() {
        #expect(refusal(["v": "$.a"], #"{"a": <v>,}"#)?.message == "InputTemplate is not valid JSON.")
        #expect(refusal(["v": "$.a"], #"{"a": "<v>"#)?.message == "InputTemplate is not valid JSON.")
        #expect(refusal(["v": "$.a"], #"{"a": <v>, "b": "<v> text"}"#) == nil)
    }

    @Test func refusesPlaceholdersAsKeys() {
        let message = "InputTemplate cannot use a placeholder as an object key."
        #expect(refusal(["v": "$.a"], #"{<v>: 1}"#)?.message == message)
        #expect(refusal(["v": "$.a"], #"{"<v>": 1}"#)?.message == message)
        #expect(refusal(["v": "$.a"], #"{"a": {"key-<v>": 1}}"#)?.message == message)
    }
}
