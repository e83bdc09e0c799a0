@testable import BrumeStates
import BrumeWire
import Foundation
import Synchronization
import Testing

/// Distributed Maps against an in-memory host: which children run with which input, in what
/// order the results come back, concurrency, failure thresholds and the Map Run's events.
@Suite("Distributed Map")
struct DistributedMapTests {
    /// Runs children with a fresh interpreter over the processor, as the service does, and
    /// records what it was asked.
    final class MemoryHost: DistributedMapHost, MapRunSession, @unchecked Sendable {
        let arn = "arn:aws:states:us-east-1:000000000000:mapRun:demo/label:run-1"
        private let state = Mutex<(inputs: [JSONValue], running: Int, peak: Int, finished: Bool?, request: MapRunLimits?)>(
            ([], 0, 0, nil, nil)
        )
        let dataset: [JSONValue]
        let currentLimits: Mutex<MapRunLimits?> = Mutex(nil)
        private let processor = Mutex<StateMachineDefinition?>(nil)
        private let writer = Mutex<JSONValue?>(.none)
        /// Called before each child runs, so a test can change the limits mid-run.
        let beforeChild: @Sendable (Int) -> Void

        init(dataset: [JSONValue] = [], beforeChild: @escaping @Sendable (Int) -> Void = { _ in }) {
            self.dataset = dataset
            self.beforeChild = beforeChild
        }

        func startMapRun(_ request: MapRunRequest) async throws(StatesError) -> any MapRunSession {
            processor.withLock { $0 = request.processor }
            writer.withLock { $0 = request.writerParameters }
            currentLimits.withLock { $0 = request.limits }
            state.withLock { $0.request = request.limits }
            return self
        }

        var limits: MapRunLimits { currentLimits.withLock { $0! } }

        func readItems(
            _ reader: ItemReaderSettings, parameters: JSONValue, consume: (JSONValue) async throws(StatesError) -> Bool
        ) async throws(StatesError) {
            for item in dataset where try await consume(item) == false { return }
        }

        func runChild(input: JSONValue, itemCount: Int) async -> ChildExecutionOutcome {
            let index = state.withLock { state in
                state.inputs.append(input)
                state.running += 1
                state.peak = max(state.peak, state.running)
                return state.inputs.count - 1
            }
            beforeChild(index)
            await Task.yield()
            defer { state.withLock { $0.running -= 1 } }
            let interpreter = Interpreter(
                invoker: InterpreterTests.ScriptedInvoker { request, _ in request.input }, clock: InterpreterTests.VirtualClock(),
                history: InterpreterTests.Recorder()
            )
            switch await interpreter.run(processor.withLock { $0! }, input: input, identity: InterpreterTests.identity) {
            case .succeeded(let output): return .succeeded(output)
            case .failed(let error): return .failed(error)
            }
        }

        func finish(succeeded: Bool) async throws(StatesError) -> JSONValue? {
            state.withLock { $0.finished = succeeded }
            let bucket = writer.withLock { $0?["Bucket"] }
            return bucket.map { ["MapRunArn": .string(arn), "ResultWriterDetails": ["Bucket": $0 ?? .null, "Key": "results/run-1/manifest.json"]] }
        }

        var inputs: [JSONValue] { state.withLock { $0.inputs } }
        var peakConcurrency: Int { state.withLock { $0.peak } }
        var finishedSucceeded: Bool? { state.withLock { $0.finished } }
        var requestedLimits: MapRunLimits? { state.withLock { $0.request } }
    }

