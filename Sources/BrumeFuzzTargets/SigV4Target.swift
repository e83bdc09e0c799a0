import BrumeSigV4
import BrumeWire
import Foundation

/// SigV4 authentication as the edge reads it: the `Authorization` header, a presigned URL's
/// query, the credential scope, and the canonical request built from a client's method, path,
/// query and headers.
enum SigV4Target {
    static let summary = """
        The input as a request head (`METHOD /path?query` on the first line, then `Name: value` \
        header lines), verified as the edge does: Authorization header or presigned query
        """

    /// The one access key the verifier knows, so a well-formed request reaches the signature check.
    private static let verifier = SigV4Verifier { accessKey in
        accessKey == "AKIDEXAMPLE" ? "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" : nil
    }

    /// A fixed "now" (2015-08-30T12:36:00Z), so a replay gives the same verdict.
    private static let now = Date(timeIntervalSince1970: 1_440_938_160)

    static func run(_ data: [UInt8]) {
        let lines = FuzzInput.text(data).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard let requestLine = lines.first else { return }
        let parts = requestLine.split(separator: " ", maxSplits: 1)
        let method = parts.first.map(String.init) ?? ""
        let target = parts.count > 1 ? String(parts[1]) : "/"
        let pathEnd = target.firstIndex(of: "?") ?? target.endIndex
        let rawPath = String(target[..<pathEnd])
        let rawQuery = pathEnd < target.endIndex ? String(target[target.index(after: pathEnd)...]) : ""
        let query = (try? QueryParameters(raw: rawQuery))?.pairs ?? []

        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        let request = SigV4Request(
            method: method,
            path: PercentEncoding.decode(rawPath) ?? rawPath,
            rawPath: rawPath,
            query: query,
            headers: headers,
            payloadHash: request(headers, "x-amz-content-sha256") ?? SigV4.emptySHA256
        )
        _ = verifier.verify(request, now: now)

        // The pieces the edge also reads on their own.
        if let authorization = request.header("authorization"),
           let parsed = try? SigV4Authorization.parse(authorization),
           let amzDate = request.header("x-amz-date") {
            _ = SigV4.date(fromAmzDate: amzDate)
            _ = verifier.chunkSigner(authorization: parsed, amzDate: amzDate)
        }
        if let credential = query.first(where: { $0.name == "X-Amz-Credential" })?.value {
            _ = try? SigV4Scope(credential: credential)
        }
        _ = SigV4.canonicalURI(rawPath: rawPath)
    }

    private static func request(_ headers: [(name: String, value: String)], _ name: String) -> String? {
        headers.first { $0.name.lowercased() == name }?.value
    }
}
