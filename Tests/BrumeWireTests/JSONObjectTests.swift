import BrumeWire
import Testing

/// JSONObject finds keys by scanning while small and through an index once large; both must
/// behave the same, including across the switch.
@Suite struct JSONObjectTests {
    @Test func membersKeepOrderAndLookupsWorkAcrossTheIndexThreshold() {
        var object = JSONObject()
        for number in 0..<40 {
            object["k\(number)"] = .int(Int64(number))
            #expect(object.count == number + 1)
            for earlier in 0...number { #expect(object["k\(earlier)"] == .int(Int64(earlier))) }
            #expect(object["missing"] == nil)
        }
        #expect(object.keys == (0..<40).map { "k\($0)" })
        object["k3"] = "replaced"
        #expect(object.keys[3] == "k3" && object["k3"] == "replaced")
    }

    @Test func removingAMemberShiftsTheLaterOnes() {
        for size in [3, 30] {
            var object = JSONObject((0..<size).map { ("k\($0)", JSONValue.int(Int64($0))) })
            object["k1"] = nil
            #expect(object.count == size - 1)
            #expect(object["k1"] == nil)
            #expect(object.keys == (0..<size).filter { $0 != 1 }.map { "k\($0)" })
            for number in (0..<size) where number != 1 { #expect(object["k\(number)"] == .int(Int64(number))) }
            object["k1"] = 1
            #expect(object.keys.last == "k1")
        }
    }

    @Test func aRepeatedKeyKeepsItsFirstPositionAndLastValue() {
        let object: JSONObject = ["a": 1, "b": 2, "a": 3]
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
        #expect(object == ["b": 2, "a": 3])
    }
}
