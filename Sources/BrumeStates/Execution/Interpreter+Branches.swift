import BrumeWire
import Foundation
import Synchronization

extension Interpreter {
    func runParallel(_ parallel: State.Parallel, _ frame: StateFrame) async throws(StatesError) -> (StateStep, JSONObject) {
        let flow = DataFlow(
            inputPath: frame.state.inputPath ?? "$", parameters: parallel.parameters, resultSelector: parallel.resultSelector,
            resultPath: parallel.resultPath ?? "$", outputPath: frame.state.outputPath ?? "$"
        )
        return try await withErrorHandling(frame, retry: parallel.retry, catch: parallel.catch) { retryCount throws(StatesError) in
            let scope = frame.scope(frame.input, retryCount: retryCount)
            let effective = try frame.runtime { () throws(StatesError) in try flow.effectiveInput(scope, intrinsic: Self.intrinsic) }
            history.record(event("ParallelStateStarted"))
            let results: [JSONValue]
            do throws(StatesError) {
                results = try await runConcurrently(count: parallel.branches.count, limit: 0) { index throws(StatesError) in
                    try await runGraph(parallel.branches[index], input: effective, execution: frame.execution, variables: frame.variables)
                }
            } catch {
                history.record(event("ParallelStateFailed"))
                throw error
            }
            history.record(event("ParallelStateSucceeded"))
            return try frame.runtime { () throws(StatesError) in
                let output = try flow.effectiveOutput(scope, result: .array(results), intrinsic: Self.intrinsic)
                return (frame.step(output), try frame.assignments(result: .array(results)))
            }
        }
    }

    func runMap(_ map: State.Map, _ frame: StateFrame) async throws(StatesError) -> (StateStep, JSONObject) {
        if let distributed = map.distributed { return try await runDistributedMap(map, distributed, frame) }
        let flow = DataFlow(
            inputPath: frame.state.inputPath ?? "$", resultSelector: map.resultSelector,
            resultPath: map.resultPath ?? "$", outputPath: frame.state.outputPath ?? "$"
        )
        return try await withErrorHandling(frame, retry: map.retry, catch: map.catch) { retryCount throws(StatesError) in
            let scope = frame.scope(frame.input, retryCount: retryCount)
            let (effective, items, limit) = try frame.runtime { () throws(StatesError) -> (JSONValue, [JSONValue], Int) in
                let effective = try flow.effectiveInput(scope, intrinsic: Self.intrinsic)
                let itemsPath = map.itemsPath ?? "$"
                guard let items = try Self.resolve(itemsPath, in: frame.scope(effective)).arrayValue else {
                    throw .runtime("Invalid path '\(itemsPath)': The value at the ItemsPath must be a JSON array.")
                }
                let limit: Int64
                switch map.maxConcurrency {
                case nil: limit = 0
                case .literal(let value): limit = value
                case .path(let path):
                    guard let value = try Self.resolve(path, in: frame.scope(effective)).intValue, value >= 0 else {
                        throw .runtime("The MaxConcurrencyPath field refers to value that is not a non-negative integer")
                    }
                    limit = value
                }
                return (effective, items, Int(limit))
            }
            history.record(event("MapStateStarted", "mapStateStartedEventDetails", ["length": .int(Int64(items.count))]))
            let results: [JSONValue]
            do throws(StatesError) {
                if map.processor.neverWaits {
                    // Iterations that never wait cannot overlap in time, whatever the concurrency:
                    // each runs to its end without suspending, so they run one after the other in
                    // this task rather than paying for a task each.
                    var collected: [JSONValue] = []
                    collected.reserveCapacity(items.count)
                    for index in items.indices {
                        try checkCancellation()
                        collected.append(try runIterationWithoutWaiting(map, frame, effective: effective, index: index, item: items[index]))
                    }
                    results = collected
                } else {
                    results = try await runConcurrently(count: items.count, limit: limit) { index throws(StatesError) in
                        try await runIteration(map, frame, effective: effective, index: index, item: items[index])
                    }
                }
            } catch {
                history.record(event("MapStateFailed"))
                throw error
            }
            history.record(event("MapStateSucceeded"))
            return try frame.runtime { () throws(StatesError) in
                let output = try flow.effectiveOutput(scope, result: .array(results), intrinsic: Self.intrinsic)
                return (frame.step(output), try frame.assignments(result: .array(results)))
            }
        }
    }

