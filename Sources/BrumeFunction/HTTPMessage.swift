/// The minimal HTTP/1.1 message model used to talk to the Lambda Runtime API.
///
/// The Runtime API is a tiny, local, trusted HTTP/1.1 server, so this model only
/// covers what that conversation needs: ordered headers with case-insensitive
/// lookup, a status code, and a fully buffered body. It is deliberately not a
/// general-purpose HTTP library.

/// An ordered list of HTTP header fields with case-insensitive name lookup.
///
/// Order and duplicates are preserved because HTTP allows repeated fields;
/// lookups return the first match, which is all the Runtime API needs.
struct HTTPHeaders: Sendable, Equatable {
    private(set) var fields: [(name: String, value: String)] = []

    init() {}

    init(_ fields: [(String, String)]) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    mutating func add(name: String, value: String) {
        fields.append((name: name, value: value))
    }

    /// The value of the first field called `name` (ASCII case-insensitive), if any.
    subscript(name: String) -> String? {
        fields.first { Self.namesMatch($0.name, name) }?.value
    }

    /// Every value of the fields called `name`, in message order.
    func values(for name: String) -> [String] {
        fields.filter { Self.namesMatch($0.name, name) }.map(\.value)
    }

    /// Field names are ASCII tokens (RFC 9110 §5.1), so a byte-wise ASCII
    /// case fold is correct and avoids Unicode-aware `lowercased()` per lookup.
    static func namesMatch(_ lhs: String, _ rhs: String) -> Bool {
        let a = lhs.utf8, b = rhs.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { asciiLowercase($0) == asciiLowercase($1) }
    }

    static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }
}

@inline(__always)
func asciiLowercase(_ byte: UInt8) -> UInt8 {
    (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte | 0x20 : byte
}

/// A complete HTTP response as received from the Runtime API.
struct HTTPResponse: Sendable, Equatable {
    var statusCode: Int
    var headers: HTTPHeaders
    var body: [UInt8]
    /// Whether the server allows the connection to be reused after this response.
    var keepAlive: Bool

    var isSuccess: Bool { (200..<300).contains(statusCode) }
}

/// An HTTP request to send to the Runtime API.
struct HTTPRequest: Sendable {
    enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    var method: Method
    var path: String
    var headers: HTTPHeaders = HTTPHeaders()
    var body: [UInt8] = []

    /// Serialises the request head and body into one buffer so it can be sent
    /// with as few syscalls as possible (TCP_NODELAY is on, so separate writes
    /// would become separate segments).
    func serialized(host: String) -> [UInt8] {
        var head = "\(method.rawValue) \(path) HTTP/1.1\r\nHost: \(host)\r\n"
        for field in headers.fields {
            head += "\(field.name): \(field.value)\r\n"
        }
        // POSTs always carry Content-Length, even when 0: without it (and without
        // chunked encoding) a server cannot know where the body ends. A bodiless
        // GET needs none.
        if method == .post || !body.isEmpty {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        var bytes = Array(head.utf8)
        bytes.reserveCapacity(bytes.count + body.count)
        bytes.append(contentsOf: body)
        return bytes
    }
}
