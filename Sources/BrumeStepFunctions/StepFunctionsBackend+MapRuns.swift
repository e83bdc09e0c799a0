import BrumeStates
import BrumeWire
import Foundation

/// Map Runs and their child executions: the records DescribeMapRun, ListMapRuns, UpdateMapRun
/// and ListExecutions by map run read, kept as the Distributed Map's children start and end.
extension StepFunctionsBackend {
    /// The Distributed Map host the interpreters of this backend use.
    nonisolated var mapRunHost: ServiceMapRunHost { ServiceMapRunHost(backend: self) }

    /// Creates and stores the Map Run of one run of a Distributed Map state.
    func startMapRun(_ request: MapRunRequest) throws(StepFunctionsError) -> MapRunRecord {
        guard let parent = StepFunctionsNames.parse(request.parent.executionARN) else { throw .invalidArn(request.parent.executionARN) }
        let label = request.settings.label ?? UUID().uuidString.lowercased()
        let arn = "arn:aws:states:\(parent.region):\(parent.account):mapRun:\(request.parent.stateMachineName)/\(label):\(UUID().uuidString.lowercased())"
        let run = MapRunRecord(
            arn: arn, executionARN: request.parent.executionARN, stateMachineARN: request.parent.stateMachineARN, status: .running,
            startDate: clock.now().millisecondPrecision, maxConcurrency: request.limits.maxConcurrency,
            toleratedFailureCount: request.limits.toleratedFailureCount ?? 0,
            toleratedFailurePercentage: request.limits.toleratedFailurePercentage ?? 0
        )
        try persist { try store.saveMapRun(run) }
        mapRuns[arn] = run
        mapRunsByExecution[run.executionARN, default: []].append(arn)
        return run
    }

    /// Records a child execution of `mapRunARN` as started, holding `itemCount` items, with the
    /// stop switch and history it runs with: registered in the same actor turn, so a StopExecution
    /// that finds the child also finds its switch.
    func startChild(
        of mapRunARN: String, type: StateMachineType, input: JSONValue, itemCount: Int
    ) throws(StepFunctionsError) -> (record: ExecutionRecord, control: ExecutionControl, history: ExecutionHistory) {
        guard var run = mapRuns[mapRunARN], let parent = executions[run.executionARN], let names = StepFunctionsNames.parse(mapRunARN) else {
            throw .resourceNotFound(mapRunARN)
        }
        let machineName = names.rest.first ?? ""
        let name = UUID().uuidString.lowercased()
        let child = ExecutionRecord(
            arn: StepFunctionsNames.executionARN(region: names.region, account: names.account, stateMachine: machineName, name: name),
            stateMachineARN: StepFunctionsNames.stateMachineARN(region: names.region, account: names.account, name: machineName),
            name: name, type: type, status: .running, input: input.text, startDate: clock.now().millisecondPrecision,
            definition: parent.definition, roleARN: parent.roleARN, stateMachineUpdateDate: parent.stateMachineUpdateDate, mapRunARN: mapRunARN
        )
        try persist { try store.saveExecution(child) }
        // Kept in memory while it runs (StopExecution reaches it there); storage has it after.
        executions[child.arn] = child
        run.itemCounts.total += Int64(itemCount)
        run.itemCounts.running += Int64(itemCount)
        run.executionCounts.total += 1
        run.executionCounts.running += 1
        mapRuns[mapRunARN] = run
        let control = ExecutionControl()
        let history = ExecutionHistory(executionARN: child.arn, store: type == .standard ? store : nil, control: control)
        register(child.arn, control: control, history: history)
        return (child, control, history)
    }

