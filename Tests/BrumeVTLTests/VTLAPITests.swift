import BrumeVTL
import Testing

@Suite struct VTLAPITests {
    @Test func theCallerReadsOverridesBack() throws {
        let (context, map) = VTLFixture.context()
        let template = try VTLTemplate("#set($context.responseOverride.status = 418)ok")
        #expect(try template.render(context) == "ok")
        let status = try #require(map["responseOverride"]?.mapValue?["status"])
        #expect(status.rendered == "418")
    }

    @Test func aTemplateRendersManyTimesWithFreshVariables() throws {
        let template = try VTLTemplate("#set($n = $n + 1)$n")
        #expect(try template.render(["n": .int(1)]) == "2")
        #expect(try template.render(["n": .int(5)]) == "6")
    }

    @Test func objectsSuppliedByTheCaller() throws {
        final class Clock: VTLObject {
            func property(_ name: String) throws(VTLError) -> VTLValue? { name == "zone" ? .string("UTC") : nil }
            func call(_ method: String, _ arguments: [VTLValue]) throws(VTLError) -> VTLValue? {
                switch method {
                case "getEpoch": return .int(42)
                case "plus": return arguments.first.map { value in
                    if case .int(let n) = value { return .int(42 + n) }
                    return .null
                }
                default: return nil
                }
            }
            func render() throws(VTLError) -> String { "clock" }
        }
        let output = try VTLTemplate("$clock $clock.zone $clock.epoch $clock.plus(1) [$clock.nope]").render(["clock": .object(Clock())])
        #expect(output == "clock UTC 42 43 []")
    }

    @Test func valuesConvertToAndFromJSON() throws {
        let value = try VTLValue(json: #"{"a":[1,2.5,"x",null,true],"b":{}}"#)
        #expect(value.json == #"{"a":[1,2.5,"x",null,true],"b":{}}"#)
        #expect(value.rendered == "{a=[1, 2.5, x, null, true], b={}}")
        #expect(throws: VTLError.self) { try VTLValue(json: "[1,") }
    }

    @Test func utilHelpersMatchJava() {
        #expect(VTLUtil.escapeJavaScript("'\"\\/\u{1}😀") == #"\'\"\\\/\u0001\uD83D\uDE00"#)
        #expect(VTLUtil.urlEncode("~!'()") == "%7E%21%27%28%29")
    }

    @Test func renderingAnAPIGatewayErrorKeepsItsMessage() throws {
        let error = VTLError(.runtime, "boom", line: 3, column: 4)
        #expect(error.description == "boom at line 3, column 4")
    }
}
