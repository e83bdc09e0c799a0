import BrumeWire
import Testing

@testable import BrumeStates

@Suite("Item batcher")
struct ItemBatcherTests {
    /// Every batch the batcher makes of `items`.
    private func batches(_ batcher: ItemBatcher, _ items: [JSONValue]) throws -> [JSONValue] {
        var batcher = batcher
        var batches: [JSONValue] = []
        for item in items {
            if let batch = try batcher.add(item) { batches.append(batch) }
        }
        if let batch = batcher.finish() { batches.append(batch) }
        return batches
    }

    private func numbers(_ range: Range<Int64>) -> [JSONValue] { range.map { .int($0) } }

    @Test func batchesByCountWithoutBatchInput() throws {
        let result = try batches(ItemBatcher(maxItemsPerBatch: 2), numbers(0..<5))
        #expect(result == [["Items": [0, 1]], ["Items": [2, 3]], ["Items": [4]]])
        // AWS's child input has no BatchInput member when the definition has none.
        #expect(String(decoding: result[0].serialized, as: UTF8.self) == #"{"Items":[0,1]}"#)
    }

    @Test func batchInputComesFirstInEveryBatch() throws {
        let result = try batches(ItemBatcher(maxItemsPerBatch: 3, batchInput: ["job": "x"]), numbers(0..<4))
        #expect(result.map { String(decoding: $0.serialized, as: UTF8.self) } == [
            #"{"BatchInput":{"job":"x"},"Items":[0,1,2]}"#,
            #"{"BatchInput":{"job":"x"},"Items":[3]}"#,
        ])
    }

    @Test func aFullBatchLeavesAsSoonAsItIsFull() throws {
        var batcher = ItemBatcher(maxItemsPerBatch: 2)
        // JSONValue is nil-literal expressible, so `== nil` would compare with `.null`: test for none.
        #expect(try batcher.add(1) == JSONValue?.none)
        #expect(try batcher.add(2) == ["Items": [1, 2]])
        #expect(batcher.finish() == JSONValue?.none)
    }

    @Test func batchesByBytesCountTheWholeInput() throws {
        // {"Items":[]} is 12 bytes; each one-digit item adds 1, and each item after the first a comma.
        // A limit of 17 fits {"Items":[1,2,3]} (17 bytes) but not a fourth item.
        let result = try batches(ItemBatcher(maxInputBytesPerBatch: 17), numbers(1..<8))
        #expect(result == [["Items": [1, 2, 3]], ["Items": [4, 5, 6]], ["Items": [7]]])
        for batch in result { #expect(batch.serialized.count <= 17) }
    }

    @Test func batchInputCountsAgainstTheBytes() throws {
        // {"BatchInput":"ab","Items":[]} is 30 bytes: room for two one-digit items under 33.
        let result = try batches(ItemBatcher(maxInputBytesPerBatch: 33, batchInput: "ab"), numbers(1..<5))
        #expect(result == [["BatchInput": "ab", "Items": [1, 2]], ["BatchInput": "ab", "Items": [3, 4]]])
        #expect(result[0].serialized.count == 33)
    }

    @Test func whicheverLimitIsReachedFirst() throws {
        let items: [JSONValue] = ["aaaaaaaaaa", "b", "c", "d", "eeeeeeeeee", "f"]
        // 12 + 12 + 1 + 3 + 1 + 3 = 32: the first batch closes by bytes before it has 4 items.
        let result = try batches(ItemBatcher(maxItemsPerBatch: 4, maxInputBytesPerBatch: 32), items)
        #expect(result == [["Items": ["aaaaaaaaaa", "b", "c"]], ["Items": ["d", "eeeeeeeeee", "f"]]])
    }

    @Test func onlyMaxItemsStillKeepsBatchesUnder256KiB() throws {
        let big = JSONValue.string(String(repeating: "x", count: 100_000))
        let result = try batches(ItemBatcher(maxItemsPerBatch: 10), [big, big, big, big])
        #expect(result.map { $0["Items"]?.arrayValue?.count } == [2, 2])
        for batch in result { #expect(batch.serialized.count <= 262_144) }
    }

    @Test func maxInputBytesIsClippedTo256KiB() throws {
        let big = JSONValue.string(String(repeating: "x", count: 200_000))
        let result = try batches(ItemBatcher(maxInputBytesPerBatch: 10_000_000), [big, big])
        #expect(result.count == 2)
    }

    @Test func anItemThatCanNeverFitFails() throws {
        var batcher = ItemBatcher(maxInputBytesPerBatch: 20, batchInput: "abc")
        // {"BatchInput":"abc","Items":[]} is 31 bytes already.
        #expect(throws: StatesError.self) { try batcher.add(1) }

        var plain = ItemBatcher(maxInputBytesPerBatch: 16)
        #expect(try plain.add("ab") == JSONValue?.none)  // {"Items":["ab"]} is 16 bytes
        let error = #expect(throws: StatesError.self) { try plain.add("abc") }
        #expect(error?.error == "States.ItemReaderFailed")
        #expect(error?.cause.hasPrefix("Item 1 does not fit in a batch") == true)
    }

    @Test func manyItemsStreamInOrder() throws {
        var batcher = ItemBatcher(maxItemsPerBatch: 1000, maxInputBytesPerBatch: 4096)
        var seen: Int64 = 0
        var batchCount = 0
        func check(_ batch: JSONValue?) {
            guard let batch else { return }
            batchCount += 1
            #expect(batch.serialized.count <= 4096)
            for item in batch["Items"]?.arrayValue ?? [] {
                #expect(item.intValue == seen)
                seen += 1
            }
        }
        for index in 0..<100_000 { check(try batcher.add(.int(Int64(index)))) }
        check(batcher.finish())
        #expect(seen == 100_000)
        #expect(batchCount > 100)
    }
}
