import BrumeWire
import Testing
@testable import BrumeLogs

@Suite struct EventTokenTests {
    @Test func streamTokensRoundTrip() {
        let position = EventPosition(timestamp: 1_700_000_000_123, seq: 42)
        let forward = StreamToken.forward(after: position)
        #expect(forward.text == "f/00000017000000001230000000000000000042/s")
        #expect(StreamToken(text: forward.text) == forward)
        let backward = StreamToken.backward(before: .end)
        #expect(backward.text.hasPrefix("b/9223372036854775807"))
        #expect(StreamToken(text: backward.text) == backward)
    }

    @Test func malformedStreamTokensAreRefused() {
        for text in ["", "f/", "x/00000017000000001230000000000000000042/s", "f/0000001700000000123000000000000000004/s",
                     "f/00000017000000001230000000000000000042", "f/0000001700000000123000000000000000004a/s",
                     "f/99999999999999999990000000000000000042/s"] {
            #expect(StreamToken(text: text) == nil, "\(text)")
        }
    }

    @Test func positionsOrderByTimestampThenSequence() {
        #expect(EventPosition(timestamp: 1, seq: 9) < EventPosition(timestamp: 2, seq: 1))
        #expect(EventPosition(timestamp: 2, seq: 1) < EventPosition(timestamp: 2, seq: 2))
        #expect(EventPosition.start < EventPosition(timestamp: 0, seq: 1))
    }

    @Test func eventIDsHave56Digits() {
        let id = EventID.make(EventPosition(timestamp: 5, seq: 6))
        #expect(id.count == 56 && id.allSatisfy { ("0"..."9").contains($0) })
    }

    @Test func pageTokensCarryTheirKind() {
        let token = ListingToken.make("groups", "/aws/lambda/a")
        #expect(ListingToken.payload(token, kind: "groups") == "/aws/lambda/a")
        #expect(ListingToken.payload(token, kind: "streams") == nil)
        #expect(ListingToken.payload("not base64!", kind: "groups") == nil)
    }
}
