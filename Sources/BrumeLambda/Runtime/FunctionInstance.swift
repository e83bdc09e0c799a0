import BrumeWire
import Foundation
import NIOCore
import NIOHTTP1

/// One warm (or warming) function instance: a process, its Runtime API, and the invocations it
/// runs one at a time.
///
/// The ordering rules live in ``InstanceStateMachine``; this actor performs its actions: it
/// answers the runtime's long poll, arms deadlines, kills the process, writes the START, END
/// and REPORT lines, and tells each invoker how its invocation ended.
actor FunctionInstance {
    let function: FunctionRecord
    let log: InstanceLog
    private let initTimeout: Duration
    private let onTerminated: @Sendable (FunctionInstance) async -> Void
    private var machine = InstanceStateMachine()
    private var server: RuntimeAPIServer?
    private var process: InstanceProcess?
    private var serving: Task<Void, Never>?
    private var initDeadline: Task<Void, Never>?
    /// The runtime's `next` request, waiting for an invocation.
    private var parkedNext: CheckedContinuation<Invocation?, Never>?
    private var invocations: [InvocationID: Running] = [:]
    private let spawnedAt = ContinuousClock.now
    /// Reported on the first REPORT line only, as AWS does.
    private var initDuration: Duration?
    private var initDurationReported = false
    /// What the runtime posted to `init/error`.
    private var initError: [UInt8]?
    private var peakMemoryMB = 0

    private struct Running {
        var invocation: Invocation
        let caller: CheckedContinuation<InvocationResult, Never>
        var started: ContinuousClock.Instant?
        var deadline: Task<Void, Never>?
        var answer: [UInt8] = []
        var errorType: String?
    }

    init(function: FunctionRecord, log: InstanceLog, initTimeout: Duration, onTerminated: @escaping @Sendable (FunctionInstance) async -> Void) {
        self.function = function
        self.log = log
        self.initTimeout = initTimeout
        self.onTerminated = onTerminated
    }

    /// Binds the Runtime API and starts the process; the init phase runs from here.
    /// - Throws: when the port cannot be bound or the program cannot be started.
    func start(_ launch: InstanceProcess.Launch) async throws {
        let server = try await RuntimeAPIServer.bind()
        self.server = server
        // The server holds the instance until it closes, which ``terminate()`` does.
        serving = Task {
            await server.serve { request in await self.handle(request) }
        }
        var launch = launch
        launch.environment["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:\(server.port)"
        do {
            process = try InstanceProcess(launch, output: { [log] line in log.append(line) }, exited: { [weak self] status in
                Task { await self?.processExited(status: status) }
            })
        } catch {
            server.close()
            throw error
        }
        let timeout = initTimeout
        initDeadline = Task { [weak self] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            await self?.initDeadlinePassed()
        }
    }

    /// The transition and its actions in one turn of the actor, so no event slips between them.
    private func initDeadlinePassed() {
        perform(machine.initDeadlinePassed())
    }

    /// Whether the instance can take an invocation now.
    var acceptsInvocation: Bool { machine.acceptsInvocation }

    /// Runs one invocation to its end, however it ends; nil when the instance ended before it
    /// could take it (it crashed while idle), so the caller picks another.
    func invoke(_ invocation: Invocation) async -> InvocationResult? {
        guard machine.acceptsInvocation else { return nil }
        return await withCheckedContinuation { caller in
            invocations[invocation.requestID] = Running(invocation: invocation, caller: caller)
            perform(machine.assign(invocation.requestID))
        }
    }

    /// Ends the instance: now if idle, after its invocation otherwise.
    func retire() {
        perform(machine.retire())
    }

    // MARK: Runtime API

    private func handle(_ request: RuntimeAPIRequest) async -> RuntimeAPIResponse {
        let segments = request.path.split(separator: "/").map(String.init)
        guard segments.count >= 3, segments[0] == "2018-06-01", segments[1] == "runtime" else {
            return .error(.notFound, type: "InvalidPath", message: "Unknown path \(request.path)")
        }
        let route = Array(segments.dropFirst(2))
        if request.method == .GET, route == ["invocation", "next"] {
            return await next()
        }
        if request.method == .POST, route.count == 3, route[0] == "invocation", route[2] == "response" {
            return answer(route[1], body: request.body, errorType: nil)
        }
        if request.method == .POST, route.count == 3, route[0] == "invocation", route[2] == "error" {
            let type = request.headers.first(name: "Lambda-Runtime-Function-Error-Type")
                ?? request.body.flatMap { Self.errorType(in: Array($0.readableBytesView)) } ?? "Runtime.Unknown"
            return answer(route[1], body: request.body, errorType: type)
        }
        if request.method == .POST, route == ["init", "error"] {
            // An oversized init error is reported as an unknown one: its text was never kept.
            initError = request.body.map { Array($0.readableBytesView) }
            let actions = machine.initErrorReported()
            if let rejection = Self.rejection(in: actions) { return Self.response(for: rejection) }
            perform(actions)
            return Self.accepted
        }
        return .error(.notFound, type: "InvalidPath", message: "Unknown path \(request.path)")
    }

    private func next() async -> RuntimeAPIResponse {
        guard !machine.nextIsWaiting else { return Self.response(for: .concurrentNext) }
        let delivered: Invocation? = await withCheckedContinuation { continuation in
            parkedNext = continuation
            perform(machine.nextRequested())
        }
        guard let invocation = delivered, let deadline = invocation.deadline else {
            return .error(.internalServerError, type: "Runtime.Gone", message: "The instance has ended.")
        }
        var headers: [(String, String)] = [
            ("Content-Type", "application/json"),
            ("Lambda-Runtime-Aws-Request-Id", invocation.requestID),
            ("Lambda-Runtime-Deadline-Ms", String(Int64(deadline.timeIntervalSince1970 * 1000))),
            ("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionARN),
            ("Lambda-Runtime-Trace-Id", invocation.traceID),
        ]
        if let context = invocation.clientContext { headers.append(("Lambda-Runtime-Client-Context", context)) }
        return RuntimeAPIResponse(status: .ok, headers: headers, body: invocation.payload)
    }

    /// Records the runtime's answer to invocation `id`; a `body` of nil was over the limit, which
    /// fails the invocation with `Function.ResponseSizeTooLarge` and tells the runtime 413, as
    /// Lambda does.
    private func answer(_ id: String, body: ByteBuffer?, errorType: String?) -> RuntimeAPIResponse {
        let actions = machine.answered(id, errored: errorType != nil || body == nil)
        if let rejection = Self.rejection(in: actions) { return Self.response(for: rejection) }
        guard let body else {
            let limit = LambdaLimits.synchronousResponse
            invocations[id]?.answer = RuntimeFailure.document(
                type: "Function.ResponseSizeTooLarge", message: "Response payload size exceeded maximum allowed payload size (\(limit) bytes)."
            )
            invocations[id]?.errorType = "Function.ResponseSizeTooLarge"
            perform(actions)
            return .error(.payloadTooLarge, type: "RequestEntityTooLarge", message: "Exceeded maximum allowed payload size (\(limit) bytes).")
        }
        invocations[id]?.answer = Array(body.readableBytesView)
        invocations[id]?.errorType = errorType
        perform(actions)
        return Self.accepted
    }

    private static let accepted = RuntimeAPIResponse(status: .accepted, headers: [("Content-Type", "application/json")], body: Array(#"{"status":"OK"}"#.utf8))

    private static func rejection(in actions: [InstanceStateMachine.Action]) -> RuntimeRequestRejection? {
        for case .reject(let rejection) in actions { return rejection }
        return nil
    }

    private static func response(for rejection: RuntimeRequestRejection) -> RuntimeAPIResponse {
        switch rejection {
        case .concurrentNext:
            .error(.badRequest, type: "InvalidStateTransition", message: "A next request is already waiting.")
        case .unknownInvocation:
            .error(.badRequest, type: "InvalidRequestID", message: "Invalid request ID")
        case .initErrorAfterInit:
            .error(.forbidden, type: "InvalidStateTransition", message: "Transition from Ready to InitError is not allowed.")
        case .instanceGone:
            .error(.internalServerError, type: "Runtime.Gone", message: "The instance has ended.")
        }
    }

    // MARK: Events from the process and timers

    private func processExited(status: Int32) {
        perform(machine.processExited(status: status))
    }

    private func invocationDeadlinePassed(_ id: InvocationID) {
        perform(machine.invocationDeadlinePassed(id))
    }

    // MARK: Actions

    private func perform(_ actions: [InstanceStateMachine.Action]) {
        for action in actions {
            switch action {
            case .deliver(let id):
                deliver(id)
            case .initCompleted:
                initDuration = ContinuousClock.now - spawnedAt
                initDeadline?.cancel()
            case .complete(let id, let outcome):
                guard let running = invocations.removeValue(forKey: id) else { continue }
                running.deadline?.cancel()
                let memory = sampleMemory()
                Task { await self.finish(running, outcome: outcome, memoryMB: memory) }
            case .terminate:
                terminate()
            case .reject:
                if let parked = parkedNext {
                    parkedNext = nil
                    parked.resume(returning: nil)
                }
            }
        }
    }

    private func deliver(_ id: InvocationID) {
        guard var running = invocations[id] else { return }
        let timeout = function.timeout
        running.invocation.deadline = Date().addingTimeInterval(TimeInterval(timeout))
        running.started = .now
        running.deadline = Task { [weak self] in
            guard (try? await Task.sleep(for: .seconds(timeout))) != nil else { return }
            await self?.invocationDeadlinePassed(id)
        }
        invocations[id] = running
        // The first invocation samples memory up front, so a crash still reports a figure.
        if peakMemoryMB == 0 { _ = sampleMemory() }
        log.beginInvocation()
        log.append("START RequestId: \(id) Version: \(function.version)")
        let parked = parkedNext
        parkedNext = nil
        parked?.resume(returning: running.invocation)
    }

    private func finish(_ running: Running, outcome: InstanceStateMachine.Outcome, memoryMB: Int) async {
        await process?.settleOutput()
        let id = running.invocation.requestID
        var payload = running.answer
        var errorType = running.errorType
        var status: String?
        switch outcome {
        case .response, .functionError:
            break
        case .initError:
            payload = initError ?? RuntimeFailure.document(type: "Runtime.Unknown", message: "Unknown init error.")
            errorType = Self.errorType(in: payload) ?? "Runtime.Unknown"
            status = "error"
        case .exited(let code):
            let failure = RuntimeFailure.exited(requestID: id, status: code)
            (payload, errorType, status) = (RuntimeFailure.document(type: failure.type, message: failure.message), failure.type, "error")
            log.append("\(failure.message)\n\(failure.type)")
        case .timedOut:
            let failure = RuntimeFailure.timedOut(requestID: id, timeout: function.timeout)
            (payload, errorType, status) = (RuntimeFailure.document(type: failure.type, message: failure.message), failure.type, "timeout")
            log.append("\(AWSTimestamp.iso8601(Date())) \(id) Task timed out after \(function.timeout).00 seconds")
        }
        if running.started == nil { log.beginInvocation() }
        let elapsed = running.started.map { ContinuousClock.now - $0 } ?? .zero
        log.append("END RequestId: \(id)")
        log.append(reportLine(id, elapsed: elapsed, memoryMB: memoryMB, status: status, errorType: status == nil ? nil : errorType))
        let lines = log.endInvocation()
        running.caller.resume(returning: InvocationResult(
            payload: payload, functionError: errorType == nil ? nil : "Unhandled", errorType: errorType, log: InstanceLog.tail(lines)
        ))
    }

    private func reportLine(_ id: String, elapsed: Duration, memoryMB: Int, status: String?, errorType: String?) -> String {
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var line = "REPORT RequestId: \(id)\tDuration: \(String(format: "%.2f", milliseconds)) ms"
        line += "\tBilled Duration: \(Int(milliseconds.rounded(.up))) ms\tMemory Size: \(function.memorySize) MB"
        line += "\tMax Memory Used: \(memoryMB) MB"
        if let initDuration, !initDurationReported {
            initDurationReported = true
            let initMilliseconds = Double(initDuration.components.seconds) * 1000 + Double(initDuration.components.attoseconds) / 1e15
            line += "\tInit Duration: \(String(format: "%.2f", initMilliseconds)) ms"
        }
        if let status { line += "\tStatus: \(status)" }
        if let errorType { line += "\tError Type: \(errorType)" }
        return line + "\t"
    }

    /// The process's peak resident memory in MB (`VmHWM`), or the last reading once it is gone.
    private func sampleMemory() -> Int {
        guard let pid = process?.pid, let kilobytes = ProcessMemory.peakKilobytes(pid: pid) else { return peakMemoryMB }
        peakMemoryMB = max(peakMemoryMB, (kilobytes + 1023) / 1024)
        return peakMemoryMB
    }

    private static func errorType(in document: [UInt8]) -> String? {
        (try? JSONValue.parse(document))?["errorType"]?.stringValue
    }

    private func terminate() {
        initDeadline?.cancel()
        process?.kill()
        server?.close()
        if let parked = parkedNext {
            parkedNext = nil
            parked.resume(returning: nil)
        }
        Task { await onTerminated(self) }
    }
}
