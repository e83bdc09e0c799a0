import AsyncHTTPClient
public import BrumeEdge
public import BrumeWire
public import Hummingbird
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1

/// A service that runs in another Brume process (`brume serve s3 --port N`), reached over
/// local HTTP with the same wire protocol a client uses.
///
/// Requests are forwarded as they arrived, host and signature included, and both bodies are
/// streamed, so the remote process sees exactly what the client sent.
public struct RemoteService: EdgeService {
    public let name: String
    public let wireProtocol: WireProtocol
    /// S3 bodies stream through to the remote process, as they stream into a local S3.
    public var streamsRequestBodies: Bool { wireProtocol == .restXml }
    let endpoint: URL
    let client: HTTPClient

    let authenticationErrors: @Sendable (AuthenticationFailure) -> AWSError

    /// A remote `name` speaking `wireProtocol`, whose refused signatures are answered with
    /// `authenticationErrors`, the same mapping the service uses when it runs in-process.
    init(
        name: String, wireProtocol: WireProtocol, endpoint: URL, client: HTTPClient,
        authenticationErrors: @escaping @Sendable (AuthenticationFailure) -> AWSError
    ) {
        self.name = name
        self.wireProtocol = wireProtocol
        self.endpoint = endpoint
        self.client = client
        self.authenticationErrors = authenticationErrors
    }

    /// A client for forwarding: a refused connection fails within two seconds (the pool retries
    /// until then, which covers a served process that is restarting), and enough connections per
    /// host for parallel uploads.
    static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(2)
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        configuration.decompression = .disabled
        // Shorter than the served process's idle timeout, so a pooled connection is never reused
        // just as that process closes it.
        configuration.connectionPool.idleTimeout = .seconds(EdgeLimits.idleTimeoutSeconds / 2)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func respond(to request: Request, context: EdgeContext) async throws -> Response {
        let base = endpoint.absoluteString.hasSuffix("/") ? String(endpoint.absoluteString.dropLast()) : endpoint.absoluteString
        var outbound = HTTPClientRequest(url: base + request.uri.string)
        outbound.method = HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers where !Self.hopByHop.contains(field.name.canonicalName) {
            outbound.headers.add(name: field.name.rawName, value: field.value)
        }
        if let authority = request.head.authority { outbound.headers.replaceOrAdd(name: "Host", value: authority) }
        let length = request.headers[.contentLength].flatMap(Int64.init)
        outbound.body = .stream(request.body, length: length.map { .known($0) } ?? .unknown)

        let response: HTTPClientResponse
        do {
            response = try await client.execute(outbound, timeout: .hours(1))
        } catch {
            throw AWSError(
                code: "ServiceUnavailable",
                message: "The \(name) service at \(endpoint.absoluteString) did not answer: \(error)",
                status: 503
            )
        }
        var fields = HTTPFields()
        for header in response.headers where !Self.hopByHop.contains(header.name.lowercased()) {
            if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: Int(response.status.code)),
            headers: fields,
            body: ResponseBody(asyncSequence: response.body)
        )
    }

    public func authenticationError(_ failure: AuthenticationFailure) -> AWSError {
        authenticationErrors(failure)
    }

    public func resourceSummary() async throws -> [String: [String]] {
        ["endpoint": [endpoint.absoluteString]]
    }

    /// Headers that describe one connection, not the message, and are never forwarded.
    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer",
    ]
}
