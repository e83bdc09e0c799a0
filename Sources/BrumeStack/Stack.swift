public import BrumeCore
public import BrumeEdge
import Hummingbird
public import Logging
import BrumeAPIGateway
import BrumeEvents
import BrumeKMS
import BrumeIAM
import BrumeLambda
import BrumeLogs
import BrumeS3
import BrumeSQS
import BrumeStepFunctions
import AsyncHTTPClient
import Foundation
import ServiceLifecycle

/// A stack: the services a config enables, opened over one data directory, behind one edge.
///
/// `brume up` runs every enabled service; `brume serve s3` runs one. Both go through here, as
/// do the in-process Swift tests, so all three start a stack the same way.
public struct Stack: Sendable {
    public let config: StackConfig
    public let dataDirectory: DataDirectory
    public let services: [any EdgeService]
    /// The client that forwards to services served by other processes, when there are any.
    let forwardingClient: HTTPClient?
    /// The one clock every service reads and waits on; see ``StackClock``.
    public let clock: StackClock
    /// Where the edge listens once bound; services that call others through it (Step Functions
    /// tasks) wait for it.
    let edgeAddress: EdgeAddress

    /// Opens the enabled services (or only those in `only`) and deploys their declared resources.
    /// Services read and wait on one ``StackClock`` over `clock` (real time), run
    /// `config.timeScale` times faster and ahead by the offset the last run persisted in
    /// `<data>/clock.json`, so stack time never goes back over a restart.
    /// - Throws: ``StackError`` for a service that cannot open or a declared resource that cannot be created.
    public static func open(
        config: StackConfig, dataDirectory: DataDirectory, only: Set<String>? = nil, clock realClock: any WallClock = SystemWallClock()
    ) async throws -> Stack {
        let offsetFile = dataDirectory.url.appendingPathComponent("clock.json")
        let clock = StackClock(
            real: realClock, scale: config.timeScale, offset: StackClock.persistedOffset(in: offsetFile), offsetFile: offsetFile
        )
        var services: [any EdgeService] = []
        // IAM and STS share one backend: STS's sessions are for IAM's roles and users.
        var iamBackend: IAMBackend?
        let edgeAddress = EdgeAddress()
        let remote = only == nil && config.services.values.contains { $0.endpoint != nil }
        let forwardingClient = remote ? RemoteService.makeClient() : nil
        do {
            for name in config.services.keys.sorted() where only?.contains(name) ?? true {
                // A service with an endpoint is served by another process; the edge forwards to it.
                let endpoint = only == nil ? config.services[name]?.endpoint : nil
                if let endpoint {
                    services.append(try Self.remote(name, at: endpoint, config: config, client: forwardingClient!))
                    continue
                }
                switch name {
                case "s3":
                    services.append(try await open(name, { try S3Service(config: config, dataDirectory: dataDirectory, edge: edgeAddress, clock: clock) },
                                                    deploy: { try await $0.deployDeclaredResources() }))
                case "sqs":
                    services.append(try await open(name, { try SQSService(config: config, dataDirectory: dataDirectory, clock: clock) },
                                                    deploy: { try await $0.deployDeclaredResources() }))
                case "lambda":
                    services.append(try await open(name, {
                        try LambdaService(config: config, dataDirectory: dataDirectory, edge: edgeAddress, clock: clock)
                    }, deploy: { try await $0.deployDeclaredResources() }))
                case "logs":
                    services.append(try await open(name, { try LogsService(config: config, dataDirectory: dataDirectory, clock: clock) },
                                                    deploy: { _ in }))
                case "events":
                    services.append(try await open(name, {
                        try EventsService(config: config, dataDirectory: dataDirectory, edge: edgeAddress, clock: clock)
                    }, deploy: { try await $0.deployDeclaredResources() }))
                case "apigateway":
                    services.append(try await open(name, {
                        try APIGatewayService(config: config, dataDirectory: dataDirectory, edge: edgeAddress, clock: clock)
                    }, deploy: { try await $0.deployDeclaredResources() }))
                case "kms":
                    services.append(try await open(name, { try KMSService(config: config, dataDirectory: dataDirectory, clock: clock) },
                                                    deploy: { _ in }))
                case "stepfunctions":
                    services.append(try await open(name, {
                        try StepFunctionsService(config: config, dataDirectory: dataDirectory, edge: edgeAddress, clock: clock)
                    }, deploy: { _ in }))
                case "iam", "sts":
                    let backend = try iamBackend ?? open(name, { try IAMBackend(folder: dataDirectory.folder("iam"), clock: clock) })
                    iamBackend = backend
                    services.append(name == "iam" ? IAMService(config: config, backend: backend) : STSService(config: config, backend: backend))
                default:
                    throw StackError.serviceFailed(name, "not a service Brume runs")
                }
            }
        } catch {
            try? await forwardingClient?.shutdown()
            throw error
        }
        return Stack(config: config, dataDirectory: dataDirectory, services: services, forwardingClient: forwardingClient, clock: clock,
                     edgeAddress: edgeAddress)
    }

