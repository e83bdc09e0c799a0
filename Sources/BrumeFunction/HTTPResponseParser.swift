/// An incremental HTTP/1.1 response parser.
///
/// Bytes are fed in as they arrive from the socket with ``append(_:)``, and
/// ``parse()`` returns a response as soon as one is complete. It is a state
/// machine rather than a "re-parse the whole buffer" function so that a large
/// body arriving in many small reads costs linear, not quadratic, time.
///
/// Supported body framings (RFC 9112 §6.3): none (1xx/204/304), `Content-Length`,
/// `Transfer-Encoding: chunked` (with extensions and trailers), and
/// read-until-close. Interim 1xx responses are skipped. Pure and I/O-free, so it
/// is unit tested directly.
struct HTTPResponseParser {
    /// Heads (and chunk-size/trailer lines) larger than this are rejected; the
    /// Runtime API's are a few hundred bytes.
    static let maxHeadSize = 64 * 1024
    /// Far above Lambda's 6 MB payload limit, but still a guard against a
    /// garbage length turning into an enormous allocation.
    static let defaultMaxBodySize = 256 * 1024 * 1024

    private enum State {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
    }

    let maxBodySize: Int
    private var buffer: [UInt8] = []
    /// Index of the first unconsumed byte in `buffer`; consumed bytes are
    /// dropped lazily in `compact()` to avoid shifting the array on every step.
    private var start = 0
    private var state = State.head
    private var statusCode = 0
    private var headers = HTTPHeaders()
    private var keepAlive = true
    private var body: [UInt8] = []

    init(maxBodySize: Int = HTTPResponseParser.defaultMaxBodySize) {
        self.maxBodySize = maxBodySize
    }

    /// True when bytes are buffered that do not yet form a complete response.
    var hasPartialMessage: Bool {
        if case .head = state { return start < buffer.count }
        return true
    }

    mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Consumes buffered bytes; returns a response once one is complete, or nil
    /// if more bytes are needed. Bytes after a complete response stay buffered.
    mutating func parse() throws(HTTPParseError) -> HTTPResponse? {
        defer { compact() }
        while true {
            switch state {
            case .head:
                guard let headEnd = findHeadEnd() else {
                    if buffer.count - start > Self.maxHeadSize { throw .headTooLarge }
                    return nil
                }
                try parseHead(upTo: headEnd)
            case .fixedBody(let remaining):
                let take = min(remaining, buffer.count - start)
                body.append(contentsOf: buffer[start..<start + take])
                start += take
                if take < remaining {
                    state = .fixedBody(remaining: remaining - take)
                    return nil
                }
                return complete()
            case .chunkSize:
                guard let line = try nextLine() else { return nil }
                let size = try Self.parseChunkSize(line)
                guard body.count + size <= maxBodySize else { throw .bodyTooLarge }
                state = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let take = min(remaining, buffer.count - start)
                body.append(contentsOf: buffer[start..<start + take])
                start += take
                if take < remaining {
                    state = .chunkData(remaining: remaining - take)
                    return nil
                }
                state = .chunkDataEnd
            case .chunkDataEnd:
                guard let line = try nextLine() else { return nil }
                guard line.isEmpty else { throw .malformedChunk }
                state = .chunkSize
            case .trailers:
                // Trailer fields carry nothing the Runtime API client needs.
                guard let line = try nextLine() else { return nil }
                if line.isEmpty { return complete() }
            case .untilClose:
                body.append(contentsOf: buffer[start...])
                start = buffer.count
                guard body.count <= maxBodySize else { throw .bodyTooLarge }
                return nil
            }
        }
    }

    /// Signals end of stream. Completes a read-until-close body; returns nil if
    /// the connection closed cleanly between responses; throws if it closed
    /// mid-response.
    mutating func finish() throws(HTTPParseError) -> HTTPResponse? {
        if case .untilClose = state {
            _ = try parse()
            return complete()
        }
        if hasPartialMessage { throw .unexpectedEndOfStream }
        return nil
    }

    // MARK: - Head

    /// Index just past the blank line ending the head, accepting bare LF line
    /// endings as RFC 9112 §2.2 recommends for robustness.
    private func findHeadEnd() -> Int? {
        var index = start
        while let lf = buffer[index...].firstIndex(of: UInt8(ascii: "\n")) {
            let next = lf + 1
            if next < buffer.count, buffer[next] == UInt8(ascii: "\n") { return next + 1 }
            if next + 1 < buffer.count, buffer[next] == UInt8(ascii: "\r"),
               buffer[next + 1] == UInt8(ascii: "\n") {
                return next + 2
            }
            index = next
            if index >= buffer.count { break }
        }
        return nil
    }

    private mutating func parseHead(upTo end: Int) throws(HTTPParseError) {
        var lines = Self.splitLines(buffer[start..<end])
        start = end
        guard !lines.isEmpty else { throw .malformedStatusLine }
        let statusLine = lines.removeFirst()
        let (isHTTP10, code) = try Self.parseStatusLine(statusLine)

        var headers = HTTPHeaders()
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
                throw .malformedHeaderLine
            }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            let value = String(decoding: Self.trimmed(line[(colon + 1)...]), as: UTF8.self)
            headers.add(name: name, value: value)
        }

        // Interim responses (100 Continue, 103 Early Hints) precede the real one.
        if (100..<200).contains(code), code != 101 { return }

        statusCode = code
        self.headers = headers
        body = []
        let connection = headers.values(for: "Connection").joined(separator: ",")
        keepAlive = isHTTP10
            ? Self.containsToken(connection, "keep-alive")
            : !Self.containsToken(connection, "close")

        if code == 204 || code == 304 {
            state = .fixedBody(remaining: 0)
        } else if let transferEncoding = headers["Transfer-Encoding"] {
            // Chunked only if it is the final coding; anything else can only be
            // delimited by closing the connection (RFC 9112 §6.3 rule 4).
            let codings = transferEncoding.split(separator: ",").map {
                $0.trimmingASCIIWhitespace().lowercased()
            }
            if codings.last == "chunked" {
                state = .chunkSize
            } else {
                state = .untilClose
                keepAlive = false
            }
        } else if let length = try Self.contentLength(headers) {
            guard length <= maxBodySize else { throw .bodyTooLarge }
            body.reserveCapacity(length)
            state = .fixedBody(remaining: length)
        } else {
            state = .untilClose
            keepAlive = false
        }
    }

    // MARK: - Chunked

    /// Consumes one line (without its CR LF), or returns nil if none is complete.
    private mutating func nextLine() throws(HTTPParseError) -> ArraySlice<UInt8>? {
        guard let lf = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.count - start > Self.maxHeadSize { throw .headTooLarge }
            return nil
        }
        var line = buffer[start..<lf]
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        start = lf + 1
        return line
    }

    // MARK: - Helpers

    private mutating func complete() -> HTTPResponse {
        let response = HTTPResponse(statusCode: statusCode, headers: headers, body: body, keepAlive: keepAlive)
        state = .head
        headers = HTTPHeaders()
        body = []
        return response
    }

    /// Drops consumed bytes once it is cheap (buffer fully consumed) or worth it
    /// (a large consumed prefix), keeping any pipelined bytes.
    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
            start = 0
        } else if start > 64 * 1024 {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
