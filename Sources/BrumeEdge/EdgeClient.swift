import AsyncHTTPClient
public import BrumeCore
import BrumeSigV4
import Foundation
import NIOCore
public import ServiceLifecycle
import Synchronization

/// Brume's own AWS client: calls a service through the stack's edge over HTTP, signed like any
/// SDK request, so one service reaches another exactly as a user's client would.
///
/// One client per calling service. Its HTTP connection pool is created on first use and shut down
/// when the stack stops: the client is a swift-service-lifecycle `Service` that the caller lists
/// among its background services.
public final class EdgeClient: Service, Sendable {
    /// An answer: status, headers and the whole body.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        /// The first value of a header, compared case-insensitively.
        public func header(_ name: String) -> String? {
            let name = name.lowercased()
            return headers.first { $0.name.lowercased() == name }?.value
        }
    }

    /// Why a call did not get an answer.
    public enum Failure: Error, CustomStringConvertible {
        /// The stack is stopping; its client is closed.
        case shutDown
        /// The request could not be sent or its answer read.
        case transport(String)

        public var description: String {
            switch self {
            case .shutDown: "the stack is shutting down"
            case .transport(let reason): reason
            }
        }
    }

    private enum State {
        case idle
        case running(HTTPClient)
        case shutDown
    }

    private let address: EdgeAddress
    private let accessKeyID: String
    private let secret: String
    private let region: String
    private let clock: any WallClock
    private let state = Mutex<State>(.idle)

    /// A client for the edge at `address`, signing with the config's first credential (by access
    /// key, so the choice is stable) in the stack's region, dated by `clock` as the edge checks it.
    public init(address: EdgeAddress, config: StackConfig, clock: any WallClock) {
        self.address = address
        let first = config.credentials.keys.sorted().first ?? "test"
        accessKeyID = first
        secret = config.credentials[first]?.secret ?? "test"
        region = config.region
        self.clock = clock
    }

    /// Sends one request and returns the whole answer.
    ///
    /// - Parameters:
    ///   - service: the signing name (`sqs`, `s3`, `states`), which is also how the edge routes it.
    ///   - path: the decoded path (`/bucket/my key`); it is percent-encoded here.
    ///   - query: decoded query pairs.
    public func send(
        service: String,
        method: String,
        path: String,
        query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        timeout: Duration = .seconds(60)
    ) async throws(Failure) -> Response {
        let client = try httpClient()
        let base = await address.url()
        let host = String(base.dropFirst("http://".count))
        let signer = SigV4Signer(accessKeyID: accessKeyID, secret: secret, region: region, service: service)
        let payloadHash = SigV4.payloadHash(body)
        // The body's hash also travels in `x-amz-content-sha256` (every AWS service accepts it),
        // so a strict edge verifies the call without reading the body first.
        let signed = signer.sign(
            method: method, host: host, path: path, query: query, headers: headers + [("x-amz-content-sha256", payloadHash)],
            payloadHash: payloadHash, date: clock.now()
        )
        var url = base + SigV4.uriEncode(path, encodeSlash: false)
        if !query.isEmpty {
            url += "?" + query.map { "\(SigV4.uriEncode($0.name))=\(SigV4.uriEncode($0.value))" }.joined(separator: "&")
        }
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in signed { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: .init(timeout))
            var collected = try await response.body.collect(upTo: 64 * 1024 * 1024)
            return Response(
                status: Int(response.status.code),
                headers: response.headers.map { ($0.name, $0.value) },
                body: collected.readBytes(length: collected.readableBytes) ?? []
            )
        } catch {
            throw .transport("\(error)")
        }
    }

    /// Waits for the stack's graceful shutdown (or cancellation), then closes the connections.
    public func run() async {
        try? await gracefulShutdown()
        let client: HTTPClient? = state.withLock { state in
            defer { state = .shutDown }
            if case .running(let client) = state { return client }
            return nil
        }
        try? await client?.shutdown()
    }

    private func httpClient() throws(Failure) -> HTTPClient {
        let result: HTTPClient? = state.withLock { state in
            switch state {
            case .running(let client): return client
            case .shutDown: return nil
            case .idle:
                var configuration = HTTPClient.Configuration()
                configuration.timeout.connect = .seconds(5)
                configuration.decompression = .disabled
                // Shorter than the edge's idle timeout, so a pooled connection is never reused
                // just as the edge closes it.
                configuration.connectionPool.idleTimeout = .seconds(EdgeLimits.idleTimeoutSeconds / 2)
                let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
                state = .running(client)
                return client
            }
        }
        guard let result else { throw .shutDown }
        return result
    }
}
