import BrumeWire
import Foundation
import Testing

/// Crashes the `xml` fuzz target found in the XML reader of S3 request bodies.
@Suite struct XMLReaderRegressionTests {
    /// `fuzz/crashes/xml/element-name-not-utf8`: FoundationXML force-unwraps the element name
    /// libxml2 hands it, and trapped on `<\xFF\xFF\xFF/`, so one DeleteObjects or
    /// CompleteMultipartUpload body took the whole stack down.
    @Test func elementNameThatIsNotUTF8IsRefused() {
        #expect(throws: XMLTreeError.self) { try XMLTree.parse(Data([0x3C, 0xFF, 0xFF, 0xFF, 0x2F])) }
        #expect(throws: XMLTreeError.self) { try XMLTree.parse(Data([0x3C, 0x61, 0xC3, 0x3E, 0x3C, 0x2F, 0x61, 0xC3, 0x3E])) }
    }

    @Test func utf8NamesAndTextStillParse() throws {
        let tree = try XMLTree.parse(Data("<Tagging><TagSet><Tag><Key>clé</Key><Value>値</Value></Tag></TagSet></Tagging>".utf8))
        #expect(tree.child("TagSet")?.child("Tag")?.child("Key")?.text == "clé")
        #expect(tree.child("TagSet")?.child("Tag")?.child("Value")?.text == "値")
    }
}