    /// A service served by another process, which the edge forwards to.
    ///
    /// Resources belong to the process that serves the service: declared here they would do
    /// nothing, so declaring them is an error rather than silently skipped.
    private static func remote(_ name: String, at endpoint: URL, config: StackConfig, client: HTTPClient) throws -> RemoteService {
        let declared: (kind: String, count: Int)? = switch name {
        case "s3": ("buckets", config.resources.buckets.count)
        case "sqs": ("queues", config.resources.queues.count)
        case "lambda": ("functions", config.resources.functions.count)
        case "events": ("rules", config.resources.rules.count)
        case "apigateway": ("apis", config.resources.apis.count)
        default: nil
        }
        if let declared, declared.count > 0 {
            throw StackError.deployFailed(
                name, "\(declared.kind) are declared here but \(name) is served by \(endpoint.absoluteString); declare them in that process's config"
            )
        }
        switch name {
        case "s3":
            return RemoteService(
                name: name, wireProtocol: .restXml, endpoint: endpoint, client: client, authenticationErrors: S3Service.authenticationError
            )
        case "lambda", "apigateway":
            return RemoteService(
                name: name, wireProtocol: .restJson1, endpoint: endpoint, client: client, authenticationErrors: { $0.jsonProtocolError }
            )
        case "sqs", "stepfunctions":
            return RemoteService(
                name: name, wireProtocol: .awsJson1_0, endpoint: endpoint, client: client, authenticationErrors: { $0.jsonProtocolError }
            )
        case "logs", "events", "kms":
            return RemoteService(
                name: name, wireProtocol: .awsJson1_1, endpoint: endpoint, client: client, authenticationErrors: { $0.jsonProtocolError }
            )
        default:
            throw StackError.serviceFailed(name, "not a service Brume runs")
        }
    }

    /// Opens a service's storage, then creates its declared resources; each failure names the step.
    private static func open<Service: EdgeService>(
        _ name: String, _ make: () throws -> Service, deploy: (Service) async throws -> Void
    ) async throws -> Service {
        let service: Service
        do {
            service = try make()
        } catch {
            throw StackError.serviceFailed(name, "\(error)")
        }
        do {
            try await deploy(service)
        } catch {
            throw StackError.deployFailed(name, "\(error)")
        }
        return service
    }

    /// Opens IAM's state; a failure names the service.
    private static func open(_ name: String, _ make: () throws -> IAMBackend) throws -> IAMBackend {
        do {
            return try make()
        } catch {
            throw StackError.serviceFailed(name, "\(error)")
        }
    }

    /// The invoke URLs of the REST APIs the config declares, on the edge's `port`, as
    /// `brume up` prints them under its ready line.
    public func declaredInvokeURLs(port: Int) -> [(name: String, url: String)] {
        services.compactMap { $0 as? APIGatewayService }.flatMap { $0.declaredInvokeURLs(port: port) }
    }

    /// The edge responder for these services.
    public func responder() -> EdgeResponder {
        let local = services.filter { !($0 is RemoteService) }
        let remote = Dictionary(uniqueKeysWithValues: services.compactMap { service in
            (service as? RemoteService).map { ($0.name, $0.endpoint.absoluteString) }
        })
        // Keys IAM issues and STS sessions sign requests too.
        let issuedCredentials = services.lazy.compactMap { ($0 as? IAMService)?.backend ?? ($0 as? STSService)?.backend }.first
        return EdgeResponder(
            services: services,
            // Clients sign with their own clock: signatures are checked against real time.
            authenticator: Authenticator(config: config, clock: clock.realClock, issued: issuedCredentials),
            internalEndpoints: InternalEndpoints(
                stackName: config.stackName, dataDirectory: dataDirectory.url.path, services: local, remoteServices: remote, clock: clock
            )
        )
    }

    /// Serves the stack on `host:port` until SIGINT or SIGTERM, then shuts down gracefully.
    public func run(host: String, port: Int, logger: Logger, onReady: @escaping @Sendable (Int) async -> Void) async throws {
        let edgeAddress = self.edgeAddress
        let application = EdgeServer.application(responder: responder(), host: host, port: port, logger: logger) { bound in
            await edgeAddress.set(host: host, port: bound)
            await onReady(bound)
        }
        // Background services (execution runners) stop before the edge closes, so no request
        // waits on a runner that is gone.
        let background = services.flatMap(\.backgroundServices)
        let group = ServiceGroup(
            configuration: .init(
                services: [ServiceGroupConfiguration.ServiceConfiguration(service: application)]
                    + background.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
            )
        )
        // Stack time's lead (scaling included) is kept for the next start.
        defer { clock.persist() }
        do {
            try await group.run()
        } catch {
            try? await forwardingClient?.shutdown()
            throw error
        }
        try? await forwardingClient?.shutdown()
    }
}

/// Why a stack could not start.
public enum StackError: Error, CustomStringConvertible {
    /// A service could not open its storage.
    case serviceFailed(String, String)
    /// A resource declared in the config could not be created.
    case deployFailed(String, String)

    public var description: String {
        switch self {
        case .serviceFailed(let name, let reason): "service \(name) cannot start: \(reason)"
        case .deployFailed(let name, let reason): "cannot create the \(name) resources declared in the config: \(reason)"
        }
    }
}
