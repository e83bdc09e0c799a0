@testable import BrumeEvents
import BrumeWire
import Foundation
import Testing

@Suite struct EventEntryTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000.75)

    func event(_ entry: JSONObject, allowAWSSources: Bool = false) -> Result<JSONValue, EventEntry.Failure> {
        EventEntry.event(entry, id: "id-1", account: "000000000000", region: "us-east-1", now: now, allowAWSSources: allowAWSSources)
    }

    @Test func buildsTheEventInAWSShape() throws {
        let result = try event([
            "Source": "my.app", "DetailType": "Order Placed", "Detail": #"{"id": 7}"#, "Resources": ["arn:aws:s3:::b"],
        ]).get()
        #expect(result.objectValue?.keys == ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"])
        #expect(result["time"] == "2023-11-14T22:13:20Z")
        #expect(result["detail"]?["id"] == 7)
        #expect(result["resources"] == ["arn:aws:s3:::b"])
    }

    @Test func usesTheEntrysTime() throws {
        let result = try event(["Source": "a", "DetailType": "b", "Detail": "{}", "Time": .int(86_400)]).get()
        #expect(result["time"] == "1970-01-02T00:00:00Z")
    }

    @Test func refusesEntriesAsAWSDoes() {
        #expect(event(["DetailType": "b", "Detail": "{}"]) == .failure(.init(
            code: "InvalidArgument", message: "Parameter Source is not valid. Reason: Source is a required argument.")))
        #expect(event(["Source": "a", "Detail": "{}"]) == .failure(.init(
            code: "InvalidArgument", message: "Parameter DetailType is not valid. Reason: DetailType is a required argument.")))
        #expect(event(["Source": "a", "DetailType": "b"]) == .failure(.init(
            code: "InvalidArgument", message: "Parameter Detail is not valid. Reason: Detail is a required argument.")))
        #expect(event(["Source": "a", "DetailType": "b", "Detail": "[1]"]) == .failure(.init(code: "MalformedDetail", message: "Detail is malformed.")))
        #expect(event(["Source": "a", "DetailType": "b", "Detail": "{"]) == .failure(.init(code: "MalformedDetail", message: "Detail is malformed.")))
        #expect(event(["Source": "aws.s3", "DetailType": "b", "Detail": "{}"]) == .failure(.init(
            code: "NotAuthorizedForSourceException", message: "Not authorized for the source.")))
    }

    @Test func brumesOwnServicesMaySendAWSSources() {
        #expect((try? event(["Source": "aws.s3", "DetailType": "b", "Detail": "{}"], allowAWSSources: true).get()) != nil)
    }

    @Test func sizeCountsAsAWSDocuments() {
        #expect(EventEntry.size(["Source": "abc", "DetailType": "de", "Detail": "{}", "Resources": ["xy"], "Time": 1]) == 14 + 3 + 2 + 2 + 2)
        #expect(EventEntry.size(["Source": "é"]) == 2)
    }
}
