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

    /// A literal with distinct keys keeps its own array as storage; with more keys than the
    /// scanning threshold, or a repeat of the same length, it goes through the checked path.
    @Test func literalsKeepTheirOrderWhetherSmallLargeOrRepeated() {
        let small: JSONObject = ["name": "A", "input": "{}", "inputDetails": ["truncated": false]]
        #expect(small.keys == ["name", "input", "inputDetails"])
        #expect(small["input"] == "{}" && small["missing"] == nil)
        #expect(Array(small.map(\.key)) == small.keys && small.underestimatedCount == 3)
        let sameLength: JSONObject = ["ab": 1, "cd": 2, "ab": 3]
        #expect(sameLength.keys == ["ab", "cd"] && sameLength["ab"] == 3)
        let large = JSONValue.object(JSONObject((0..<20).map { ("k\($0)", JSONValue.int(Int64($0))) }))
        let literal: JSONValue = [
            "k0": 0, "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9,
            "k10": 10, "k11": 11, "k12": 12, "k13": 13, "k14": 14, "k15": 15, "k16": 16, "k17": 17, "k18": 18, "k19": 19,
        ]
        #expect(literal == large && literal.serialized == large.serialized)
    }
}
