import BrumeWire
import Foundation

extension Interpreter {
    /// A Map state in Distributed mode: a Map Run whose items (or batches of them) each run as a
    /// child workflow execution on the ``DistributedMapHost``, with the Map Run's events in the
    /// parent's history instead of one event per iteration.
    func runDistributedMap(
        _ map: State.Map, _ settings: DistributedMapSettings, _ frame: StateFrame
    ) async throws(StatesError) -> (StateStep, JSONObject) {
        let flow = DataFlow(
            inputPath: frame.state.inputPath ?? "$", resultSelector: map.resultSelector,
            resultPath: map.resultPath ?? "$", outputPath: frame.state.outputPath ?? "$"
        )
        return try await withErrorHandling(frame, retry: map.retry, catch: map.catch) { retryCount throws(StatesError) in
            guard let host = mapRuns else {
                throw .runtime("A Map state in Distributed mode runs only in the Step Functions service, which starts its child executions")
            }
            let scope = frame.scope(frame.input, retryCount: retryCount)
            let plan = try frame.runtime { () throws(StatesError) in
                try MapRunPlan(map, settings, effective: try flow.effectiveInput(scope, intrinsic: Self.intrinsic), frame: frame)
            }
            let session = try await host.startMapRun(MapRunRequest(
                parent: frame.execution.identity, stateName: frame.state.name, settings: settings,
                processor: StateMachineDefinition(childOf: map.processor, paths: frame.execution.paths), limits: plan.limits,
                writerParameters: plan.writerParameters
            ))
            history.record(event("MapRunStarted", "mapRunStartedEventDetails", ["mapRunArn": .string(session.arn)]))
            let result: JSONValue
            do throws(StatesError) {
                result = try await runMapRun(plan, map, frame, session: session)
            } catch {
                history.record(event("MapRunFailed", "mapRunFailedEventDetails", ["error": .string(error.error), "cause": .string(error.cause)]))
                throw error
            }
            history.record(event("MapRunSucceeded"))
            return try frame.runtime { () throws(StatesError) in
                let output = try flow.effectiveOutput(scope, result: result, intrinsic: Self.intrinsic)
                return (frame.step(output), try frame.assignments(result: result))
            }
        }
    }

    /// How much child input (as JSON text) may be held by running children at once. A reader
    /// outpaces its children, and AWS's default of 10,000 at once would hold a whole dataset in
    /// memory; past this budget the next child waits for one to end. Only timing changes: the
    /// children still run with up to MaxConcurrency at once whenever their inputs fit.
    static let inFlightInputBudget = 8 * 1024 * 1024

    static let toleranceExceededCause = "The number of failed items exceeded the Map Run's tolerated failure threshold."

    /// Reads, selects and batches the items, runs a child execution per batch with at most the
    /// Map Run's current concurrency, stops once failures exceed what is tolerated, and ends the
    /// Map Run. Returns the Map state's result: the children's outputs in item order, or the
    /// ResultWriter's details.
    private func runMapRun(_ plan: MapRunPlan, _ map: State.Map, _ frame: StateFrame, session: any MapRunSession) async throws(StatesError) -> JSONValue {
        let tally = MapRunTally(keepsOutputs: plan.writerParameters == nil)
        // Each child task returns the size of its input, which leaves the in-flight total then.
        let outcome: Result<Void, StatesError> = await withTaskGroup(of: Int.self) { group in
            var running = 0
            var inFlightBytes = 0
            var childIndex = 0
            var itemIndex = 0
            var batcher = plan.batcher
            /// Starts a child for `input` once a slot is free and its input fits in the memory
            /// budget; false when the run must stop.
            func launch(_ input: JSONValue, items: Int) async -> Bool {
                let size = input.serialized.count
                while running >= session.limits.effectiveConcurrency || (running > 0 && inFlightBytes + size > Self.inFlightInputBudget),
                      let finished = await group.next() {
                    running -= 1
                    inFlightBytes -= finished
                    if tally.isExceeded(session.limits) { group.cancelAll() }
                }
                if tally.isExceeded(session.limits) || Task.isCancelled { return false }
                let index = childIndex
                childIndex += 1
                running += 1
                inFlightBytes += size
                group.addTask {
                    tally.record(index, items: items, await session.runChild(input: input, itemCount: items))
                    return size
                }
                return true
            }
            /// Selects one item and sends it on, alone or in a batch; false when the run must stop.
            func consume(_ item: JSONValue) async throws(StatesError) -> Bool {
                if let maxItems = plan.maxItems, itemIndex >= maxItems { return false }
                let selected = try self.selectItem(map, frame, effective: plan.effective, index: itemIndex, item: item)
                itemIndex += 1
                tally.itemRead()
                // The last item MaxItems allows stops the reader at once, before it reads another.
                let more = plan.maxItems.map { itemIndex < $0 } ?? true
                guard batcher != nil else { return await launch(selected, items: 1) && more }
                // Mutated in place: a copy would share the pending items and copy them at every add.
                guard let batch = try batcher?.add(selected) ?? nil else { return more }
                return await launch(batch, items: batch["Items"]?.arrayValue?.count ?? 0) && more
            }
            do throws(StatesError) {
                if let reader = map.distributed?.itemReader {
                    try await session.readItems(reader, parameters: plan.readerParameters ?? .object([:]), consume: consume)
                } else {
                    for item in plan.items where try await consume(item) == false { break }
                }
                if let batch = batcher?.finish(), !tally.isExceeded(session.limits) {
                    _ = await launch(batch, items: batch["Items"]?.arrayValue?.count ?? 0)
                }
            } catch {
                group.cancelAll()
                return .failure(error)
            }
            tally.allItemsRead()
            if tally.isExceeded(session.limits) { group.cancelAll() }
            while await group.next() != nil {
                if tally.isExceeded(session.limits) { group.cancelAll() }
            }
            return .success(())
        }
        let exceeded = tally.isExceeded(session.limits)
        if case .failure(let error) = outcome {
            _ = try? await session.finish(succeeded: false)
            throw error
        }
        if Task.isCancelled {
            _ = try? await session.finish(succeeded: false)
            throw StatesError("States.Cancelled", "The execution was stopped.")
        }
        let exported = try await session.finish(succeeded: !exceeded)
        if exceeded { throw StatesError(StatesErrorName.exceedToleratedFailureThreshold, Self.toleranceExceededCause) }
        return exported ?? .array(tally.outputs)
    }

    /// An item as its iteration receives it: through ItemSelector when there is one, which sees
    /// the item at `$$.Map.Item.Value` and its index at `$$.Map.Item.Index`.
    func selectItem(_ map: State.Map, _ frame: StateFrame, effective: JSONValue, index: Int, item: JSONValue) throws(StatesError) -> JSONValue {
        guard let selector = map.itemSelector else { return item }
        let itemFrame = StateFrame(
            state: frame.state, input: effective, execution: frame.execution, variables: frame.variables,
            mapItem: (index, item), enteredTime: frame.enteredTime, enteredEventID: frame.enteredEventID
        )
        return try frame.runtime { () throws(StatesError) in
            try PayloadTemplate.evaluate(selector, in: itemFrame.scope(effective), intrinsic: Self.intrinsic)
        }
    }
}
