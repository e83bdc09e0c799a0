import BrumeCore
import BrumeEdge
import BrumeWire
import Foundation

/// Functions declared in `localstack.yml`, deployed at start and reloaded when their code changes.
extension LambdaService {
    /// Creates each declared function, or brings an existing one up to date with the file.
    /// - Throws: the Lambda API's error for a declaration it refuses (an unknown runtime, say).
    public func deployDeclaredResources() async throws {
        let caller = Caller.anonymous(accountID: config.accountID, region: config.region)
        for declared in config.resources.functions {
            let reference = try FunctionReference(parsing: declared.name, allowsQualifier: false)
            var input: JSONObject = [
                "Runtime": .string(declared.runtime), "Handler": .string(declared.handler),
                "Environment": .object(["Variables": .object(.init(declared.environment.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))]),
            ]
            if let timeout = declared.timeout { input["Timeout"] = .int(Int64(timeout)) }
            if let memory = declared.memory { input["MemorySize"] = .int(Int64(memory)) }
            let settings = try FunctionSettings(LambdaInput(input))
            let artifact = LocalCode.artifact(for: declared.code)
            if (try? await backend.resolve(reference, caller: caller)) != nil {
                let updated = try await backend.updateLatest(reference.name, revisionID: nil) { record throws(LambdaError) in
                    try settings.apply(to: &record)
                    record.code = artifact
                    record.lastModified = clock.now()
                }
                await runtime.retireInstances(of: reference.name, keeping: FunctionRuntime.key(updated))
            } else {
                var record = FunctionRecord.new(name: reference.name, caller: caller, runtime: declared.runtime, handler: declared.handler,
                                                role: "arn:aws:iam::\(config.accountID):role/brume-declared", code: artifact, now: clock.now())
                try settings.apply(to: &record)
                _ = try await backend.create(record, tags: [:], publish: false)
            }
            _ = try await backend.updateShared(reference.name) { function throws(LambdaError) in
                function.reservedConcurrency = declared.concurrency
            }
            try await deployEventSources(of: declared, caller: caller)
        }
    }

    /// Creates or updates the declared function's queue mappings. Queues are not checked here:
    /// they may be declared in the same file and created after this service; the poller waits
    /// for them.
    private func deployEventSources(of declared: StackConfig.Function, caller: Caller) async throws {
        let functionARN = "arn:aws:lambda:\(caller.region):\(caller.accountID):function:\(declared.name)"
        let existing = await mappings.all()
        for source in declared.eventSources {
            let queueARN = source.queue.hasPrefix("arn:") ? source.queue : "arn:aws:sqs:\(caller.region):\(caller.accountID):\(source.queue)"
            let previous = existing.first { $0.eventSourceARN == queueARN && $0.functionARN == functionARN }
            var mapping = previous ?? EventSourceMapping(
                uuid: UUID().uuidString.lowercased(), eventSourceARN: queueARN, functionName: declared.name, functionARN: functionARN,
                accountID: caller.accountID, region: caller.region, batchSize: 10, maximumBatchingWindow: 0, enabled: true,
                functionResponseTypes: [], maximumConcurrency: nil, lastModified: clock.now(), lastProcessingResult: "No records processed"
            )
            mapping.batchSize = source.batchSize ?? 10
            mapping.maximumBatchingWindow = source.batchingWindow ?? 0
            mapping.functionResponseTypes = source.reportBatchItemFailures ? ["ReportBatchItemFailures"] : []
            mapping.maximumConcurrency = source.maximumConcurrency
            mapping.enabled = true
            try Self.validateBatching(batchSize: mapping.batchSize, window: mapping.maximumBatchingWindow, isFIFO: queueARN.hasSuffix(".fifo"))
            if mapping != previous { try await mappings.save(mapping) }
        }
    }

    /// Gives a declared function the current contents of its directory.
    func reloadDeclaredCode(_ name: String, folder: String) async {
        let caller = Caller.anonymous(accountID: config.accountID, region: config.region)
        // A function re-created through the API since start no longer runs from the directory.
        guard let (_, current) = try? await backend.resolve(FunctionReference(name: name), caller: caller),
              current.code.isLocalDirectory, current.code.folder == folder else { return }
        let artifact = LocalCode.artifact(for: folder)
        guard let updated = try? await backend.updateLatest(name, revisionID: nil, { record throws(LambdaError) in
            record.code = artifact
            record.lastModified = clock.now()
        }) else { return }
        await runtime.retireInstances(of: name, keeping: FunctionRuntime.key(updated))
    }
}

