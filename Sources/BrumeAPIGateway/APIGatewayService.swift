public import BrumeCore
public import BrumeEdge
public import BrumeWire
public import Hummingbird
import Foundation
import NIOCore
import Synchronization
public import ServiceLifecycle

/// Amazon API Gateway: the REST API control plane over rest-json (signing name `apigateway`),
/// with its state in SQLite; the data plane (`DataPlane/`) serves deployed stages from the same store.
public final class APIGatewayService: EdgeService {
    public let name = "apigateway"
    public let wireProtocol = WireProtocol.restJson1

    let store: APIGatewayStore
    let config: StackConfig
    let clock: any WallClock
    /// Answers calls to deployed APIs at their invoke URLs (`DataPlane/`).
    let dataPlane: APIGatewayDataPlane
    /// The edge's bound address, for the invoke URLs `/_brume/resources` lists.
    let edge: EdgeAddress
    /// The APIs `localstack.yml` declared, as deployed at start: name, id and stage.
    let declaredApis = Mutex<[(name: String, id: String, stage: String)]>([])

    /// The largest control-plane body read: ImportRestApi and PutRestApi documents are AWS's
    /// largest, limited to 6 MB there.
    static let maximumBody = 6 * 1024 * 1024

    /// Opens the store under `<data>/apigateway`; the data plane calls Lambda and the other
    /// services through the edge at `edge`.
    public init(config: StackConfig, dataDirectory: DataDirectory, edge: EdgeAddress, clock: any WallClock = SystemWallClock()) throws {
        self.config = config
        self.clock = clock
        store = try APIGatewayStore(folder: try dataDirectory.folder("apigateway"))
        self.edge = edge
        dataPlane = APIGatewayDataPlane(store: store, config: config, edge: edge, clock: clock)
    }

    public var backgroundServices: [any Service] { dataPlane.backgroundServices }

    public func respond(to request: Request, context: EdgeContext) async throws -> Response {
        if context.isDataPlane { return await dataPlane.respond(to: request, context: context) }
        do {
            let segments = try APIGatewayCall.segments(of: request.uri.path)
            guard let (route, parameters) = Self.route(method: request.method.rawValue, segments: segments) else {
                throw APIGatewayError.notFound("Unknown operation \(request.method.rawValue) \(request.uri.path)")
            }
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: Self.maximumBody)
            } catch {
                throw APIGatewayError.badRequest("Request body is larger than \(Self.maximumBody) bytes")
            }
            var call = try APIGatewayCall(
                request: request, body: body, caller: context.caller, now: Int64(clock.now().timeIntervalSince1970.rounded(.down))
            )
            call.parameters = parameters
            return try await route.operation(self)(call)
        } catch let error as APIGatewayError {
            return Self.errorResponse(error, requestID: context.requestID)
        }
    }

    /// API Gateway's error envelope: `{"message": …}` alone, the code in `x-amzn-ErrorType`.
    static func errorResponse(_ error: APIGatewayError, requestID: String) -> Response {
        var wire = WireResponse(status: error.status)
        wire.headers.append(.init("x-amzn-RequestId", requestID))
        wire.headers.append(.init("x-amzn-ErrorType", error.code))
        wire.headers.append(.init("Content-Type", "application/json"))
        wire.body = JSONValue.object(["message": .string(error.message)]).serialized
        return Response(wire)
    }

    public func resourceSummary() async throws -> [String: [String]] {
        // Asked for over the edge, so the edge is bound and its port known.
        let port = await edge.url().split(separator: ":").last.flatMap { Int($0) } ?? 0
        let invokeURLs = declaredInvokeURLs(port: port).map { "\($0.name): \($0.url)" }
        return try store.read { state in
            [
                "restApis": state.apis.values.map { "\($0.api.name) (\($0.api.id))" }.sorted(),
                "apiKeys": state.apiKeys.keys.sorted(),
                "usagePlans": state.usagePlans.keys.sorted(),
                "invokeUrls": invokeURLs,
            ]
        }
    }
}
