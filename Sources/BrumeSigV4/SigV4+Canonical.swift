extension SigV4 {
    /// AWS `UriEncode`: keeps `A-Z a-z 0-9 - _ . ~`, percent-encodes every other UTF-8 byte as
    /// `%XX` with uppercase hex.
    ///
    /// - Parameter encodeSlash: whether `/` is encoded too (`true` for query names and values,
    ///   `false` for paths).
    public static func uriEncode(_ string: String, encodeSlash: Bool = true) -> String {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                output.append(byte)
            case UInt8(ascii: "/") where !encodeSlash:
                output.append(byte)
            default:
                output.append(UInt8(ascii: "%"))
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The canonical URI of a decoded path.
    ///
    /// S3 encodes the path once and keeps it as is: `/my key.txt` becomes `/my%20key.txt` and
    /// `//a/./b` stays `//a/./b`. Every other service first removes empty, `.` and `..` segments,
    /// then encodes twice: once for the wire, once more for the canonical form, so `a:b` becomes
    /// `a%253Ab`.
    public static func canonicalURI(path: String, service: String) -> String {
        if usesS3PathRules(service) {
            return uriEncode(path.hasPrefix("/") ? path : "/" + path, encodeSlash: false)
        }
        return uriEncode(uriEncode(normalizedPath(path), encodeSlash: false), encodeSlash: false)
    }

    /// The canonical URI of a non-S3 request from its raw, still percent-encoded path.
    ///
    /// This is AWS's own definition: normalise, then encode once. Prefer it over
    /// ``canonicalURI(path:service:)`` when the raw path is available.
    public static func canonicalURI(rawPath: String) -> String {
        uriEncode(normalizedPath(rawPath), encodeSlash: false)
    }

    /// Removes empty, `.` and `..` segments, keeping a trailing slash (RFC 3986 dot-segment removal).
    static func normalizedPath(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        if segments.isEmpty { return "/" }
        let trailing = path.hasSuffix("/") || path.hasSuffix("/.") || path.hasSuffix("/..")
        return "/" + segments.joined(separator: "/") + (trailing ? "/" : "")
    }

    /// The canonical query string of decoded pairs.
    ///
    /// Names and values are ``uriEncode(_:encodeSlash:)``d, sorted by encoded name and then by
    /// encoded value, and joined as `name=value&…`; a name without value gives `name=`.
    ///
    /// - Parameter excluding: decoded names left out, such as `X-Amz-Signature` for presigned URLs.
    public static func canonicalQuery(_ query: [(name: String, value: String)], excluding: Set<String> = []) -> String {
        query
            .filter { !excluding.contains($0.name) }
            .map { (name: uriEncode($0.name), value: uriEncode($0.value)) }
            .sorted { lhs, rhs in
                if lhs.name != rhs.name { return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8) }
                return lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
            }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }

    /// The canonical headers block: one `name:value\n` line per signed header, in signed order.
    ///
    /// Names are lowercased. Each value is trimmed and its runs of spaces collapsed to one; the
    /// values of a repeated header are joined with `,` in arrival order. A signed header that
    /// the request lacks yields `name:` (and so, normally, a signature mismatch).
    public static func canonicalHeaders(_ headers: [(name: String, value: String)], signed: [String]) -> String {
        var grouped: [String: [String]] = [:]
        let wanted = Set(signed.map { $0.lowercased() })
        for header in headers {
            let name = header.name.lowercased()
            if wanted.contains(name) {
                grouped[name, default: []].append(collapsingSpaces(header.value))
            }
        }
        var block = ""
        for name in signed {
            let name = name.lowercased()
            block += name + ":" + (grouped[name] ?? []).joined(separator: ",") + "\n"
        }
        return block
    }

    /// Trims a header value and replaces each run of spaces or tabs with a single space.
    static func collapsingSpaces(_ value: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(UInt8(ascii: " ")) }
                pendingSpace = false
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The canonical request: method, URI, query, headers block, signed header list and payload
    /// hash, separated by newlines.
    public static func canonicalRequest(
        method: String,
        canonicalURI: String,
        canonicalQuery: String,
        canonicalHeaders: String,
        signedHeaders: [String],
        payloadHash: String
    ) -> String {
        [method, canonicalURI, canonicalQuery, canonicalHeaders,
         signedHeaders.map { $0.lowercased() }.joined(separator: ";"), payloadHash]
            .joined(separator: "\n")
    }

    /// The canonical request of a ``SigV4Request``, composing the individual stages.
    ///
    /// - Parameters:
    ///   - service: the scope's service; selects the S3 or the generic path rules.
    ///   - excludingQuery: decoded query names left out (`X-Amz-Signature` when presigned).
    ///   - payloadHash: overrides ``SigV4Request/payloadHash``.
    public static func canonicalRequest(
        for request: SigV4Request,
        signedHeaders: [String],
        service: String,
        excludingQuery: Set<String> = [],
        payloadHash: String? = nil
    ) -> String {
        let uri: String
        if !usesS3PathRules(service), let rawPath = request.rawPath {
            uri = canonicalURI(rawPath: rawPath)
        } else {
            uri = canonicalURI(path: request.path, service: service)
        }
        return canonicalRequest(
            method: request.method,
            canonicalURI: uri,
            canonicalQuery: canonicalQuery(request.query, excluding: excludingQuery),
            canonicalHeaders: canonicalHeaders(request.headers, signed: signedHeaders),
            signedHeaders: signedHeaders,
            payloadHash: payloadHash ?? request.payloadHash
        )
    }
}
