import BrumeWire

/// DeleteMessage, ChangeMessageVisibility and their batch forms.
extension SQSService {
    func deleteMessage(_ call: SQSCall) async throws -> JSONValue? {
        let identity = try call.queue()
        let handle = try call.input.requiredString("ReceiptHandle")
        if let error = try await backend.delete([handle], from: identity).first ?? nil { throw error }
        return nil
    }

    func deleteMessageBatch(_ call: SQSCall) async throws -> JSONValue? {
        let identity = try call.queue()
        let entries = try call.input.entries("Entries")
        let ids = entries.map { (try? $0.string("Id")) ?? nil ?? "" }
        try BatchEntries.validate(ids: ids, operation: .deleteMessage)
        var handles: [(id: String, handle: String)] = []
        var failed: [JSONValue] = []
        for (id, entry) in zip(ids, entries) {
            do throws(SQSError) {
                handles.append((id, try entry.requiredString("ReceiptHandle")))
            } catch {
                failed.append(Self.failure(BatchEntryError(id: id, error: error)))
            }
        }
        let results = handles.isEmpty ? [] : try await backend.delete(handles.map(\.handle), from: identity)
        var successful: [JSONValue] = []
        for ((id, _), error) in zip(handles, results) {
            if let error {
                failed.append(Self.failure(BatchEntryError(id: id, error: error)))
            } else {
                successful.append(["Id": .string(id)])
            }
        }
        return ["Successful": .array(successful), "Failed": .array(failed)]
    }

    func changeMessageVisibility(_ call: SQSCall) async throws -> JSONValue? {
        let identity = try call.queue()
        let handle = try call.input.requiredString("ReceiptHandle")
        guard let timeout = try call.input.integer("VisibilityTimeout", in: 0...43_200) else {
            throw SQSError.missingParameter("VisibilityTimeout")
        }
        if let error = try await backend.changeVisibility([(handle, timeout)], in: identity).first ?? nil { throw error }
        return nil
    }

    func changeMessageVisibilityBatch(_ call: SQSCall) async throws -> JSONValue? {
        let identity = try call.queue()
        let entries = try call.input.entries("Entries")
        let ids = entries.map { (try? $0.string("Id")) ?? nil ?? "" }
        try BatchEntries.validate(ids: ids, operation: .changeMessageVisibility)
        var changes: [(id: String, handle: String, timeout: Int)] = []
        var failed: [JSONValue] = []
        for (id, entry) in zip(ids, entries) {
            do throws(SQSError) {
                let handle = try entry.requiredString("ReceiptHandle")
                guard let timeout = try entry.integer("VisibilityTimeout", in: 0...43_200) else {
                    throw .missingParameter("VisibilityTimeout")
                }
                changes.append((id, handle, timeout))
            } catch {
                failed.append(Self.failure(BatchEntryError(id: id, error: error)))
            }
        }
        let results = changes.isEmpty ? [] : try await backend.changeVisibility(changes.map { ($0.handle, $0.timeout) }, in: identity)
        var successful: [JSONValue] = []
        for (change, error) in zip(changes, results) {
            if let error {
                failed.append(Self.failure(BatchEntryError(id: change.id, error: error)))
            } else {
                successful.append(["Id": .string(change.id)])
            }
        }
        return ["Successful": .array(successful), "Failed": .array(failed)]
    }
}
