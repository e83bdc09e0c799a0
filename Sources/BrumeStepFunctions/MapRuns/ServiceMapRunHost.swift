import BrumeStates
import Synchronization

/// The Step Functions service as the host of Distributed Maps: Map Runs are stored by the
/// backend, children run as executions of their own, datasets and results go through S3.
struct ServiceMapRunHost: DistributedMapHost {
    let backend: StepFunctionsBackend

    func startMapRun(_ request: MapRunRequest) async throws(StatesError) -> any MapRunSession {
        // A ResultWriter that could never export fails the state before any child runs.
        if let parameters = request.writerParameters, parameters["Bucket"]?.stringValue == nil {
            throw StatesError(StatesErrorName.resultWriterFailed, "The ResultWriter's Parameters must give the Bucket as a string")
        }
        if let prefix = request.writerParameters?["Prefix"], prefix.stringValue == nil {
            throw StatesError(StatesErrorName.resultWriterFailed, "The ResultWriter's Parameters must give the Prefix as a string")
        }
        let record: MapRunRecord
        do {
            record = try await backend.startMapRun(request)
        } catch {
            throw StatesError(StatesErrorName.runtime, "The Map Run could not be created: \(error.awsError.message)")
        }
        return await ServiceMapRun(record: record, request: request, backend: backend)
    }
}

/// A Map Run's limits as UpdateMapRun leaves them, read by the running session before it
/// starts each child.
final class LiveMapRunLimits: Sendable {
    private let limits: Mutex<MapRunLimits>

    init(_ limits: MapRunLimits) { self.limits = Mutex(limits) }

    var current: MapRunLimits { limits.withLock { $0 } }

    func update(_ change: (inout MapRunLimits) -> Void) { limits.withLock { change(&$0) } }
}