    /// One Map iteration: ItemSelector (with `$$.Map.Item`), then the item processor.
    private func runIteration(
        _ map: State.Map, _ frame: StateFrame, effective: JSONValue, index: Int, item: JSONValue
    ) async throws(StatesError) -> JSONValue {
        recordIteration("MapIterationStarted", "mapIterationStartedEventDetails", frame, index: index)
        do throws(StatesError) {
            let input = try selectItem(map, frame, effective: effective, index: index, item: item)
            let output = try await runGraph(map.processor, input: input, execution: frame.execution, variables: frame.variables, mapItem: (index, item))
            recordIteration("MapIterationSucceeded", "mapIterationSucceededEventDetails", frame, index: index)
            return output
        } catch {
            recordIteration("MapIterationFailed", "mapIterationFailedEventDetails", frame, index: index)
            throw error
        }
    }

    /// One iteration of a Map whose processor never waits, without an asynchronous call: the
    /// same events and result as ``runIteration(_:_:effective:index:item:)``.
    private func runIterationWithoutWaiting(
        _ map: State.Map, _ frame: StateFrame, effective: JSONValue, index: Int, item: JSONValue
    ) throws(StatesError) -> JSONValue {
        recordIteration("MapIterationStarted", "mapIterationStartedEventDetails", frame, index: index)
        do throws(StatesError) {
            let input = try selectItem(map, frame, effective: effective, index: index, item: item)
            let output = try runGraphWithoutWaiting(
                map.processor, input: input, execution: frame.execution, variables: frame.variables, mapItem: (index, item)
            )
            recordIteration("MapIterationSucceeded", "mapIterationSucceededEventDetails", frame, index: index)
            return output
        } catch {
            recordIteration("MapIterationFailed", "mapIterationFailedEventDetails", frame, index: index)
            throw error
        }
    }

    /// Records one of an iteration's events, whose details name the Map state and the item's index.
    private func recordIteration(_ type: String, _ detailsName: String, _ frame: StateFrame, index: Int) {
        history.record(event(type, detailsName, ["name": .string(frame.state.name), "index": .int(Int64(index))]))
    }

    /// One piece of work's result, with its typed error kept.
    private static func attempt(
        _ work: @Sendable (Int) async throws(StatesError) -> JSONValue, _ index: Int
    ) async -> Result<JSONValue, StatesError> {
        do throws(StatesError) {
            return .success(try await work(index))
        } catch {
            return .failure(error)
        }
    }

    /// Runs `count` pieces of work, at most `limit` at a time (0: no limit), and returns their
    /// results in order; the first failure cancels the rest and is thrown.
    func runConcurrently(
        count: Int, limit: Int, _ work: @escaping @Sendable (Int) async throws(StatesError) -> JSONValue
    ) async throws(StatesError) -> [JSONValue] {
        guard count > 0 else { return [] }
        if limit <= 0 || limit >= count { return try await runAllAtOnce(count: count, work) }
        let width = min(limit, count)
        let outcome = await withTaskGroup(
            of: (Int, Result<JSONValue, StatesError>).self, returning: Result<[JSONValue], StatesError>.self
        ) { group in
            var results = [JSONValue](repeating: .null, count: count)
            var next = 0
            while next < width {
                let index = next
                group.addTask { await (index, Self.attempt(work, index)) }
                next += 1
            }
            while let (index, result) = await group.next() {
                switch result {
                case .success(let value):
                    results[index] = value
                    if next < count {
                        let index = next
                        group.addTask { await (index, Self.attempt(work, index)) }
                        next += 1
                    }
                case .failure(let error):
                    group.cancelAll()
                    return .failure(error)
                }
            }
            return .success(results)
        }
        return try outcome.get()
    }

    /// Runs `count` pieces of work all at once; same contract as ``runConcurrently(count:limit:_:)``.
    ///
    /// A discarding group frees each child task as soon as it finishes. A group whose results
    /// are awaited keeps every finished child until the parent collects it, and the parent is
    /// still adding children: for a 10,000-item Map that was every task's memory at once.
    private func runAllAtOnce(
        count: Int, _ work: @escaping @Sendable (Int) async throws(StatesError) -> JSONValue
    ) async throws(StatesError) -> [JSONValue] {
        let slots = ResultSlots(count: count)
        do {
            // The first failure cancels the group and is the one rethrown, as in the limited case.
            try await withThrowingDiscardingTaskGroup { group in
                for index in 0..<count {
                    group.addTask { slots.set(index, try await work(index)) }
                }
            }
        } catch let error as StatesError {
            throw error
        } catch {
            // `work` throws only StatesError; anything else would be a bug in this function.
            throw .runtime("Unexpected failure running concurrent work: \(error)")
        }
        return slots.values
    }
}

/// The results of concurrent work, written by index as each piece finishes.
private final class ResultSlots: Sendable {
    private let storage: Mutex<[JSONValue]>

    init(count: Int) { storage = Mutex([JSONValue](repeating: .null, count: count)) }

    func set(_ index: Int, _ value: JSONValue) { storage.withLock { $0[index] = value } }

    var values: [JSONValue] { storage.withLock { $0 } }
}
