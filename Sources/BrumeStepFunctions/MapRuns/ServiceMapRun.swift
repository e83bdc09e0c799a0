import BrumeStates
import BrumeWire
import Foundation

/// One running Map Run in the service: it reads the dataset from S3, runs each child as an
/// execution with its own history (STANDARD) or in memory (EXPRESS), keeps the Map Run's
/// counts in the backend, and exports the results with the ResultWriter.
final class ServiceMapRun: MapRunSession {
    let arn: String
    private let backend: StepFunctionsBackend
    private let request: MapRunRequest
    private let liveLimits: LiveMapRunLimits
    private let objects: MapRunObjects
    /// The finished children, kept on disk until the ResultWriter exports them; nil without one.
    private let results: MapRunResultSpool?

    init(record: MapRunRecord, request: MapRunRequest, backend: StepFunctionsBackend) async {
        arn = record.arn
        self.backend = backend
        self.request = request
        liveLimits = await backend.liveLimits(of: record.arn, initial: request.limits)
        objects = backend.objects
        // The host checked the ResultWriter's Bucket and Prefix before starting the run.
        results = request.writerParameters.flatMap { parameters in
            parameters["Bucket"]?.stringValue.map { bucket in
                MapRunResultSpool(
                    bucket: bucket, prefix: parameters["Prefix"]?.stringValue, mapRunARN: record.arn,
                    config: request.settings.resultWriter?.writerConfig ?? .exportDefault
                )
            }
        }
    }

    var limits: MapRunLimits { liveLimits.current }

    // MARK: Reading

    func readItems(
        _ reader: ItemReaderSettings, parameters: JSONValue, consume: (JSONValue) async throws(StatesError) -> Bool
    ) async throws(StatesError) {
        guard let bucket = parameters["Bucket"]?.stringValue else {
            throw StatesError(StatesErrorName.itemReaderFailed, "The ItemReader's Parameters must give the Bucket as a string")
        }
        switch reader.source {
        case .listObjectsV2:
            if let prefix = parameters["Prefix"], prefix.stringValue == nil {
                throw StatesError(StatesErrorName.itemReaderFailed, "The ItemReader's Parameters must give the Prefix as a string")
            }
            var continuation: String?
            repeat {
                let page = try await objects.list(bucket: bucket, prefix: parameters["Prefix"]?.stringValue, continuation: continuation)
                for item in page.items where try await consume(item) == false { return }
                continuation = page.next
            } while continuation != nil
        case .getObject:
            guard let key = parameters["Key"]?.stringValue else {
                throw StatesError(StatesErrorName.itemReaderFailed, "The ItemReader's Parameters must give the Key as a string")
            }
            if let version = parameters["VersionId"], version.stringValue == nil {
                throw StatesError(StatesErrorName.itemReaderFailed, "The ItemReader's Parameters must give the VersionId as a string")
            }
            try await MapRunDatasetReader(objects: objects, reader: reader, versionID: parameters["VersionId"]?.stringValue)
                .read(bucket: bucket, key: key, consume: consume)
        }
    }

    // MARK: Children

    func runChild(input: JSONValue, itemCount: Int) async -> ChildExecutionOutcome {
        let type: StateMachineType = request.settings.executionType == .standard ? .standard : .express
        let child: ExecutionRecord
        let control: ExecutionControl
        let history: ExecutionHistory
        do {
            (child, control, history) = try await backend.startChild(of: arn, type: type, input: input, itemCount: itemCount)
        } catch {
            return .failed(StatesError(StatesErrorName.runtime, "The child execution could not be started: \(error.awsError.message)"))
        }
        let interpreter = Interpreter(invoker: backend.invoker, clock: backend.clock, history: history, mapRuns: backend.mapRunHost)
        let identity = ExecutionIdentity(
            executionARN: child.arn, name: child.name, stateMachineARN: child.stateMachineARN,
            stateMachineName: StepFunctionsNames.parse(child.stateMachineARN)?.rest.first ?? "", roleARN: child.roleARN,
            startTime: child.startDate
        )
        let processor = request.processor
        let outcome = await control.run { await interpreter.run(processor, input: input, identity: identity) }
        guard let ended = await backend.finishChild(child.arn, outcome: outcome, itemCount: itemCount) else { return .aborted }
        results?.add(ended, items: itemCount)
        switch ended.status {
        case .succeeded:
            return .succeeded((try? JSONValue.parse(Array((ended.output ?? "null").utf8))) ?? .null)
        case .failed:
            return .failed(StatesError(ended.error ?? "", ended.cause ?? ""))
        case .timedOut:
            return .timedOut(StatesError(ended.error ?? StatesErrorName.timeout, ended.cause ?? ""))
        case .running, .aborted, .pendingRedrive:
            return .aborted
        }
    }

    // MARK: Ending

    func finish(succeeded: Bool) async throws(StatesError) -> JSONValue? {
        defer { results?.discard() }
        do throws(StatesError) {
            guard let results else {
                await backend.finishMapRun(arn, succeeded: succeeded, resultsWritten: nil)
                return nil
            }
            let export = try await results.export(to: objects)
            await backend.finishMapRun(arn, succeeded: succeeded, resultsWritten: (export.items, export.executions))
            return export.output
        } catch {
            await backend.finishMapRun(arn, succeeded: false, resultsWritten: nil)
            throw error
        }
    }
}
