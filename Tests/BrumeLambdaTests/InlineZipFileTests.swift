@testable import BrumeLambda
import BrumeWire
import Foundation
import NIOCore
import Testing

@Suite("Inline ZipFile left in the body")
struct InlineZipFileTests {
    private func separate(_ json: String, path: [String]) -> (remainder: String, text: String)? {
        guard let (remainder, zipFile) = InlineZipFile.separate(ByteBuffer(string: json), path: path) else { return nil }
        return (String(decoding: remainder, as: UTF8.self), zipFile.withText { String(decoding: $0, as: UTF8.self) })
    }

    @Test("CreateFunction's Code.ZipFile is cut out of the body, and the rest parses as it came")
    func createFunction() throws {
        let json = #"{"FunctionName": "f", "Code": {"S3Bucket": null, "ZipFile": "UEsDBA=="}, "Tags": {"ZipFile": "not this"}}"#
        let (remainder, text) = try #require(separate(json, path: ["Code", "ZipFile"]))
        #expect(text == "UEsDBA==")
        #expect(remainder == #"{"FunctionName": "f", "Code": {"S3Bucket": null, "ZipFile": ""}, "Tags": {"ZipFile": "not this"}}"#)
        let input = try LambdaInput(body: Array(remainder.utf8))
        #expect(try input.object("Code")?.string("ZipFile") == "")
        #expect(try input.object("Tags")?.string("ZipFile") == "not this")
    }

    @Test("UpdateFunctionCode's ZipFile is found past strings, arrays and objects that mention it")
    func updateFunctionCode() throws {
        let json = #"{"Architectures": ["x86_64", "{\"ZipFile\": \"x\"}"], "Nested": {"a": [1, {"ZipFile": "no"}]}, "Publish": true, "ZipFile":"QUJD"}"#
        let (remainder, text) = try #require(separate(json, path: ["ZipFile"]))
        #expect(text == "QUJD")
        #expect(remainder.hasSuffix(#""Publish": true, "ZipFile":""}"#))
    }

    @Test("a repeated member keeps the last, as the JSON parser does")
    func repeated() throws {
        let (_, text) = try #require(separate(#"{"ZipFile": "Zmlyc3Q=", "ZipFile": "bGFzdA=="}"#, path: ["ZipFile"]))
        #expect(text == "bGFzdA==")
    }

    @Test("bodies where the member is missing, not a string, or the JSON is broken are left to the parser")
    func leftAlone() {
        #expect(separate(#"{"S3Bucket": "b"}"#, path: ["ZipFile"]) == nil)
        #expect(separate(#"{"ZipFile": 12}"#, path: ["ZipFile"]) == nil)
        #expect(separate(#"{"Code": "text"}"#, path: ["Code", "ZipFile"]) == nil)
        #expect(separate(#"{"ZipFile": "abc"#, path: ["ZipFile"]) == nil)
        #expect(separate(#"["ZipFile", "abc"]"#, path: ["ZipFile"]) == nil)
        #expect(separate("", path: ["ZipFile"]) == nil)
    }
}

@Suite("Packages staged on disk")
struct StagedPackageTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("brume-staged-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("base64 text decodes in chunks to the same bytes and digest as decoding it whole")
    func decodesInChunks() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Longer than one chunk, and not a multiple of 3, so the last quantum is padded.
        let bytes = (0..<(StagedPackage.base64ChunkCharacters + 1001)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let text = Data(bytes).base64EncodedString()
        let json = #"{"ZipFile": "\#(text)"}"#
        let (_, zipFile) = try #require(InlineZipFile.separate(ByteBuffer(string: json), path: ["ZipFile"]))
        let staged = try StagedPackage.decode(zipFile, into: folder)
        defer { staged.discard() }
        #expect(staged.size == bytes.count)
        #expect(try Data(contentsOf: staged.file) == Data(bytes))
    }

    @Test("the digest is the SHA-256 of the decoded bytes")
    func digest() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let staged = try StagedPackage.decode(base64: Array("YWJj".utf8), into: folder)  // "abc"
        defer { staged.discard() }
        #expect(staged.digest.map { String(format: "%02x", $0) }.joined() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("escaped slashes are unescaped before decoding")
    func escapedSlashes() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFB, 0xEF, 0xBE]  // base64 "////++++"
        let (_, zipFile) = try #require(InlineZipFile.separate(ByteBuffer(string: #"{"ZipFile": "\/\/\/\/++++"}"#), path: ["ZipFile"]))
        let staged = try StagedPackage.decode(zipFile, into: folder)
        defer { staged.discard() }
        #expect(try Data(contentsOf: staged.file) == Data(bytes))
    }

    @Test("text that is not base64 is refused and leaves no file behind", arguments: ["abc", "QQ==QUJD", "QUJ*", "QUJD\\n"])
    func invalid(_ text: String) throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: LambdaError.invalidRequestContent("Could not parse request body into json: ZipFile is not valid base64")) {
            try StagedPackage.decode(base64: Array(text.utf8), into: folder)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
