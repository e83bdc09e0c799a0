#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an HTTP exchange with the Runtime API failed at the transport level.
enum HTTPConnectionError: Error, CustomStringConvertible {
    case resolve(host: String, port: String, reason: String)
    case connect(host: String, port: String, errno: Int32)
    case send(errno: Int32)
    case receive(errno: Int32)
    /// The peer closed the connection before sending any byte of a response.
    case closedBeforeResponse
    case parse(HTTPParseError)

    var description: String {
        switch self {
        case .resolve(let host, let port, let reason): "cannot resolve \(host):\(port): \(reason)"
        case .connect(let host, let port, let code): "cannot connect to \(host):\(port): \(Self.text(code))"
        case .send(let code): "send failed: \(Self.text(code))"
        case .receive(let code): "receive failed: \(Self.text(code))"
        case .closedBeforeResponse: "connection closed before a response was received"
        case .parse(let error): "bad HTTP response: \(error)"
        }
    }

    private static func text(_ code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }
}

/// A blocking HTTP/1.1 client connection to one `host:port`, reused across
/// requests (keep-alive).
///
/// Why not URLSession or SwiftNIO: the Runtime API conversation is strictly
/// sequential (one long-poll `GET /next`, then one `POST`), so a blocking socket
/// is the simplest correct model, and it avoids loading FoundationNetworking
/// (libcurl) or an event loop, which would dominate cold start.
///
/// There is deliberately no read timeout: `GET /next` is a long poll that may
/// legitimately block for as long as the function sits idle.
final class HTTPConnection {
    let host: String
    let port: String
    private var descriptor: Int32 = -1
    private var parser = HTTPResponseParser()
    private var receiveBuffer = [UInt8](repeating: 0, count: 64 * 1024)

    init(host: String, port: String) {
        self.host = host
        self.port = port
    }

    deinit { close() }

    /// Sends `request` and blocks until the complete response has arrived.
    ///
    /// A kept-alive connection may have been closed by the server while idle;
    /// that shows up as a failure before any response byte arrives, so the
    /// request is retried once on a fresh connection (the standard HTTP client
    /// behaviour for idle-connection races). Fresh connections are not retried.
    func execute(_ request: HTTPRequest) throws(HTTPConnectionError) -> HTTPResponse {
        let reused = descriptor >= 0
        do {
            return try attempt(request)
        } catch {
            close()
            guard reused, Self.isStaleConnectionFailure(error) else { throw error }
            do {
                return try attempt(request)
            } catch {
                close()
                throw error
            }
        }
    }

    func close() {
        if descriptor >= 0 {
            _ = Self.systemClose(descriptor)
            descriptor = -1
        }
        parser = HTTPResponseParser()
    }

    private func attempt(_ request: HTTPRequest) throws(HTTPConnectionError) -> HTTPResponse {
        if descriptor < 0 { descriptor = try Self.openConnection(host: host, port: port) }
        try sendAll(request.serialized(host: host))
        let response = try receiveResponse()
        if !response.keepAlive { close() }
        return response
    }

    private static func isStaleConnectionFailure(_ error: HTTPConnectionError) -> Bool {
        switch error {
        case .closedBeforeResponse: true
        case .send(let code), .receive(let code): code == EPIPE || code == ECONNRESET
        default: false
        }
    }

    // MARK: - I/O

    private func sendAll(_ bytes: [UInt8]) throws(HTTPConnectionError) {
        var sent = 0
        while sent < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                Self.systemSend(descriptor, raw.baseAddress! + sent, raw.count - sent)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .send(errno: errno)
            }
            sent += result
        }
    }

    private func receiveResponse() throws(HTTPConnectionError) -> HTTPResponse {
        var receivedAny = parser.hasPartialMessage
        while true {
            do {
                if let response = try parser.parse() { return response }
            } catch {
                throw .parse(error)
            }
            let count = receiveBuffer.withUnsafeMutableBytes { raw in
                recv(descriptor, raw.baseAddress, raw.count, 0)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .receive(errno: errno)
            }
            if count == 0 {
                let response: HTTPResponse?
                do { response = try parser.finish() } catch { throw .parse(error) }
                guard let response else { throw receivedAny ? .parse(.unexpectedEndOfStream) : .closedBeforeResponse }
                return response
            }
            receivedAny = true
            receiveBuffer.withUnsafeBytes { raw in
                parser.append(UnsafeRawBufferPointer(rebasing: raw[0..<count]))
            }
        }
    }

    // MARK: - Connecting

    private static func openConnection(host: String, port: String) throws(HTTPConnectionError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamSocketType
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, port, &hints, &list)
        guard status == 0, let list else {
            throw .resolve(host: host, port: port, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }

        var lastErrno: Int32 = ECONNREFUSED
        var candidate: UnsafeMutablePointer<addrinfo>? = list
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = openSocket(family: info.pointee.ai_family)
            guard fd >= 0 else { lastErrno = errno; continue }
            var result: Int32
            repeat {
                result = connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen)
            } while result < 0 && errno == EINTR
            if result == 0 {
                configure(fd)
                return fd
            }
            lastErrno = errno
            _ = systemClose(fd)
        }
        throw .connect(host: host, port: port, errno: lastErrno)
    }

    /// Close-on-exec so that processes spawned by handler code do not inherit
    /// (and keep open) the runtime's connection.
    private static func openSocket(family: Int32) -> Int32 {
        #if canImport(Darwin)
        let fd = socket(family, SOCK_STREAM, 0)
        if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return fd
        #else
        return socket(family, streamSocketType | Int32(SOCK_CLOEXEC.rawValue), 0)
        #endif
    }

    private static func configure(_ fd: Int32) {
        var on: Int32 = 1
        let size = socklen_t(MemoryLayout<Int32>.size)
        // Requests are written in one send and are latency-critical: never let
        // Nagle's algorithm hold back a small POST waiting for an ACK.
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, size)
        #if canImport(Darwin)
        // Darwin has no MSG_NOSIGNAL; a write to a closed peer must not kill us.
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, size)
        #endif
    }

    // MARK: - Platform shims

    #if canImport(Darwin)
    private static let streamSocketType = SOCK_STREAM
    private static let sendFlags: Int32 = 0
    #else
    private static let streamSocketType = Int32(SOCK_STREAM.rawValue)
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #endif

    private static func systemSend(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        send(fd, pointer, count, sendFlags)
    }

    private static func systemClose(_ fd: Int32) -> Int32 {
        #if canImport(Darwin)
        Darwin.close(fd)
        #elseif canImport(Musl)
        Musl.close(fd)
        #else
        Glibc.close(fd)
        #endif
    }
}

extension HTTPConnection {
    /// Splits a Runtime API endpoint (`AWS_LAMBDA_RUNTIME_API`) into host and
    /// port: `127.0.0.1:9001`, `localhost:9001` or `[::1]:9001`.
    static func parseEndpoint(_ endpoint: String) -> (host: String, port: String)? {
        let text = endpoint.trimmingASCIIWhitespace()
        let host: Substring, port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            port = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let number = UInt16(port), number > 0 else { return nil }
        return (String(host), String(number))
    }
}
