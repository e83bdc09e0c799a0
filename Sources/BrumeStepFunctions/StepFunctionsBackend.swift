import BrumeCore
import BrumeStates
import BrumeWire
import Foundation

/// All state machines and executions of one stack, over storage.
///
/// STANDARD executions and their history are persisted as they go; EXPRESS executions live in
/// memory. Executions run on the ``ExecutionRunner``; StartSyncExecution runs in the request's
/// own task.
actor StepFunctionsBackend {
    static let restartCause = "Brume restarted and could not read the execution's definition or input"

    let store: StepFunctionsStore
    let clock: any StatesClock
    let runner: ExecutionRunner
    let invoker: any TaskInvoker
    /// S3, for Distributed Maps' datasets and results.
    let objects: MapRunObjects
    /// Told when an execution ends, for the `.sync` tasks waiting on it.
    let endings: ExecutionEndings

    private var machines: [String: StateMachineRecord] = [:]
    private var machineOrder: [String] = []
    var executions: [String: ExecutionRecord] = [:]
    /// Execution ARNs per state machine, oldest first.
    private var executionsByMachine: [String: [String]] = [:]
    var controls: [String: ExecutionControl] = [:]
    var histories: [String: ExecutionHistory] = [:]
    var mapRuns: [String: MapRunRecord] = [:]
    /// Map Run ARNs per parent execution, oldest first.
    var mapRunsByExecution: [String: [String]] = [:]
    /// The limits of the Map Runs still running, shared with their sessions.
    var runningLimits: [String: LiveMapRunLimits] = [:]

    /// Loads what is stored; STANDARD executions that were running when Brume stopped continue
    /// from the state they were in.
    init(
        store: StepFunctionsStore, clock: any StatesClock, runner: ExecutionRunner, invoker: any TaskInvoker, objects: MapRunObjects,
        endings: ExecutionEndings = ExecutionEndings()
    ) throws {
        self.endings = endings
        self.store = store
        self.clock = clock
        self.runner = runner
        self.invoker = invoker
        self.objects = objects
        for machine in try store.loadStateMachines() {
            machines[machine.arn] = machine
            machineOrder.append(machine.arn)
        }
        for var run in try store.loadMapRuns() {
            if run.status == .running { try Self.abort(&run, store: store, at: clock.now().millisecondPrecision) }
            mapRuns[run.arn] = run
            mapRunsByExecution[run.executionARN, default: []].append(run.arn)
        }
        // A child is not resumed: its parent's Map state runs again and starts a new Map Run.
        for var child in try store.loadRunningChildren() {
            try Self.abort(&child, history: try store.loadHistory(child.arn), store: store, at: clock.now().millisecondPrecision)
        }
        var interrupted: [(ExecutionRecord, [StoredHistoryEvent], StateMachineDefinition, JSONValue)] = []
        for var execution in try store.loadExecutions() {
            if execution.status == .running {
                let stored = try store.loadHistory(execution.arn)
                if let definition = try? StateMachineDefinition.parse(execution.definition),
                   let input = try? JSONValue.parse(Array(execution.input.utf8)) {
                    interrupted.append((execution, stored, definition, input))
                } else {
                    try Self.abort(&execution, history: stored, store: store, at: clock.now().millisecondPrecision)
                }
            }
            executions[execution.arn] = execution
            executionsByMachine[execution.stateMachineARN, default: []].append(execution.arn)
        }
        for (execution, stored, definition, input) in interrupted {
            resume(execution, history: stored, definition: definition, input: input)
        }
    }

    /// Where an interrupted execution's history says it was, at the top level.
    private static func resumePoint(of stored: [StoredHistoryEvent]) -> ResumePoint? {
        ResumePoint.from(history: stored.map { record in
            HistoryEvent(
                type: record.event.type, details: record.event.detailsName.map { ($0, record.event.details ?? [:]) },
                timestamp: record.event.timestamp
            )
        })
    }

    /// Continues a STANDARD execution that was running when Brume stopped, from the top-level
    /// state it was in: that state runs again, and a Wait keeps its deadline.
    ///
    /// An execution StartExecution acknowledged that never entered a state (the stack died
    /// first) runs from the start: its record was stored before the answer, so it is owed a
    /// run. The history it may have (an ExecutionStarted event) is kept, not written twice.
    private nonisolated func resume(
        _ execution: ExecutionRecord, history stored: [StoredHistoryEvent], definition: StateMachineDefinition, input: JSONValue
    ) {
        let point = Self.resumePoint(of: stored)
        let control = ExecutionControl()
        let history = ExecutionHistory(
            executionARN: execution.arn, store: store, control: control, existing: stored, startDate: execution.startDate
        )
        let interpreter = Interpreter(invoker: invoker, clock: clock, history: history, mapRuns: mapRunHost)
        let identity = ExecutionIdentity(
            executionARN: execution.arn, name: execution.name, stateMachineARN: execution.stateMachineARN,
            stateMachineName: StepFunctionsNames.parse(execution.stateMachineARN)?.rest.first ?? "", roleARN: execution.roleARN,
            startTime: execution.startDate
        )
        let arn = execution.arn
        runner.submit { [self] in
            await register(arn, control: control, history: history)
            let outcome = await control.run {
                if let point {
                    await interpreter.resume(definition, at: point, executionInput: input, identity: identity)
                } else {
                    await interpreter.run(definition, input: input, identity: identity)
                }
            }
            await finish(arn, outcome: outcome)
        }
    }

    func register(_ arn: String, control: ExecutionControl, history: ExecutionHistory) {
        controls[arn] = control
        histories[arn] = history
    }

    /// Ends an execution that cannot be resumed (its stored definition or input no longer
    /// parses) as ABORTED.
    static func abort(
        _ execution: inout ExecutionRecord, history stored: [StoredHistoryEvent], store: StepFunctionsStore, at now: Date
    ) throws {
        execution.status = .aborted
        execution.cause = restartCause
        execution.stopDate = now
        let history = ExecutionHistory(executionARN: execution.arn, store: store, control: ExecutionControl(), existing: stored)
        history.append(HistoryEventData(
            type: "ExecutionAborted", detailsName: "executionAbortedEventDetails", details: ["cause": .string(restartCause)],
            timestamp: now
        ), force: true)
        try store.saveExecution(execution)
    }

    // MARK: State machines

    /// Creates a state machine, or returns the existing one when name, type, definition, logging
    /// and tracing all match (AWS ignores a differing role or tags then).
    func createStateMachine(_ draft: StateMachineRecord) throws(StepFunctionsError) -> StateMachineRecord {
        if let existing = machines[draft.arn] {
            guard existing.type == draft.type, existing.definition == draft.definition, existing.logging == draft.logging,
                  existing.tracing == draft.tracing else {
                throw .stateMachineAlreadyExists(draft.arn)
            }
            return existing
        }
        var machine = draft
        machine.creationDate = clock.now().millisecondPrecision
        try persist { try store.saveStateMachine(machine) }
        machines[machine.arn] = machine
        machineOrder.append(machine.arn)
        return machine
    }

    func stateMachine(_ arn: String) throws(StepFunctionsError) -> StateMachineRecord {
        guard let machine = machines[arn] else { throw .stateMachineDoesNotExist(arn) }
        return machine
    }

    func updateStateMachine(_ arn: String, _ change: (inout StateMachineRecord) throws(StepFunctionsError) -> Void) throws(StepFunctionsError) -> StateMachineRecord {
        var machine = try stateMachine(arn)
        try change(&machine)
        machine.updateDate = clock.now().millisecondPrecision
        machine.revisionID = UUID().uuidString.lowercased()
        try persist { try store.saveStateMachine(machine) }
        machines[arn] = machine
        return machine
    }

    /// Changes a state machine's tags without touching its update date.
    func setTags(_ arn: String, _ change: (inout [Tag]) throws(StepFunctionsError) -> Void) throws(StepFunctionsError) {
        guard var machine = machines[arn] else { throw .resourceNotFound(arn) }
        try change(&machine.tags)
        let updated = machine
        try persist { try store.saveStateMachine(updated) }
        machines[arn] = machine
    }

    /// Deletes a state machine; its executions stay readable. Deleting one that does not exist succeeds, as in AWS.
    func deleteStateMachine(_ arn: String) throws(StepFunctionsError) {
        guard machines[arn] != nil else { return }
        try persist { try store.deleteStateMachine(arn) }
        machines[arn] = nil
        machineOrder.removeAll { $0 == arn }
    }

    func allStateMachines() -> [StateMachineRecord] {
        machineOrder.compactMap { machines[$0] }
    }

    // MARK: Executions

    /// Starts an execution on the runner. A STANDARD execution started again with the same name
    /// and input while it runs returns the first start, as AWS does.
    func startExecution(
        machineARN: String, name: String, input: String, parsedInput: JSONValue
    ) throws(StepFunctionsError) -> ExecutionRecord {
        let machine = try stateMachine(machineARN)
        let parsed = StepFunctionsNames.parse(machineARN)!
        let arn: String
        switch machine.type {
        case .standard:
            arn = StepFunctionsNames.executionARN(region: parsed.region, account: parsed.account, stateMachine: machine.name, name: name)
            if let existing = executions[arn] {
                guard existing.status == .running, existing.input == input else { throw .executionAlreadyExists(arn) }
                return existing
            }
        case .express:
            arn = StepFunctionsNames.expressExecutionARN(
                region: parsed.region, account: parsed.account, stateMachine: machine.name, name: name, id: UUID().uuidString.lowercased()
            )
        }
        let execution = ExecutionRecord(
            arn: arn, stateMachineARN: machineARN, name: name, type: machine.type, status: .running, input: input,
            startDate: clock.now().millisecondPrecision, definition: machine.definition, roleARN: machine.roleARN,
            stateMachineUpdateDate: machine.updateDate ?? machine.creationDate
        )
        let definition: StateMachineDefinition
        do {
            definition = try StateMachineDefinition.parse(machine.definition)
        } catch {
            throw .invalidDefinition(error.message)
        }
        if machine.type == .standard {
            try persist { try store.saveExecution(execution) }
            executions[arn] = execution
            executionsByMachine[machineARN, default: []].append(arn)
        }
        let control = ExecutionControl()
        let history = ExecutionHistory(executionARN: arn, store: machine.type == .standard ? store : nil, control: control)
        controls[arn] = control
        histories[arn] = history
        let interpreter = Interpreter(invoker: invoker, clock: clock, history: history, mapRuns: mapRunHost)
        let identity = identity(of: execution, machine: machine)
        runner.submit { [self] in
            let outcome = await control.run { await interpreter.run(definition, input: parsedInput, identity: identity) }
            await finish(arn, outcome: outcome)
        }
        return execution
    }

    /// Runs an EXPRESS execution to its end in the calling task and returns how it ended.
    func startSyncExecution(machineARN: String, name: String, input: String, parsedInput: JSONValue) async throws(StepFunctionsError) -> ExecutionRecord {
        let machine = try stateMachine(machineARN)
        guard machine.type == .express else {
            throw .stateMachineTypeNotSupported("This operation is not supported by this type of state machine")
        }
        let parsed = StepFunctionsNames.parse(machineARN)!
        let arn = StepFunctionsNames.expressExecutionARN(
            region: parsed.region, account: parsed.account, stateMachine: machine.name, name: name, id: UUID().uuidString.lowercased()
        )
        let definition: StateMachineDefinition
        do {
            definition = try StateMachineDefinition.parse(machine.definition)
        } catch {
            throw .invalidDefinition(error.message)
        }
        var execution = ExecutionRecord(
            arn: arn, stateMachineARN: machineARN, name: name, type: .express, status: .running, input: input,
            startDate: clock.now().millisecondPrecision, definition: machine.definition, roleARN: machine.roleARN,
            stateMachineUpdateDate: machine.updateDate ?? machine.creationDate
        )
        // A synchronous execution's history is never read (it has no GetExecutionHistory), only
        // its event ids, which errors quote; so its events are recorded without details.
        let history = ExecutionHistory(executionARN: arn, store: nil, control: ExecutionControl(), recordsDetails: false)
        let interpreter = Interpreter(invoker: invoker, clock: clock, history: history, mapRuns: mapRunHost)
        let outcome = await interpreter.run(definition, input: parsedInput, identity: identity(of: execution, machine: machine))
        Self.apply(outcome, to: &execution, at: clock.now().millisecondPrecision)
        return execution
    }

    /// Records how an execution ended, unless it was stopped first.
    ///
    /// An ending that cannot be stored leaves the execution RUNNING, as storage has it, so no
    /// one is told of an end a restart would not find; the restart runs its last state again.
    private func finish(_ arn: String, outcome: ExecutionOutcome?) {
        controls[arn] = nil
        histories[arn] = nil
        defer { endings.ended(arn) }
        guard let outcome, var execution = executions[arn], execution.status == .running else { return }
        Self.apply(outcome, to: &execution, at: clock.now().millisecondPrecision)
        guard (try? store.saveExecution(execution)) != nil else { return }
        executions[arn] = execution
    }

    static func apply(_ outcome: ExecutionOutcome, to execution: inout ExecutionRecord, at date: Date) {
        execution.stopDate = date
        switch outcome {
        case .succeeded(let output):
            execution.status = .succeeded
            execution.output = output.text
        case .failed(let error):
            execution.status = error.error == StatesErrorName.timeout && error.cause == "The execution timed out." ? .timedOut : .failed
            execution.error = error.error
            execution.cause = error.cause
        }
    }

    /// An execution; a Distributed Map's child that has ended is read from storage.
    func execution(_ arn: String) throws(StepFunctionsError) -> ExecutionRecord {
        if let execution = executions[arn] { return execution }
        guard let stored = try? store.loadExecution(arn), stored.mapRunARN != nil else { throw .executionDoesNotExist(arn) }
        return stored
    }

    /// Stops a running execution: ABORTED, with an ExecutionAborted event. Stopping a finished
    /// execution changes nothing and returns its stop date.
    func stopExecution(_ arn: String, error: String?, cause: String?) throws(StepFunctionsError) -> ExecutionRecord {
        var execution = try self.execution(arn)
        guard execution.status == .running else { return execution }
        let now = clock.now().millisecondPrecision
        controls[arn]?.stop()
        var details: JSONObject = [:]
        if let error { details["error"] = .string(error) }
        if let cause { details["cause"] = .string(cause) }
        let history = histories[arn] ?? ExecutionHistory(
            executionARN: arn, store: store, control: ExecutionControl(), existing: (try? store.loadHistory(arn)) ?? []
        )
        history.append(HistoryEventData(type: "ExecutionAborted", detailsName: "executionAbortedEventDetails", details: details, timestamp: now), force: true)
        execution.status = .aborted
        execution.error = error
        execution.cause = cause
        execution.stopDate = now
        let stopped = execution
        try persist { try store.saveExecution(stopped) }
        executions[arn] = execution
        endings.ended(arn)
        return execution
    }

    /// A state machine's executions, newest first.
    func executions(of machineARN: String) -> [ExecutionRecord] {
        (executionsByMachine[machineARN] ?? []).reversed().compactMap { executions[$0] }
    }

    func history(_ arn: String) throws(StepFunctionsError) -> [StoredHistoryEvent] {
        _ = try execution(arn)
        if let history = histories[arn] { return history.all }
        do {
            return try store.loadHistory(arn)
        } catch {
            throw .validation("The history could not be read: \(error)")
        }
    }

    private func identity(of execution: ExecutionRecord, machine: StateMachineRecord) -> ExecutionIdentity {
        ExecutionIdentity(
            executionARN: execution.arn, name: execution.name, stateMachineARN: machine.arn, stateMachineName: machine.name,
            roleARN: machine.roleARN, startTime: execution.startDate
        )
    }

    /// Runs a storage write; a failure is the service's fault, reported as InternalFailure by the edge.
    func persist(_ write: () throws -> Void) throws(StepFunctionsError) {
        do {
            try write()
        } catch {
            throw .storage("\(error)")
        }
    }
}
