@testable import BrumeStates
import Testing

/// `$.a.b` paths skip the general parser; they must parse to exactly what it gives, and every
/// other shape must fall through to it.
@Suite struct JSONPathFastPathTests {
    /// The general parser alone.
    static func general(_ text: String) -> JSONPath? {
        var parser = JSONPathParser(text: text)
        guard let root = try? parser.parseRoot(), let segments = try? parser.parseSegments(inFilter: false), parser.atEnd else { return nil }
        return JSONPath(text: text, root: root, segments: segments)
    }

    @Test(arguments: ["$.a", "$.a.b", "$.order_id.line-items.x9", "$.A.Z0", "$.é", "$.a b", "$..a", "$.a.", "$.", "$",
                      "$.a[0]", "$.*", "$$.Execution.Id", "$var.a", "$.a(", "$.a.*.b", "a.b", "$.a..b"])
    func theFastPathAgreesWithTheGeneralParser(_ text: String) {
        if let fast = JSONPath.dottedNames(text) {
            #expect(Self.general(text) == JSONPath(text: text, root: .input, segments: fast))
        }
        #expect((try? JSONPath(text)) == Self.general(text))
    }

    @Test func dottedASCIINamesTakeTheFastPath() {
        #expect(JSONPath.dottedNames("$.a.b_c.d-e") == [.child(.name("a")), .child(.name("b_c")), .child(.name("d-e"))])
        #expect(JSONPath.dottedNames("$") == nil)
        #expect(JSONPath.dottedNames("$.a[0]") == nil)
    }
}
