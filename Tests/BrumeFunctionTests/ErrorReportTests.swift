import Testing
@testable import BrumeFunction
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

struct PlainError: Error {}
enum Outer {
    enum NestedError: Error { case bad }
}
private struct HiddenError: Error {}

@Suite("Error reports")
struct ErrorReportTests {
    @Test func jsonHasTheDocumentedShape() throws {
        let report = ErrorReport(errorType: "T", errorMessage: "m")
        #expect(String(decoding: report.json, as: UTF8.self) == #"{"errorMessage":"m","errorType":"T","stackTrace":[]}"#)
        let parsed = try JSONSerializationFree.decode(report.json)
        #expect(parsed == ["errorMessage": "m", "errorType": "T"])
    }

    @Test func jsonStringsAreEscaped() throws {
        let message = "quote \" backslash \\ newline \n tab \t bell \u{07} unicode é 🚀"
        let report = ErrorReport(errorType: "T", errorMessage: message)
        let parsed = try JSONSerializationFree.decode(report.json)
        #expect(parsed["errorMessage"] == message)
        #expect(String(decoding: report.json, as: UTF8.self).contains(#"\u0007"#))
    }

    @Test func typeNamesAreModuleQualified() {
        #expect(ErrorReport.typeName(of: PlainError()) == "BrumeFunctionTests.PlainError")
        #expect(ErrorReport.typeName(of: Outer.NestedError.bad) == "BrumeFunctionTests.Outer.NestedError")
    }

    @Test func privateTypeNamesAreStable() {
        let name = ErrorReport.typeName(of: HiddenError())
        #expect(name == "BrumeFunctionTests.HiddenError")
    }

    @Test func handlerErrorsUseTypeNameAndDescription() {
        struct Described: Error, CustomStringConvertible { var description: String { "it broke" } }
        let report = ErrorReport(error: Described())
        #expect(report.errorType.hasSuffix("Described"))
        #expect(report.errorMessage == "it broke")
        #expect(report.stackTrace.isEmpty)
    }

    @Test func functionErrorsUseTheirDocumentedTypes() {
        let report = ErrorReport(error: FunctionError.decodingFailed("nope"))
        #expect(report.errorType == "FunctionError.DecodingFailed")
        #expect(report.errorMessage == "nope")
        #expect(FunctionError.encodingFailed("x").errorType == "FunctionError.EncodingFailed")
    }

    struct Order: Decodable { var id: String; var items: [Item] }
    struct Item: Decodable { var sku: String }

    @Test(arguments: [
        ("not json", "cannot decode Order: invalid JSON at $"),
        (#"{"items":[]}"#, #"cannot decode Order: missing key "id" at $"#),
        (#"{"id":1,"items":[]}"#, "cannot decode Order: expected String at $.id"),
        (#"{"id":"1","items":[{"sku":null}]}"#, "cannot decode Order: null or missing String value at $.items[0].sku"),
    ])
    func decodingFailuresExplainWhereAndWhy(payload: String, expectedPrefix: String) throws {
        let error = #expect(throws: FunctionError.self) {
            let _: Order = try JSONCoding.decode(Array(payload.utf8), using: JSONDecoder())
        }
        let message = try #require(error).description
        #expect(message.hasPrefix(expectedPrefix), "\(message)")
    }

    @Test func encodingRoundTrip() throws {
        struct Reply: Encodable { var ok = true }
        #expect(try JSONCoding.encode(Reply(), using: JSONEncoder()) == Array(#"{"ok":true}"#.utf8))
    }

    @Test func logLinesAreTabSeparatedWithUTCTimestamps() {
        let line = LogWriter.formatLine("hello", requestID: "req", level: "INFO", epochMilliseconds: 1_700_000_000_123)
        #expect(line == "2023-11-14T22:13:20.123Z\treq\tINFO\thello\n")
        #expect(LogWriter.timestamp(epochMilliseconds: 5) == "1970-01-01T00:00:00.005Z")
    }
}

/// Decodes the flat string fields of an error document with JSONDecoder, to
/// check `ErrorReport.json` is valid JSON independently of how it was written.
enum JSONSerializationFree {
    struct Document: Decodable {
        var errorMessage: String
        var errorType: String
        var stackTrace: [String]
    }

    static func decode(_ bytes: [UInt8]) throws -> [String: String] {
        let document = try JSONDecoder().decode(Document.self, from: Data(bytes))
        return ["errorMessage": document.errorMessage, "errorType": document.errorType]
    }
}
