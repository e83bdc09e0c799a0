public import BrumeCore
public import BrumeEdge
public import Hummingbird
public import Logging
import BrumeS3
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

    /// Opens the enabled services (or only those in `only`) and deploys their declared resources.
    /// - Throws: ``StackError`` for a service that cannot open or a declared resource that cannot be created.
    public static func open(
        config: StackConfig, dataDirectory: DataDirectory, only: Set<String>? = nil, clock: any WallClock = SystemWallClock()
    ) async throws -> Stack {
        var services: [any EdgeService] = []
        for name in config.services.keys.sorted() where only?.contains(name) ?? true {
            // A service with an endpoint is served by another process.
            if only == nil, config.services[name]?.endpoint != nil { continue }
            switch name {
            case "s3":
                let s3: S3Service
                do {
                    s3 = try S3Service(config: config, dataDirectory: dataDirectory, clock: clock)
                } catch {
                    throw StackError.serviceFailed(name, "\(error)")
                }
                do {
                    try await s3.deployDeclaredResources()
                } catch {
                    throw StackError.deployFailed(name, "\(error)")
                }
                services.append(s3)
            default:
                throw StackError.serviceFailed(name, "not a service Brume runs")
            }
        }
        return Stack(config: config, dataDirectory: dataDirectory, services: services)
    }

    /// The edge responder for these services.
    public func responder() -> EdgeResponder {
        let remote = config.services.compactMapValues { $0.endpoint?.absoluteString }
            .filter { name, _ in !services.contains { $0.name == name } }
        return EdgeResponder(
            services: services,
            authenticator: Authenticator(config: config),
            internalEndpoints: InternalEndpoints(
                stackName: config.stackName, dataDirectory: dataDirectory.url.path, services: services, remoteServices: remote
            )
        )
    }

    /// Serves the stack on `host:port` until SIGINT or SIGTERM, then shuts down gracefully.
    public func run(host: String, port: Int, logger: Logger, onReady: @escaping @Sendable (Int) async -> Void) async throws {
        let application = EdgeServer.application(responder: responder(), host: host, port: port, logger: logger, onReady: onReady)
        let group = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
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
