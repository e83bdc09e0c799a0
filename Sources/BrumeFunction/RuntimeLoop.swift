#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The runtime-client loop: initialise once, then forever fetch an event, run
/// the handler, and report its result.
///
/// Works on raw payload bytes; the public ``FunctionRuntime`` entry points adapt
/// typed handlers onto it. There is a synchronous and an `async` variant of the
/// loop so that synchronous `main`s need no concurrency runtime at all; both
/// share every step except calling the handler.
///
/// Runtime API I/O is blocking. The async variant is `nonisolated(nonsending)`,
/// so it blocks the caller's executor (the main thread, when started from
/// `main`) while waiting for the next event. That is harmless: between invokes
/// the process has nothing else to do (Lambda freezes it), and during an
/// invoke the loop is suspended in the handler, not blocking. Tasks the
/// handler leaves running on the global executor are not held up either.
struct RuntimeLoop {
    private let client: RuntimeAPIClient
    private let environment: FunctionEnvironment

    /// Reads the environment and prepares the Runtime API client. The
    /// connection itself is opened by the first request.
    init() throws(FunctionRuntimeError) {
        LogWriter.configureStandardStreams()
        environment = FunctionEnvironment.current()
        guard let endpoint = environment.runtimeAPI, !endpoint.isEmpty else { throw .missingEndpoint }
        client = try RuntimeAPIClient(endpoint: endpoint)
    }

    nonisolated(nonsending) func run<State>(
        initialize: () async throws -> State,
        handler: (State, [UInt8], FunctionContext) async throws -> [UInt8]
    ) async throws(FunctionRuntimeError) -> Never {
        let state: State
        do { state = try await initialize() } catch { failInitialization(error) }
        while true {
            let (invocation, context) = try next()
            let result: Result<[UInt8], any Error>
            do {
                result = .success(try await handler(state, invocation.payload, context))
            } catch {
                result = .failure(error)
            }
            try finish(invocation, result)
        }
    }

    func run<State>(
        initialize: () throws -> State,
        handler: (State, [UInt8], FunctionContext) throws -> [UInt8]
    ) throws(FunctionRuntimeError) -> Never {
        let state: State
        do { state = try initialize() } catch { failInitialization(error) }
        while true {
            let (invocation, context) = try next()
            try finish(invocation, Result { try handler(state, invocation.payload, context) })
        }
    }

    // MARK: - Steps

    /// Reports an initialisation failure, then exits with status 1: after a
    /// failed init, Lambda discards the process, and a handler loop running
    /// on a half-built state would be worse than no process.
    private func failInitialization(_ error: any Error) -> Never {
        let report = ErrorReport(error: error)
        LogWriter.runtimeMessage("init error: \(report.errorType): \(report.errorMessage)")
        do {
            _ = try client.sendInitError(report)
        } catch {
            LogWriter.runtimeMessage("could not report the init error: \(error)")
        }
        exit(1)
    }

    private func next() throws(FunctionRuntimeError) -> (Invocation, FunctionContext) {
        let invocation = try client.nextInvocation()
        // AWS SDKs and the X-Ray SDK read the trace header from this variable;
        // it must change with every invoke, and not leak into one without it.
        if let traceID = invocation.traceID {
            setenv("_X_AMZN_TRACE_ID", traceID, 1)
        } else {
            unsetenv("_X_AMZN_TRACE_ID")
        }
        return (invocation, FunctionContext(invocation: invocation, environment: environment))
    }

    private func finish(_ invocation: Invocation, _ result: Result<[UInt8], any Error>) throws(FunctionRuntimeError) {
        let outcome: RuntimeAPIClient.ReportOutcome
        switch result {
        case .success(let payload):
            outcome = try client.sendResponse(requestID: invocation.requestID, payload: payload)
        case .failure(let error):
            let report = ErrorReport(error: error)
            // Also log it: the caller may only see the error type, while the
            // function's log is where someone debugging will look.
            LogWriter.write(
                "Invoke Error: \(report.errorType): \(report.errorMessage)",
                requestID: invocation.requestID, level: "ERROR")
            outcome = try client.sendError(requestID: invocation.requestID, report)
        }
        // A rejected report (e.g. a response over the payload limit) fails this
        // invoke only; Lambda has already recorded why, so log and carry on.
        if case .rejected(let status, let body) = outcome {
            LogWriter.write(
                "Runtime API rejected the result with HTTP \(status): \(body)",
                requestID: invocation.requestID, level: "ERROR")
        }
    }
}
