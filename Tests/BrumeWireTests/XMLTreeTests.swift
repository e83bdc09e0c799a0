import BrumeWire
import Foundation
import Testing

/// Limits of the XML reader that S3 request bodies go through; found by scripts/protocol-fuzz.
@Suite("XML tree limits")
struct XMLTreeTests {
    static func nested(_ depth: Int) -> Data {
        Data((String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)).utf8)
    }

    @Test("A document nested 100,000 deep is malformed, not a stack overflow")
    func deepNestingIsMalformed() {
        #expect(throws: XMLTreeError.self) { try XMLTree.parse(Self.nested(100_000)) }
    }

    @Test("Nesting up to the maximum depth parses")
    func nestingAtTheLimitParses() throws {
        let tree = try XMLTree.parse(Self.nested(XMLTree.maximumDepth))
        #expect(tree.name == "a")
        #expect(throws: XMLTreeError.self) { try XMLTree.parse(Self.nested(XMLTree.maximumDepth + 1)) }
    }

    @Test("Processing instructions without data are malformed, not a null dereference in FoundationXML",
          arguments: ["<?xml?>", "<?xml?><a/>", "<?pi?><a/>", "<a/><?xml?>", "<?xml version=\"1.0\"?><?pi?><a/>", "<??>"])
    func processingInstructionWithoutData(document: String) {
        #expect(throws: XMLTreeError.self) { try XMLTree.parse(Data(document.utf8)) }
    }

    @Test("Processing instructions with data and XML declarations still parse")
    func processingInstructionsWithData() throws {
        #expect(try XMLTree.parse(Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>".utf8)).name == "a")
        #expect(try XMLTree.parse(Data("<?pi x?><a><?pi ?></a>".utf8)).name == "a")
    }
}
