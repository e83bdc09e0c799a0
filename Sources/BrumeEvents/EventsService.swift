public import BrumeCore
public import BrumeEdge
public import BrumeWire
public import Hummingbird
public import ServiceLifecycle

/// Amazon EventBridge: event buses, rules and targets over awsJson1.1
/// (`X-Amz-Target: AWSEvents.<Operation>`), kept in SQLite under `<data>/events`.
///
/// Every event PutEvents accepts is in the outbox before the answer; the ``EventDeliverer``
/// matches it against the rules of its bus and delivers it to each target (SQS, Lambda, Step
/// Functions) through the edge, at least once, retrying with backoff across restarts.
public final class EventsService: EdgeService {
    public let name = "events"
    public let wireProtocol = WireProtocol.awsJson1_1
    /// EventBridge's model names its own internal error.
    public var internalError: AWSError {
        AWSError(code: "InternalException", message: "An internal error occurred. Please try again.", status: 500)
    }

    let config: StackConfig
    let backend: EventsBackend
    let store: EventsStore
    let clock: StackClock
    /// Delivers to targets through the edge.
    let client: EdgeClient
    /// Rung when events are accepted, so the deliverer starts at once.
    let doorbell = Doorbell()

    /// A PutEvents request is at most 256 KiB of entries plus JSON framing; leave room for it.
    static let maximumRequestSize = 4 * 1024 * 1024
    static let targetPrefix = "AWSEvents."

    /// Opens the store under `<data>/events`; deliveries go out through the edge at `edge`.
    /// Event times and delivery retries read the stack `clock` (by default one at the config's
    /// time scale).
    public init(config: StackConfig, dataDirectory: DataDirectory, edge: EdgeAddress = EdgeAddress(), clock: StackClock? = nil) throws {
        let clock = clock ?? StackClock(scale: config.timeScale)
        self.config = config
        self.clock = clock
        store = try EventsStore(folder: try dataDirectory.folder("events"))
        backend = try EventsBackend(store: store, clock: clock)
        client = EdgeClient(address: edge, config: config, clock: clock.realClock)
    }

    public func respond(to request: Request, context: EdgeContext) async throws -> Response {
        let call = try await AWSJSONRequest.read(request, targetPrefix: Self.targetPrefix, maximumSize: Self.maximumRequestSize)
        guard let operation = Self.operations[call.operation] else {
            throw AWSError(code: "UnknownOperationException", message: "", status: 400)
        }
        let output = try await operation(self)(EventsCall(input: EventsInput(call.input), caller: context.caller))
        return AWSJSONRequest.response(output, .awsJson1_1)
    }

    // The deliverer stops before its client closes (the group stops services in reverse order).
    public var backgroundServices: [any Service] {
        [client, EventDeliverer(store: store, backend: backend, sender: TargetSender(client: client), doorbell: doorbell, clock: clock)]
    }

    public func resourceSummary() async throws -> [String: [String]] {
        ["rules": await backend.allRuleNames(), "eventBuses": await backend.allBusNames()]
    }
}

/// One decoded request.
struct EventsCall: Sendable {
    let input: EventsInput
    let caller: Caller

    /// The bus named by `EventBusName` (a name or ARN; `default` when absent).
    func bus(member: String = "EventBusName") throws(EventsError) -> BusKey {
        let name = try EventsNames.busName(
            try input.string(member), member: EventsInput.wireName(member), account: caller.accountID, region: caller.region
        )
        return BusKey(account: caller.accountID, region: caller.region, name: name)
    }

    /// The rule named by `member` on the request's bus.
    func rule(member: String = "Name") throws(EventsError) -> RuleKey {
        let name = try input.requiredString(member)
        try EventsNames.checkRuleName(name, member: EventsInput.wireName(member))
        return RuleKey(bus: try bus(), name: name)
    }
}
