import NIOCore
import NIOHTTP1
import NIOPosix

/// One request to the Runtime API, its body read whole up to the server's limit.
struct RuntimeAPIRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var headers: HTTPHeaders
    /// The body, or nil when it was larger than the server's limit: those bytes were counted
    /// and dropped as they arrived, never kept.
    var body: ByteBuffer?
}

/// One answer of the Runtime API.
struct RuntimeAPIResponse: Sendable {
    var status: HTTPResponseStatus
    var headers: [(String, String)] = []
    var body: [UInt8] = []

    /// The Runtime API's error document, `{"errorMessage", "errorType"}`.
    static func error(_ status: HTTPResponseStatus, type: String, message: String) -> RuntimeAPIResponse {
        RuntimeAPIResponse(status: status, headers: [("Content-Type", "application/json")], body: RuntimeFailure.document(type: type, message: message))
    }
}

/// Turns the parts NIO decodes into whole ``RuntimeAPIRequest``s, holding at most `bodyLimit`
/// bytes of body at any moment.
///
/// A `Content-Length` over the limit marks the request oversized before any of its body
/// arrives; a chunked body is counted as it comes and dropped once it passes the limit. Either
/// way the rest of the body is read and discarded, so the connection stays usable and the
/// runtime gets its answer after it has finished sending, as an HTTP client expects.
struct RuntimeAPIRequestAssembler {
    let bodyLimit: Int
    private var pending: RuntimeAPIRequest?
    private var received = 0

    init(bodyLimit: Int) {
        self.bodyLimit = bodyLimit
    }

    /// Takes one part; returns the request once its end has arrived.
    mutating func receive(_ part: HTTPServerRequestPart) -> RuntimeAPIRequest? {
        switch part {
        case .head(let head):
            let path = String(head.uri.split(separator: "?", maxSplits: 1).first ?? "")
            let declared = head.headers.first(name: "Content-Length").flatMap { Int($0) } ?? 0
            received = 0
            pending = RuntimeAPIRequest(method: head.method, path: path, headers: head.headers, body: declared > bodyLimit ? nil : ByteBuffer())
            return nil
        case .body(var chunk):
            received += chunk.readableBytes
            if received > bodyLimit {
                pending?.body = nil
            } else {
                pending?.body?.writeBuffer(&chunk)
            }
            return nil
        case .end:
            defer { pending = nil }
            return pending
        }
    }
}

/// The Lambda Runtime API of one instance, on its own loopback port.
///
/// A runtime finds it through `AWS_LAMBDA_RUNTIME_API` (`127.0.0.1:port`). Each connection is
/// served in order, keep-alive, with whole bodies of at most ``bodyLimit`` bytes (larger ones
/// reach the handler without their body); `GET .../next` is a long poll that stays open until
/// the instance has an invocation for it, so the handler may suspend for as long as the
/// instance is idle.
struct RuntimeAPIServer: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
    private let channel: NIOAsyncChannel<Connection, Never>
    let port: Int
    /// The largest body kept: a response or error may be 6 MB and 100 bytes, as Lambda allows.
    static let bodyLimit = LambdaLimits.synchronousResponse

    /// Binds `127.0.0.1` on a free port.
    static func bind() async throws -> RuntimeAPIServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 16)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    return try Connection(wrappingChannelSynchronously: child)
                }
            }
        return RuntimeAPIServer(channel: channel, port: channel.channel.localAddress?.port ?? 0)
    }

    /// Serves connections with `handle` until ``close()``; returns when every connection is done.
    func serve(_ handle: @escaping @Sendable (RuntimeAPIRequest) async -> RuntimeAPIResponse) async {
        await withDiscardingTaskGroup { group in
            try? await channel.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await Self.serve(connection, handle) }
                }
            }
        }
    }

    /// Stops accepting connections; open connections end when their peer (the process) goes.
    func close() {
        channel.channel.close(promise: nil)
    }

    private static func serve(_ connection: Connection, _ handle: @Sendable (RuntimeAPIRequest) async -> RuntimeAPIResponse) async {
        try? await connection.executeThenClose { inbound, outbound in
            var assembler = RuntimeAPIRequestAssembler(bodyLimit: bodyLimit)
            for try await part in inbound {
                guard let request = assembler.receive(part) else { continue }
                let response = await handle(request)
                var headers = HTTPHeaders(response.headers)
                headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
                try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers)))
                if !response.body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: response.body)))) }
                try await outbound.write(.end(nil))
            }
        }
    }
}
