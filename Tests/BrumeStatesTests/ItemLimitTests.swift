import BrumeWire
import Testing

@testable import BrumeStates

@Suite("MaxItems limit")
struct ItemLimitTests {
    @Test func takesUpToTheLimitAcrossCalls() throws {
        var limit = try #require(ItemLimit(maxItems: 3))
        #expect(Array(limit.take([1, 2])) == [1, 2])
        #expect(!limit.isReached)
        #expect(Array(limit.take([3, 4, 5])) == [3])
        #expect(limit.isReached)
        #expect(limit.take([6]).isEmpty)
    }

    @Test func zeroOrNoValueMeansTheMaximum() {
        #expect(ItemLimit(maxItems: 0)?.remaining == 100_000_000)
        #expect(ItemLimit()?.remaining == 100_000_000)
        #expect(ItemLimit(maxItems: 100_000_000)?.remaining == 100_000_000)
    }

    @Test func literalOutOfRangeIsRefused() {
        #expect(ItemLimit(maxItems: -1) == nil)
        #expect(ItemLimit(maxItems: 100_000_001) == nil)
    }

    @Test func pathValues() throws {
        #expect(try ItemLimit.resolve(5, path: "$.max").remaining == 5)
        #expect(try ItemLimit.resolve(5.0, path: "$.max").remaining == 5)
        #expect(try ItemLimit.resolve(0, path: "$.max").remaining == 100_000_000)
        #expect(try ItemLimit.resolve(1_000_000_000, path: "$.max").remaining == 100_000_000)
        #expect(throws: StatesError("States.ItemReaderFailed", "field MaxItems must be positive")) {
            try ItemLimit.resolve(-2, path: "$.max")
        }
        #expect(throws: StatesError("States.ItemReaderFailed", "The MaxItemsPath field refers to value '\"5\"' which is not a valid integer: $.max")) {
            try ItemLimit.resolve("5", path: "$.max")
        }
    }

    @Test func limitsACSVFileAfterItsHeaderRow() throws {
        var decoder = CSVItemDecoder()
        var limit = try #require(ItemLimit(maxItems: 2))
        let items = limit.take(try decoder.decodeAll(Array("id\n1\n2\n3\n".utf8)))
        #expect(Array(items) == [["id": "1"], ["id": "2"]])
    }
}