    func run(_ map: String, input: JSONValue, host: MemoryHost, recorder: InterpreterTests.Recorder = .init()) async throws -> ExecutionOutcome {
        let definition = try StateMachineDefinition.parse(#"{"StartAt":"Fan","States":{"Fan":\#(map)}}"#)
        let interpreter = Interpreter(
            invoker: InterpreterTests.ScriptedInvoker { request, _ in request.input }, clock: InterpreterTests.VirtualClock(),
            history: recorder, mapRuns: host
        )
        return await interpreter.run(definition, input: input, identity: InterpreterTests.identity)
    }

    static func map(_ processor: String = #"{"E":{"Type":"Pass","End":true}}"#, _ fields: String = "") -> String {
        #"{"Type":"Map","End":true,\#(fields)"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"\#(processor.dropFirst(2).prefix { $0 != "\"" })","States":\#(processor)}}"#
    }

    static let failBig = #"{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericGreaterThan":100,"Next":"F"}],"Default":"S"},"F":{"Type":"Fail","Error":"Big","Cause":"too big"},"S":{"Type":"Succeed"}}"#

    @Test func childrenGetSelectedItemsAndOutputsComeBackInItemOrder() async throws {
        let host = MemoryHost()
        let recorder = InterpreterTests.Recorder()
        let outcome = try await run(
            Self.map(#"{"E":{"Type":"Pass","End":true}}"#, #""ItemsPath":"$.items","ItemSelector":{"v.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index","tag.$":"$.tag"},"#),
            input: ["items": [10, 20, 30], "tag": "t"], host: host, recorder: recorder
        )
        #expect(outcome == .succeeded([["v": 10, "i": 0, "tag": "t"], ["v": 20, "i": 1, "tag": "t"], ["v": 30, "i": 2, "tag": "t"]]))
        #expect(recorder.types == ["ExecutionStarted", "MapStateEntered", "MapRunStarted", "MapRunSucceeded", "MapStateExited", "ExecutionSucceeded"])
        #expect(recorder.recorded[2].details?.value["mapRunArn"] == .string(host.arn))
        #expect(host.finishedSucceeded == true && host.inputs.count == 3)
    }

    @Test func batchesCarryBatchInputAndRespectBothLimits() async throws {
        let host = MemoryHost(dataset: (0..<5).map { JSONValue.int(Int64($0)) })
        let outcome = try await run(
            Self.map(#"{"E":{"Type":"Pass","End":true}}"#, #""ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"b"}},"ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"job.$":"$.job"}},"#),
            input: ["job": "j"], host: host
        )
        #expect(outcome == .succeeded([
            ["BatchInput": ["job": "j"], "Items": [0, 1]], ["BatchInput": ["job": "j"], "Items": [2, 3]], ["BatchInput": ["job": "j"], "Items": [4]],
        ]))
        // A batch too big for one more item leaves before it; an item that fits no batch fails the reader.
        let large = try await run(
            Self.map(#"{"E":{"Type":"Pass","End":true}}"#, #""ItemsPath":"$","ItemBatcher":{"MaxInputBytesPerBatch":25},"#),
            input: ["aaaa", "bbbb", "cccc"], host: MemoryHost()
        )
        #expect(large == .succeeded([["Items": ["aaaa", "bbbb"]], ["Items": ["cccc"]]]))
        let tooLarge = try await run(
            Self.map(#"{"E":{"Type":"Pass","End":true}}"#, #""ItemsPath":"$","ItemBatcher":{"MaxInputBytesPerBatchPath":"$[1]"},"#),
            input: [.string(String(repeating: "x", count: 40)), 20], host: MemoryHost()
        )
        guard case .failed(let error) = tooLarge else { Issue.record("expected a failure"); return }
        #expect(error.error == StatesErrorName.itemReaderFailed)
        let zero = try await run(
            Self.map(#"{"E":{"Type":"Pass","End":true}}"#, #""ItemsPath":"$","ItemBatcher":{"MaxItemsPerBatch":0},"#), input: [1], host: MemoryHost()
        )
        guard case .failed(let refused) = zero else { Issue.record("expected a failure"); return }
        #expect(refused.error == StatesErrorName.runtime)
    }

    @Test func maxItemsStopsTheReader() async throws {
        let host = MemoryHost(dataset: (0..<10).map { JSONValue.int(Int64($0)) })
        let outcome = try await run(
            Self.map(#"{"E":{"Type":"Pass","End":true}}"#, #""ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","ReaderConfig":{"MaxItemsPath":"$.max"},"Parameters":{"Bucket":"b"}},"#),
            input: ["max": 3], host: host
        )
        #expect(outcome == .succeeded([0, 1, 2]))
        #expect(host.inputs == [0, 1, 2])
    }

    @Test func concurrencyIsBoundedByTheLiveLimit() async throws {
        let host = MemoryHost()
        _ = try await run(Self.map(#"{"E":{"Type":"Pass","End":true}}"#, #""ItemsPath":"$","MaxConcurrency":2,"#), input: .array((0..<20).map { .int($0) }), host: host)
        #expect(host.peakConcurrency <= 2 && host.inputs.count == 20)
        #expect(host.requestedLimits == MapRunLimits(maxConcurrency: 2, toleratedFailureCount: nil, toleratedFailurePercentage: nil))
    }

    @Test func failuresWithinTheToleratedCountSucceedWithTheirErrorsInPlace() async throws {
        let host = MemoryHost()
        let outcome = try await run(Self.map(Self.failBig, #""ItemsPath":"$","ToleratedFailureCount":1,"#), input: [1, 500, 2], host: host)
        #expect(outcome == .succeeded([1, ["Error": "Big", "Cause": "too big"], 2]))
    }

    @Test func anyFailureExceedsTheDefaultThreshold() async throws {
        let host = MemoryHost()
        let recorder = InterpreterTests.Recorder()
        let outcome = try await run(Self.map(Self.failBig, #""ItemsPath":"$","MaxConcurrency":1,"#), input: [1, 500, 2, 3], host: host, recorder: recorder)
        #expect(outcome == .failed(StatesError(StatesErrorName.exceedToleratedFailureThreshold, Interpreter.toleranceExceededCause)))
        #expect(recorder.types.contains("MapRunFailed") && !recorder.types.contains("MapRunSucceeded"))
        // The run stops starting children once the threshold is exceeded.
        #expect(host.inputs.count == 2 && host.finishedSucceeded == false)
    }

    @Test func thePercentageIsJudgedAgainstAllItems() async throws {
        // 1 failure in 4 items is 25%: over 20, within 30; an early failure among few items read does not count alone.
        let failing: JSONValue = [500, 1, 2, 3]
        let over = try await run(Self.map(Self.failBig, #""ItemsPath":"$","MaxConcurrency":1,"ToleratedFailurePercentage":20,"#), input: failing, host: MemoryHost())
        #expect(over == .failed(StatesError(StatesErrorName.exceedToleratedFailureThreshold, Interpreter.toleranceExceededCause)))
        let within = try await run(Self.map(Self.failBig, #""ItemsPath":"$","MaxConcurrency":1,"ToleratedFailurePercentagePath":"$[1]","#), input: [500, 30, 2, 3], host: MemoryHost())
        #expect(within == .succeeded([["Error": "Big", "Cause": "too big"], 30, 2, 3]))
        #expect(MapRunLimits(maxConcurrency: 0, toleratedFailureCount: 5, toleratedFailurePercentage: 10).isExceeded(failed: 2, total: 10) == true)
        #expect(MapRunLimits(maxConcurrency: 0, toleratedFailureCount: nil, toleratedFailurePercentage: 10).isExceeded(failed: 1, total: 10) == false)
    }

    @Test func theResultWriterReplacesTheOutput() async throws {
        let host = MemoryHost()
        let outcome = try await run(
            Self.map(#"{"E":{"Type":"Pass","End":true}}"#, #""ItemsPath":"$.items","ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket.$":"$.bucket","Prefix":"results"}},"#),
            input: ["items": [1], "bucket": "out"], host: host
        )
        #expect(outcome == .succeeded(["MapRunArn": .string(host.arn), "ResultWriterDetails": ["Bucket": "out", "Key": "results/run-1/manifest.json"]]))
    }

    @Test func withoutAHostTheMapFailsWithARuntimeError() async throws {
        let definition = try StateMachineDefinition.parse(#"{"StartAt":"Fan","States":{"Fan":\#(Self.map())}}"#)
        let interpreter = Interpreter(invoker: InterpreterTests.ScriptedInvoker { request, _ in request.input }, clock: InterpreterTests.VirtualClock(), history: InterpreterTests.Recorder())
        guard case .failed(let error) = await interpreter.run(definition, input: [], identity: InterpreterTests.identity) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.error == StatesErrorName.runtime)
    }

    @Test(arguments: [
        (#""Label":"has space","#, "Label"),
        (#""ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b","Key":"k"}},"#, "InputType"),
        (#""ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"GIVEN"},"Parameters":{"Bucket":"b","Key":"k"}},"#, "CSVHeaders"),
        (#""ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON","CSVDelimiter":"TAB"},"Parameters":{"Bucket":"b","Key":"k"}},"#, "only supported when the InputType is CSV"),
        (#""ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","ReaderConfig":{"InputType":"CSV"},"Parameters":{"Bucket":"b"}},"#, "InputType"),
        (#""ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2"},"#, "Parameters"),
        (#""ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","ReaderConfig":{"MaxItems":100000001},"Parameters":{"Bucket":"b"}},"#, "Maximum value"),
        (#""ItemBatcher":{"BatchInput":{}},"#, "ItemBatcher"),
        (#""ResultWriter":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b"}},"#, "allowed values"),
    ])
    func invalidDistributedFieldsAreRefused(fields: String, mentions: String) {
        let diagnostics = StateMachineDefinition.validate(#"{"StartAt":"Fan","States":{"Fan":\#(Self.map(#"{"E":{"Type":"Pass","End":true}}"#, fields))}}"#)
        #expect(diagnostics.contains { $0.message.contains(mentions) }, "\(diagnostics)")
    }

    @Test func distributedFieldsNeedDistributedMode() {
        let diagnostics = StateMachineDefinition.validate(
            #"{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"Label":"x","ItemProcessor":{"StartAt":"E","States":{"E":{"Type":"Pass","End":true}}}}}}"#
        )
        #expect(diagnostics.contains { $0.message.contains("only supported when the Map state's ProcessorConfig Mode is DISTRIBUTED") })
        let noType = StateMachineDefinition.validate(
            #"{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"E","States":{"E":{"Type":"Pass","End":true}}}}}}"#
        )
        #expect(noType.contains { $0.message.contains("ExecutionType") })
    }
}
