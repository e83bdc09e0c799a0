@testable import BrumeStates
import BrumeWire
import Foundation
import Testing

/// A Map without a concurrency limit starts every iteration at once (in a discarding task group).
extension InterpreterTests {
    static let unlimitedMap = """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 0,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Check", "States": {
            "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 137, "Next": "Bad"}], "Default": "Nap"},
            "Nap": {"Type": "Wait", "Seconds": 10, "Next": "Echo"},
            "Echo": {"Type": "Pass", "Parameters": {"v.$": "$"}, "End": true},
            "Bad": {"Type": "Fail", "Error": "Item.Bad", "Cause": "137"}}}, "End": true}}}
        """

    @Test func anUnlimitedMapReturnsEveryResultInItemOrder() async throws {
        let recorder = Recorder()
        let items = (1000..<1300).map { JSONValue.int(Int64($0)) }
        let outcome = try await run(Self.unlimitedMap, input: ["items": .array(items)], recorder: recorder)
        #expect(outcome == .succeeded(.array(items.map { ["v": $0] })))
        #expect(recorder.types.filter { $0 == "MapIterationSucceeded" }.count == 300)
    }

    @Test func anUnlimitedMapFailsWithItsIterationsError() async throws {
        let recorder = Recorder()
        let items = (0..<300).map { JSONValue.int(Int64($0)) }
        let outcome = try await run(Self.unlimitedMap, input: ["items": .array(items)], recorder: recorder)
        #expect(outcome == .failed(StatesError("Item.Bad", "137")))
        #expect(recorder.types.contains("MapIterationFailed"))
        #expect(recorder.types.last == "ExecutionFailed")
    }
}
