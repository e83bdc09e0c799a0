import BrumeWire
import Synchronization

/// What a running Distributed Map knows of its children, shared by the task that starts them
/// and the tasks that run them: items read, failed items, and outputs in item order when the
/// Map has no ResultWriter.
final class MapRunTally: Sendable {
    private struct State {
        var itemsRead: Int64 = 0
        var allRead = false
        var failedItems: Int64 = 0
        var outputs: [Int: JSONValue] = [:]
    }

    private let state = Mutex(State())
    private let keepsOutputs: Bool

    init(keepsOutputs: Bool) { self.keepsOutputs = keepsOutputs }

    func itemRead() { state.withLock { $0.itemsRead += 1 } }

    /// Marks the dataset as fully read: the failure percentage can be judged from now on.
    func allItemsRead() { state.withLock { $0.allRead = true } }

    /// Records how child `index`, holding `items` items, ended.
    func record(_ index: Int, items: Int, _ outcome: ChildExecutionOutcome) {
        state.withLock { state in
            switch outcome {
            case .succeeded(let output):
                if keepsOutputs { state.outputs[index] = output }
            case .failed(let error), .timedOut(let error):
                state.failedItems += Int64(items)
                if keepsOutputs { state.outputs[index] = ["Error": .string(error.error), "Cause": .string(error.cause)] }
            case .aborted:
                break
            }
        }
    }

    /// Whether the failures so far exceed `limits`. A percentage is judged only once every item
    /// is known, so an early failure among few items read does not fail a large run.
    func isExceeded(_ limits: MapRunLimits) -> Bool {
        state.withLock { state in
            var judged = limits
            if !state.allRead, limits.toleratedFailurePercentage != nil {
                if limits.toleratedFailureCount == nil { return false }
                judged.toleratedFailurePercentage = nil
            }
            return judged.isExceeded(failed: state.failedItems, total: state.itemsRead)
        }
    }

    /// The children's outputs in the order their items were read.
    var outputs: [JSONValue] {
        state.withLock { state in state.outputs.keys.sorted().map { state.outputs[$0]! } }
    }
}
