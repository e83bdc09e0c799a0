import BrumeStates
import BrumeWire
import Foundation
import Synchronization

/// A Map Run's ResultWriter export: each child's entry is appended to a temporary file as the
/// child ends, in the layout ``MapRunResultWriter`` decides (`SUCCEEDED_0.json`, `FAILED_0.json`...
/// under `<Prefix>/<map run id>/`), so a run of a million children keeps none of them in memory;
/// the files and `manifest.json` are uploaded when the run ends.
final class MapRunResultSpool: Sendable {
    private struct State {
        var writer: MapRunResultWriter
        /// The temporary file of each result key, in the order the keys began.
        var files: [(key: String, url: URL, handle: FileHandle)] = []
        var entries: Int64 = 0
        var items: Int64 = 0
        /// The first write that failed: the export fails with it.
        var failure: String?
    }

    private let folder: URL
    private let state: Mutex<State>

    init(bucket: String, prefix: String?, mapRunARN: String, config: WriterConfig) {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("brume-map-run-\(UUID().uuidString)")
        state = Mutex(State(writer: MapRunResultWriter(bucket: bucket, prefix: prefix, mapRunArn: mapRunARN, config: config)))
    }

    /// Appends a finished child that held `items` items.
    func add(_ child: ExecutionRecord, items: Int) {
        let result = ChildExecutionResult(
            executionArn: child.arn, name: child.name, stateMachineArn: child.stateMachineARN,
            status: ChildExecutionStatus(rawValue: child.status.rawValue) ?? .failed, input: child.input, output: child.output,
            error: child.error, cause: child.cause, startDate: child.startDate, stopDate: child.stopDate, redriveCount: 0,
            redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Execution is \(child.status.rawValue) and cannot be redriven"
        )
        state.withLock { state in
            apply(state.writer.add(result), to: &state)
            state.entries += 1
            state.items += Int64(items)
        }
    }

    /// Uploads the files and the manifest; returns the Map state's result and the counts written.
    func export(to objects: MapRunObjects) async throws(StatesError) -> (output: JSONValue, items: Int64, executions: Int64) {
        let (files, manifest, bucket, manifestKey, output, counts, failure) = state.withLock { state in
            let (events, manifest) = state.writer.finish()
            apply(events, to: &state)
            for file in state.files { try? file.handle.close() }
            return (state.files, manifest, state.writer.bucket, state.writer.manifestKey, state.writer.stateOutput,
                    (state.items, state.entries), state.failure)
        }
        if let failure { throw StatesError(StatesErrorName.resultWriterFailed, failure) }
        for file in files { try await objects.upload(file: file.url, bucket: bucket, key: file.key) }
        try await objects.put(bucket: bucket, key: manifestKey, body: manifest)
        return (output, counts.0, counts.1)
    }

    /// Removes the temporary files.
    func discard() {
        state.withLock { state in
            for file in state.files { try? file.handle.close() }
            state.files = []
        }
        try? FileManager.default.removeItem(at: folder)
    }

    private func apply(_ events: [ResultFileEvent], to state: inout State) {
        for event in events {
            guard case .append(let key, let bytes) = event else { continue }
            if !state.files.contains(where: { $0.key == key }) {
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    let url = folder.appendingPathComponent("\(state.files.count)")
                    FileManager.default.createFile(atPath: url.path, contents: nil)
                    state.files.append((key, url, try FileHandle(forWritingTo: url)))
                } catch {
                    state.failure = state.failure ?? "The results could not be written to disk: \(error)"
                    continue
                }
            }
            guard let file = state.files.last(where: { $0.key == key }) else { continue }
            do {
                try file.handle.write(contentsOf: bytes)
            } catch {
                state.failure = state.failure ?? "The results could not be written to disk: \(error)"
            }
        }
    }
}
