/// The life of one function instance, as pure transitions.
///
/// An instance is a process speaking the Runtime API. Its runtime asks for work with
/// `GET /next` (the first ask ends the init phase), Brume assigns it invocations, and the
/// runtime answers each with `/response` or `/error` — unless it reports an init error, exits,
/// or runs past a deadline. Every event returns the actions its owner (``FunctionInstance``)
/// performs, so the ordering rules are tested here without processes, sockets or sleeps.
struct InstanceStateMachine: Sendable {
    /// Where the instance is.
    enum State: Sendable, Equatable {
        /// Spawned; the runtime has not asked for work yet. An invocation assigned meanwhile waits.
        case initializing(pending: InvocationID?)
        /// Ready for an invocation.
        case idle
        /// Running an invocation; `delivered` once the runtime has received it.
        case invoking(InvocationID, delivered: Bool)
        /// Gone; no event changes it.
        case terminated(Termination)
    }

    /// Why an instance ended.
    enum Termination: Sendable, Equatable {
        /// The runtime reported an init error, or exited before asking for work.
        case initFailed
        /// The process exited on its own (a crash or `exit()`), with its status.
        case exited(Int32)
        /// The init phase or an invocation ran past its deadline.
        case timedOut
        /// Brume retired it: idle too long, its code changed, or the stack is stopping.
        case retired
    }

    /// How an invocation ended.
    enum Outcome: Sendable, Equatable {
        /// The runtime posted a response.
        case response
        /// The runtime posted an error for the invocation.
        case functionError
        /// The runtime reported an init error before taking the invocation.
        case initError
        /// The process exited during the init phase or the invocation.
        case exited(Int32)
        /// The invocation (or the init phase it waited on) ran out of time.
        case timedOut
    }

    /// What the owner must do, in order.
    enum Action: Sendable, Equatable {
        /// Answer the runtime's waiting `next` request with this invocation.
        case deliver(InvocationID)
        /// The init phase ended successfully (for the REPORT line's Init Duration).
        case initCompleted
        /// Tell the invoker how its invocation ended.
        case complete(InvocationID, Outcome)
        /// Kill the process if it is alive and release the instance.
        case terminate
        /// Answer the runtime's request with an error: it is out of order.
        case reject(RuntimeRequestRejection)
    }

    private(set) var state: State = .initializing(pending: nil)
    /// Whether a runtime `next` request is waiting to be answered.
    private(set) var nextIsWaiting = false
    /// Retire once the current invocation ends (its code changed; it must drain, not die).
    private var retiresWhenIdle = false

    init() {}

    /// Whether the instance can take an invocation now (idle, or initializing with none waiting).
    var acceptsInvocation: Bool {
        switch state {
        case .idle: !retiresWhenIdle
        case .initializing(pending: nil): !retiresWhenIdle
        default: false
        }
    }

    var isTerminated: Bool {
        if case .terminated = state { true } else { false }
    }

    /// The runtime asked for its next invocation.
    mutating func nextRequested() -> [Action] {
        guard !nextIsWaiting else { return [.reject(.concurrentNext)] }
        switch state {
        case .initializing(let pending):
            if let pending {
                state = .invoking(pending, delivered: true)
                return [.initCompleted, .deliver(pending)]
            }
            state = .idle
            nextIsWaiting = true
            return [.initCompleted]
        case .idle:
            nextIsWaiting = true
            return []
        case .invoking(let id, delivered: false):
            state = .invoking(id, delivered: true)
            return [.deliver(id)]
        case .invoking(_, delivered: true):
            // The runtime moved on without answering: the invocation stays open until its
            // deadline, and this ask waits for the one after it.
            nextIsWaiting = true
            return []
        case .terminated:
            return [.reject(.instanceGone)]
        }
    }

    /// Brume assigns an invocation; only valid when ``acceptsInvocation``.
    mutating func assign(_ id: InvocationID) -> [Action] {
        switch state {
        case .initializing(pending: nil) where !retiresWhenIdle:
            state = .initializing(pending: id)
            return []
        case .idle where !retiresWhenIdle:
            if nextIsWaiting {
                nextIsWaiting = false
                state = .invoking(id, delivered: true)
                return [.deliver(id)]
            }
            state = .invoking(id, delivered: false)
            return []
        default:
            preconditionFailure("assign(_:) on an instance that does not accept invocations: \(state)")
        }
    }

    /// The runtime posted a response (`errored: false`) or an error for invocation `id`.
    mutating func answered(_ id: InvocationID, errored: Bool) -> [Action] {
        guard case .invoking(let current, delivered: true) = state, current == id else {
            return [.reject(.unknownInvocation)]
        }
        state = .idle
        var actions: [Action] = [.complete(id, errored ? .functionError : .response)]
        if retiresWhenIdle {
            state = .terminated(.retired)
            actions.append(.terminate)
        }
        return actions
    }

    /// The runtime reported that it cannot initialise.
    mutating func initErrorReported() -> [Action] {
        guard case .initializing(let pending) = state else { return [.reject(.initErrorAfterInit)] }
        state = .terminated(.initFailed)
        return (pending.map { [Action.complete($0, .initError)] } ?? []) + [.terminate]
    }

    /// The process exited with `status`.
    mutating func processExited(status: Int32) -> [Action] {
        switch state {
        case .initializing(let pending):
            state = .terminated(.initFailed)
            return (pending.map { [Action.complete($0, .exited(status))] } ?? []) + [.terminate]
        case .idle:
            state = .terminated(.exited(status))
            return [.terminate]
        case .invoking(let id, _):
            state = .terminated(.exited(status))
            return [.complete(id, .exited(status)), .terminate]
        case .terminated:
            return []
        }
    }

    /// The init phase's deadline passed.
    mutating func initDeadlinePassed() -> [Action] {
        guard case .initializing(let pending) = state else { return [] }
        state = .terminated(.timedOut)
        return (pending.map { [Action.complete($0, .timedOut)] } ?? []) + [.terminate]
    }

    /// Invocation `id`'s deadline passed.
    mutating func invocationDeadlinePassed(_ id: InvocationID) -> [Action] {
        guard case .invoking(let current, _) = state, current == id else { return [] }
        state = .terminated(.timedOut)
        return [.complete(id, .timedOut), .terminate]
    }

    /// Brume no longer wants the instance: an idle one ends now, a busy one after its invocation.
    mutating func retire() -> [Action] {
        switch state {
        case .idle, .initializing(pending: nil):
            state = .terminated(.retired)
            return [.terminate]
        case .initializing, .invoking:
            retiresWhenIdle = true
            return []
        case .terminated:
            return []
        }
    }
}

/// Identifies one invocation: its request id.
typealias InvocationID = String

/// Why a Runtime API request was refused.
enum RuntimeRequestRejection: Sendable, Equatable {
    /// A second `next` while one is already waiting.
    case concurrentNext
    /// A response or error for a request id that is not the one in progress.
    case unknownInvocation
    /// `init/error` after the init phase ended.
    case initErrorAfterInit
    /// The instance has been terminated.
    case instanceGone
}
