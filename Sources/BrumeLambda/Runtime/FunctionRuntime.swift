import BrumeCore
import BrumeEdge
import Foundation
import ServiceLifecycle

/// Every function's instances: which are warm and idle, which are busy, and how many may run.
///
/// An invoke takes the most recently used idle instance of the function's current code (the
/// warmest), or starts one while the function's reserved concurrency, or else the account's,
/// allows; beyond that it is throttled, as AWS throttles. Idle instances are retired after
/// ``idleTimeout``; instances of replaced code drain and end. As a lifecycle `Service` the
/// runtime reaps idle instances while it runs and ends every process when the stack stops; it
/// wakes only when the oldest idle instance is due, so an idle stack costs it nothing.
actor FunctionRuntime: Service {
    private struct Slot {
        let instance: FunctionInstance
        /// The function name, version and revision whose code it runs.
        let key: String
        let function: String
        var busy: Bool
        var idleSince: ContinuousClock.Instant
    }

    private var slots: [ObjectIdentifier: Slot] = [:]
    private let launcher: RuntimeLauncher
    /// Where the edge listens: functions' SDKs call AWS there.
    private let edge: EdgeAddress
    private let accountConcurrency: Int
    private let idleTimeout: Duration
    private let logSink: @Sendable (String, LogLine) -> Void
    /// Rung when an instance turns idle while the reaper has no instance to wait for.
    private let reaper = Doorbell()
    /// When the reaper wakes next, if it waits for an instance.
    private let clock: any WallClock
    private var reaperDue: ContinuousClock.Instant?
    /// How long the reaper sleeps with no idle instance before it looks again.
    static let idleWait = Duration.seconds(3600)

    /// - Parameters:
    ///   - clock: stamps log lines and names log streams (the stack clock, as CloudWatch Logs
    ///     judges event ages by it); timeouts and idle instances stay on real time.
    ///   - logSink: receives every line of every instance with its log group.
    init(
        launcher: RuntimeLauncher, edge: EdgeAddress, accountConcurrency: Int, idleTimeout: Duration, clock: any WallClock,
        logSink: @escaping @Sendable (String, LogLine) -> Void
    ) {
        self.launcher = launcher
        self.clock = clock
        self.edge = edge
        self.accountConcurrency = accountConcurrency
        self.idleTimeout = idleTimeout
        self.logSink = logSink
    }

    /// Runs `invocation` on an instance of `function`.
    /// - Parameter reservedConcurrency: the function's reserved concurrency, if set.
    /// - Throws: ``LambdaError/tooManyRequests(reason:)`` when no instance may be added.
    func invoke(_ function: FunctionRecord, reservedConcurrency: Int?, invocation: Invocation) async throws(LambdaError) -> InvocationResult {
        // An instance that died while idle answers nil; a fresh one is taken instead.
        for _ in 0..<3 {
            let (instance, isNew) = try acquire(function, reservedConcurrency: reservedConcurrency)
            if isNew {
                do {
                    let endpoint = await edge.url()
                    let launch = try launcher.launch(for: function, logStream: instance.log.streamName, endpointURL: endpoint)
                    try await instance.start(launch)
                } catch let failure as RuntimeLauncher.LaunchFailure {
                    slots[ObjectIdentifier(instance)] = nil
                    return Self.failedStart(function, invocation, failure, log: instance.log)
                } catch {
                    slots[ObjectIdentifier(instance)] = nil
                    throw .service("cannot start an instance of \(function.name): \(error)")
                }
            }
            if let result = await instance.invoke(invocation) {
                release(instance)
                return result
            }
            slots[ObjectIdentifier(instance)] = nil
        }
        throw .service("instances of \(function.name) keep ending before they can take an invocation")
    }

    /// Retires the instances of `function` whose code or configuration is not `current`'s:
    /// idle ones end now, busy ones after their invocation.
    func retireInstances(of function: String, keeping current: String? = nil) async {
        let retiring = slots.values.filter { $0.function == function && $0.key != current }.map(\.instance)
        for instance in retiring { await instance.retire() }
    }

    /// How many instances each function has, busy or idle.
    func instanceCounts() -> [String: Int] {
        slots.values.reduce(into: [:]) { $0[$1.function, default: 0] += 1 }
    }

    // MARK: Lifecycle service

    func run() async throws {
        let reaper = self.reaper
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            await reapIdleInstances()
            let wait = reaperDue.map { max(.zero, $0 - .now) } ?? Self.idleWait
            await withGracefulShutdownHandler {
                await reaper.wait(timeout: wait)
            } onGracefulShutdown: {
                reaper.ring()
            }
        }
        await retireEverything()
    }

    /// Retires the instances idle for longer than ``idleTimeout`` and notes when the next one is due.
    private func reapIdleInstances() async {
        let now = ContinuousClock.now
        let idle = slots.values.filter { !$0.busy }
        let stale = idle.filter { now - $0.idleSince >= idleTimeout }.map(\.instance)
        reaperDue = idle.filter { now - $0.idleSince < idleTimeout }.map { $0.idleSince + idleTimeout }.min()
        for instance in stale { await instance.retire() }
    }

    private func retireEverything() async {
        for slot in slots.values { await slot.instance.retire() }
    }

    // MARK: Slots

    private func acquire(_ function: FunctionRecord, reservedConcurrency: Int?) throws(LambdaError) -> (FunctionInstance, Bool) {
        let key = Self.key(function)
        if let warm = slots.values.filter({ $0.key == key && !$0.busy }).max(by: { $0.idleSince < $1.idleSince }) {
            slots[ObjectIdentifier(warm.instance)]?.busy = true
            return (warm.instance, false)
        }
        let busyForFunction = slots.values.count { $0.function == function.name && $0.busy }
        if let reservedConcurrency, busyForFunction >= reservedConcurrency {
            throw .tooManyRequests(reason: "ReservedFunctionConcurrentInvocationLimitExceeded")
        }
        if slots.values.count(where: \.busy) >= accountConcurrency {
            throw .tooManyRequests(reason: "ConcurrentInvocationLimitExceeded")
        }
        let group = function.logGroup
        let sink = logSink
        let log = InstanceLog(streamName: InstanceLog.streamName(version: function.version, date: clock.now()), clock: clock) { line in sink(group, line) }
        let instance = FunctionInstance(
            function: function, log: log, initTimeout: .seconds(LambdaLimits.initTimeoutSeconds),
            onTerminated: { [weak self] instance in await self?.remove(instance) }
        )
        slots[ObjectIdentifier(instance)] = Slot(instance: instance, key: key, function: function.name, busy: true, idleSince: .now)
        return (instance, true)
    }

    private func release(_ instance: FunctionInstance) {
        slots[ObjectIdentifier(instance)]?.busy = false
        slots[ObjectIdentifier(instance)]?.idleSince = .now
        // An instance idle now is due after every one the reaper already waits for.
        if reaperDue == nil, slots[ObjectIdentifier(instance)] != nil {
            reaperDue = .now + idleTimeout
            reaper.ring()
        }
    }

    private func remove(_ instance: FunctionInstance) {
        slots[ObjectIdentifier(instance)] = nil
    }

    /// Instances are shared only by invocations of the same code and configuration.
    static func key(_ function: FunctionRecord) -> String {
        "\(function.name):\(function.version):\(function.revisionID)"
    }

    /// An invocation whose instance could not even start, reported as AWS reports an init failure.
    private static func failedStart(
        _ function: FunctionRecord, _ invocation: Invocation, _ failure: RuntimeLauncher.LaunchFailure, log: InstanceLog
    ) -> InvocationResult {
        log.beginInvocation()
        log.append("START RequestId: \(invocation.requestID) Version: \(function.version)")
        log.append("\(failure.errorType): \(failure.message)")
        log.append("END RequestId: \(invocation.requestID)")
        log.append("REPORT RequestId: \(invocation.requestID)\tDuration: 0.00 ms\tBilled Duration: 0 ms\tMemory Size: \(function.memorySize) MB"
            + "\tMax Memory Used: 0 MB\tStatus: error\tError Type: \(failure.errorType)\t")
        return InvocationResult(
            payload: RuntimeFailure.document(type: failure.errorType, message: failure.message),
            functionError: "Unhandled", errorType: failure.errorType, log: InstanceLog.tail(log.endInvocation())
        )
    }
}
