import Foundation

/// Finds the service a request is for, in the order AWS clients imply.
///
/// 0. API Gateway's invoke URLs (a `*.execute-api.*` host, `/_aws/execute-api/...`,
///    `/restapis/{api}/{stage}/_user_request_/...`) are the data plane, whatever they carry: their
///    `Authorization` header belongs to the API's own authorizers.
/// 1. The SigV4 credential scope (`.../s3/aws4_request`), from the `Authorization` header or a
///    pre-signed URL's `X-Amz-Credential`: every SDK signs with the service's signing name.
/// 2. The `X-Amz-Target` prefix of JSON protocols (`AmazonSQS.SendMessage`).
/// 3. The host: `bucket.s3.localhost`, `{api}.execute-api.localhost`, any other `x.localhost`
///    is a virtual-hosted bucket.
/// 4. The path: `/_brume/...` is the emulator's own, `/2015-03-31/functions` Lambda, `/restapis` API Gateway.
/// 5. Anything else is S3, whose unsigned path-style requests (curl, pre-signed legacy URLs) carry no other hint.
public struct ServiceDetector: Sendable {
    /// What a request was detected as.
    public enum Target: Sendable, Equatable {
        /// An AWS service by Brume's name for it (`s3`, `sqs`, `lambda`, `stepfunctions`).
        case service(String)
        /// The emulator's own endpoints under `/_brume/`.
        case internalEndpoint
        /// A service's data plane (API Gateway's invoke URLs), which authenticates its own
        /// callers (API keys, authorizers, its own SigV4 check): the edge does not.
        case dataPlane(String)
    }

    public init() {}

    /// Detects the target from the parts of a request that identify it.
    /// - Parameters:
    ///   - path: the raw request path.
    ///   - host: the `Host` header, with or without port.
    ///   - authorization: the `Authorization` header.
    ///   - target: the `X-Amz-Target` header.
    ///   - credentialQuery: the `X-Amz-Credential` query value of a pre-signed URL.
    public func detect(
        path: String, host: String?, authorization: String?, target: String?, credentialQuery: String?
    ) -> Target {
        if path.hasPrefix("/_brume/") || path == "/_brume" { return .internalEndpoint }
        if Self.isInvokeURL(path: path, host: host) { return .dataPlane("apigateway") }
        if let service = signingName(authorization: authorization, credentialQuery: credentialQuery) {
            return .service(Self.serviceForSigningName[service] ?? service)
        }
        if let target, let prefix = target.split(separator: ".").first,
           let service = Self.serviceForTargetPrefix[String(prefix)] {
            return .service(service)
        }
        if path.hasPrefix("/2015-03-31/functions") || path.hasPrefix("/2015-03-31/event-source-mappings") {
            return .service("lambda")
        }
        if path.hasPrefix("/restapis") || path.hasPrefix("/apikeys") || path.hasPrefix("/usageplans") {
            return .service("apigateway")
        }
        return .service("s3")
    }

    /// The signing name from the credential scope `AKID/date/region/service/aws4_request`.
    func signingName(authorization: String?, credentialQuery: String?) -> String? {
        let credential: Substring?
        if let authorization, let range = authorization.range(of: "Credential=") {
            credential = authorization[range.upperBound...].prefix { $0 != "," && $0 != " " }
        } else if let credentialQuery {
            credential = Substring(credentialQuery)
        } else {
            credential = nil
        }
        guard let parts = credential?.split(separator: "/"), parts.count == 5 else { return nil }
        return String(parts[3])
    }

    /// Whether a request is for a deployed API rather than a control plane: the host names an API
    /// (`{api}.execute-api.{anything}`), or the path is one of the host-less invoke forms. The
    /// `/restapis/{api}/{stage}/_user_request_/` form shares its prefix with the control plane;
    /// the third segment tells them apart.
    static func isInvokeURL(path: String, host: String?) -> Bool {
        if let host = host.map(hostWithoutPort), let dot = host.firstIndex(of: "."), dot != host.startIndex,
           host[host.index(after: dot)...].hasPrefix("execute-api.") {
            return true
        }
        if path.hasPrefix("/_aws/execute-api/") { return true }
        guard path.hasPrefix("/restapis/") else { return false }
        let segments = path.split(separator: "/", maxSplits: 4, omittingEmptySubsequences: false)
        // "", "restapis", api, stage, "_user_request_..."
        return segments.count == 5 && (segments[4] == "_user_request_" || segments[4].hasPrefix("_user_request_/"))
    }

    static func hostWithoutPort(_ host: String) -> String {
        if host.hasPrefix("[") { return host }  // IPv6 literal: no virtual host to find.
        return String(host.split(separator: ":", maxSplits: 1).first ?? Substring(host)).lowercased()
    }

    /// Signing names that differ from Brume's service names.
    static let serviceForSigningName: [String: String] = [
        "states": "stepfunctions",
        "execute-api": "apigateway",
    ]

    /// `X-Amz-Target` prefixes of the JSON-protocol services.
    static let serviceForTargetPrefix: [String: String] = [
        "AmazonSQS": "sqs",
        "AWSStepFunctions": "stepfunctions",
        "Kinesis_20131202": "kinesis",
        "Firehose_20150804": "firehose",
        "TrentService": "kms",
        "AWSEvents": "events",
        "Logs_20140328": "logs",
    ]
}
