import BrumeCore
import BrumeEdge
import BrumeWire
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// A service that records what reached it: it reads the body up to `bodyLimit` bytes and
/// answers 200 with the caller's access key and the body's length.
final class FakeService: EdgeService {
    let name: String
    let wireProtocol: WireProtocol
    let bodyLimit: Int
    let maximumHeaderSection: Int?
    let streamsRequestBodies: Bool
    /// How many requests the service answered; a refused request must not count.
    let answered = Mutex(0)

    init(name: String, wireProtocol: WireProtocol = .awsJson1_1, bodyLimit: Int = 1024, maximumHeaderSection: Int? = nil,
         streamsRequestBodies: Bool = false) {
        self.name = name
        self.wireProtocol = wireProtocol
        self.bodyLimit = bodyLimit
        self.maximumHeaderSection = maximumHeaderSection
        self.streamsRequestBodies = streamsRequestBodies
    }

    func respond(to request: Request, context: EdgeContext) async throws -> Response {
        let body = try await request.body.collect(upTo: bodyLimit)
        answered.withLock { $0 += 1 }
        var wire = WireResponse(status: 200)
        wire.body = Array("\(context.caller.accessKeyID ?? "-") \(body.readableBytes)".utf8)
        return Response(wire)
    }

    func resourceSummary() async throws -> [String: [String]] { [:] }
}

/// Runs `test` against an edge in front of `services`, in-process (no socket).
func withEdge<Value>(
    _ services: [any EdgeService], config: StackConfig = StackConfig(),
    _ test: @Sendable (any TestClientProtocol) async throws -> Value
) async throws -> Value {
    let responder = EdgeResponder(
        services: services,
        authenticator: Authenticator(config: config),
        internalEndpoints: InternalEndpoints(stackName: "test", dataDirectory: "/nowhere", services: services)
    )
    return try await Application(responder: responder).test(.router, test)
}

/// An `Authorization` header whose credential scope names `service` (not a valid signature).
func scopedAuthorization(_ service: String, accessKey: String = "AKIDEXAMPLE") -> String {
    "AWS4-HMAC-SHA256 Credential=\(accessKey)/20260101/us-east-1/\(service)/aws4_request, SignedHeaders=host, Signature=00"
}