    /// Records how a child ended (nil: it was stopped) and counts it in its Map Run. Returns
    /// the child as it ended.
    @discardableResult
    func finishChild(_ arn: String, outcome: ExecutionOutcome?, itemCount: Int) -> ExecutionRecord? {
        controls[arn] = nil
        let history = histories.removeValue(forKey: arn)
        guard var child = executions[arn], let mapRunARN = child.mapRunARN else { return nil }
        if child.status == .running {
            let now = clock.now().millisecondPrecision
            if let outcome {
                Self.apply(outcome, to: &child, at: now)
            } else {
                child.status = .aborted
                child.stopDate = now
                history?.append(HistoryEventData(type: "ExecutionAborted", detailsName: "executionAbortedEventDetails", details: [:], timestamp: now), force: true)
            }
            try? store.saveExecution(child)
        }
        executions[arn] = nil
        if var run = mapRuns[mapRunARN] {
            run.itemCounts.finish(Int64(itemCount), child.status)
            run.executionCounts.finish(1, child.status)
            mapRuns[mapRunARN] = run
            try? store.saveMapRun(run)
        }
        return child
    }

    /// Ends a Map Run: SUCCEEDED or FAILED (ABORTED when its parent was stopped), with the
    /// number of results its ResultWriter exported.
    func finishMapRun(_ arn: String, succeeded: Bool, resultsWritten: (items: Int64, executions: Int64)?) {
        guard var run = mapRuns[arn], run.status == .running else { return }
        let parentStopped = executions[run.executionARN]?.status == .aborted
        run.status = parentStopped ? .aborted : succeeded ? .succeeded : .failed
        run.stopDate = clock.now().millisecondPrecision
        if let resultsWritten {
            run.itemCounts.resultsWritten = resultsWritten.items
            run.executionCounts.resultsWritten = resultsWritten.executions
        }
        mapRuns[arn] = run
        runningLimits[arn] = nil
        try? store.saveMapRun(run)
    }

    /// The limits a running Map Run's session reads, which UpdateMapRun changes.
    func liveLimits(of arn: String, initial: MapRunLimits) -> LiveMapRunLimits {
        if let limits = runningLimits[arn] { return limits }
        let limits = LiveMapRunLimits(initial)
        runningLimits[arn] = limits
        return limits
    }

    func mapRun(_ arn: String) throws(StepFunctionsError) -> MapRunRecord {
        guard let run = mapRuns[arn] else { throw .resourceNotFound(arn) }
        return run
    }

    /// Changes a running Map Run's limits; its session reads them before starting each child.
    func updateMapRun(
        _ arn: String, maxConcurrency: Int?, toleratedFailureCount: Int64?, toleratedFailurePercentage: Double?
    ) throws(StepFunctionsError) -> MapRunRecord {
        var run = try mapRun(arn)
        if let maxConcurrency { run.maxConcurrency = maxConcurrency }
        if let toleratedFailureCount { run.toleratedFailureCount = toleratedFailureCount }
        if let toleratedFailurePercentage { run.toleratedFailurePercentage = toleratedFailurePercentage }
        let updated = run
        try persist { try store.saveMapRun(updated) }
        mapRuns[arn] = run
        runningLimits[arn]?.update { limits in
            if let maxConcurrency { limits.maxConcurrency = maxConcurrency }
            if let toleratedFailureCount { limits.toleratedFailureCount = toleratedFailureCount }
            if let toleratedFailurePercentage { limits.toleratedFailurePercentage = toleratedFailurePercentage }
        }
        return run
    }

    /// The Map Runs an execution started, oldest first.
    func mapRuns(of executionARN: String) throws(StepFunctionsError) -> [MapRunRecord] {
        _ = try execution(executionARN)
        return (mapRunsByExecution[executionARN] ?? []).compactMap { mapRuns[$0] }
    }

    /// A Map Run's child executions, newest first, as ListExecutions lists them.
    func executions(ofMapRun arn: String) throws(StepFunctionsError) -> [ExecutionRecord] {
        _ = try mapRun(arn)
        do {
            return try store.loadChildren(ofMapRun: arn)
        } catch {
            throw .storage("\(error)")
        }
    }

    /// Ends a Map Run that was running when Brume stopped: its parent's Map state runs again
    /// with a new Map Run, so this one is ABORTED, as are its running children.
    static func abort(_ run: inout MapRunRecord, store: StepFunctionsStore, at now: Date) throws {
        run.status = .aborted
        run.stopDate = now
        run.itemCounts.aborted += run.itemCounts.running
        run.itemCounts.running = 0
        run.executionCounts.aborted += run.executionCounts.running
        run.executionCounts.running = 0
        try store.saveMapRun(run)
    }
}
