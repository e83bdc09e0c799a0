import BrumeEdge
import Foundation

/// The mappings, in memory and in SQLite; the API operations change them, the poller reads them.
actor EventSourceMappings {
    private let store: LambdaStore
    private var mappings: [EventSourceMapping]
    /// Rung whenever a mapping is saved or deleted, so the poller looks again.
    let changed = Doorbell()

    init(store: LambdaStore) throws {
        self.store = store
        mappings = try store.loadMappings()
    }

    func all() -> [EventSourceMapping] { mappings }

    func get(_ uuid: String) -> EventSourceMapping? { mappings.first { $0.uuid == uuid } }

    func save(_ mapping: EventSourceMapping) throws(LambdaError) {
        do {
            try store.saveMapping(mapping)
        } catch {
            throw .service("\(error)")
        }
        if let index = mappings.firstIndex(where: { $0.uuid == mapping.uuid }) {
            mappings[index] = mapping
        } else {
            mappings.append(mapping)
        }
        changed.ring()
    }

    func delete(_ uuid: String) throws(LambdaError) {
        do {
            try store.deleteMapping(uuid)
        } catch {
            throw .service("\(error)")
        }
        mappings.removeAll { $0.uuid == uuid }
        changed.ring()
    }

    /// Records the last batch's outcome without touching storage (it is advisory).
    func recordResult(_ uuid: String, result: String) {
        guard let index = mappings.firstIndex(where: { $0.uuid == uuid }) else { return }
        mappings[index].lastProcessingResult = result
    }
}
