public import BrumeCore
public import BrumeEdge
public import BrumeWire
public import Hummingbird
public import ServiceLifecycle
import Foundation
import HTTPTypes

/// Lambda: functions, their versions and their invocations over rest-json (`/2015-03-31/...`),
/// run as local processes that speak the real Runtime API.
public final class LambdaService: EdgeService {
    public let name = "lambda"
    public let wireProtocol = WireProtocol.restJson1
    /// Lambda's model names its own internal error.
    public var internalError: AWSError {
        AWSError(code: "ServiceException", message: "The Lambda service encountered an internal error.", status: 500)
    }

    let backend: LambdaBackend
    let config: StackConfig
    let code: CodeStore
    let runtime: FunctionRuntime
    /// The stack's own AWS client: code from S3, logs to CloudWatch Logs.
    let client: EdgeClient
    let logShipper: LogShipper?
    let asyncQueue: AsyncInvocationQueue
    let mappings: EventSourceMappings
    let poller: EventSourcePoller
    let edge: EdgeAddress
    /// The stack clock: dates, event ages and asynchronous retries read it.
    let clock: StackClock

    /// Opens the store under `<data>/lambda`; functions call AWS through the edge at `edge`.
    /// - Parameter bootstrapFolder: where the Python and Node bootstraps are; the module's own
    ///   resources unless given.
    public init(
        config: StackConfig, dataDirectory: DataDirectory, edge: EdgeAddress, clock: StackClock? = nil,
        bootstrapFolder: String? = nil
    ) throws {
        let clock = clock ?? StackClock(scale: config.timeScale)
        self.config = config
        self.edge = edge
        self.clock = clock
        let folder = try dataDirectory.folder("lambda")
        let codeFolder = folder.appendingPathComponent("code", isDirectory: true)
        try FileManager.default.createDirectory(at: codeFolder, withIntermediateDirectories: true)
        code = CodeStore(folder: codeFolder)
        let store = try LambdaStore(folder: folder)
        backend = try LambdaBackend(store: store)
        client = EdgeClient(address: edge, config: config, clock: clock.realClock)
        let shipper = config.services["logs"] != nil ? LogShipper(client: client) : nil
        logShipper = shipper
        let accessKey = config.credentials.keys.sorted().first ?? "test"
        let launcher = RuntimeLauncher(
            bootstrapFolder: bootstrapFolder ?? Bundle.module.resourceURL!.appendingPathComponent("Bootstraps").path,
            accessKeyID: accessKey, secretAccessKey: config.credentials[accessKey]?.secret ?? "test",
            hostEnvironment: ProcessInfo.processInfo.environment
        )
        runtime = FunctionRuntime(
            launcher: launcher, edge: edge, accountConcurrency: Self.accountConcurrency(config), idleTimeout: .seconds(600), clock: clock,
            logSink: { group, line in shipper?.submit(group: group, line: line) }
        )
        mappings = try EventSourceMappings(store: store)
        poller = EventSourcePoller(mappings: mappings, backend: backend, runtime: runtime, queues: QueueClient(client: client))
        asyncQueue = try AsyncInvocationQueue(
            store: store, backend: backend, runtime: runtime, sender: DestinationSender(client: client), clock: clock
        )
    }

    // The group stops services in reverse order: queues stop being polled and event invokes
    // taken, instances end, the last logs are shipped, then the client closes.
    public var backgroundServices: [any Service] {
        [client] + (logShipper.map { [$0] } ?? []) + [runtime, asyncQueue, poller, codeWatcher]
    }

    /// Hot reload of the functions declared in the config.
    private var codeWatcher: CodeWatcher {
        CodeWatcher(functions: config.resources.functions.map { ($0.name, $0.code) }) { [self] name, folder in
            await reloadDeclaredCode(name, folder: folder)
        }
    }

    public func respond(to request: Request, context: EdgeContext) async throws -> Response {
        let segments = try LambdaCall.segments(of: request.uri.path)
        guard let (route, parameters) = Self.route(method: request.method.rawValue, segments: segments) else {
            throw AWSError(code: "UnknownOperationException", message: "Unknown operation \(request.method) \(request.uri.path)", status: 404)
        }
        // Routed first, so each operation reads no more of the body than it may take.
        let body = try await LambdaRequestLimit(operation: route.name, headers: request.headers).collect(request)
        var call = try LambdaCall(request: request, segments: segments, body: body, caller: context.caller, requestID: context.requestID)
        call.parameters = parameters
        return try await route.operation(self)(call)
    }

    /// The account's concurrency quota: `services.lambda.account_concurrency`, or AWS's 1,000.
    static func accountConcurrency(_ config: StackConfig) -> Int {
        config.services["lambda"]?.accountConcurrency ?? LambdaLimits.accountConcurrency
    }

    public func resourceSummary() async throws -> [String: [String]] {
        ["functions": await backend.names(), "eventSourceMappings": await mappings.all().map(\.uuid)]
    }
}
