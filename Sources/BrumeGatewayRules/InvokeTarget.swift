/// The deployed API, stage and resource path an invoke URL names, in the three forms clients use:
///
/// - `http://{api}.execute-api.{anything}/{stage}/{path}` (the host names the API, as on AWS);
/// - `/_aws/execute-api/{api}/{stage}/{path}` (any host);
/// - `/restapis/{api}/{stage}/_user_request_/{path}` (any host).
public struct InvokeTarget: Sendable, Equatable {
    /// The REST API's id.
    public var apiID: String
    /// The stage name, as written in the URL.
    public var stage: String
    /// The path after the stage, still percent-encoded, always starting with `/`.
    public var path: String
    /// The host the caller used, without port, for `requestContext.domainName`: the request's
    /// own host for the `execute-api` form, `{api}.execute-api.localhost` for the others.
    public var domainName: String

    public init(apiID: String, stage: String, path: String, domainName: String) {
        self.apiID = apiID
        self.stage = stage
        self.path = path
        self.domainName = domainName
    }

    /// `requestContext.domainPrefix`: the first label of the domain name (the API id).
    public var domainPrefix: String {
        String(domainName.prefix { $0 != "." })
    }

    /// Reads the target from a request's raw path (without query) and `Host` header.
    ///
    /// Returns nil when the URL is not an invoke URL at all, and a target with an empty stage when
    /// it names an API but no stage (`http://{api}.execute-api.localhost/`), which the gateway
    /// refuses as AWS does.
    public init?(rawPath: String, host: String?) {
        let hostName = host.map(Self.withoutPort)
        if let hostName, let dot = hostName.firstIndex(of: "."), dot != hostName.startIndex,
           hostName[hostName.index(after: dot)...].hasPrefix("execute-api.") {
            let (stage, path) = Self.stageAndPath(Substring(rawPath))
            self.init(apiID: String(hostName[..<dot]), stage: stage, path: path, domainName: hostName)
            return
        }
        if rawPath.hasPrefix("/_aws/execute-api/") {
            let rest = rawPath.dropFirst("/_aws/execute-api/".count)
            let api = rest.prefix { $0 != "/" }
            guard !api.isEmpty else { return nil }
            let (stage, path) = Self.stageAndPath(rest.dropFirst(api.count))
            self.init(apiID: String(api), stage: stage, path: path, domainName: "\(api).execute-api.localhost")
            return
        }
        let segments = rawPath.split(separator: "/", maxSplits: 4, omittingEmptySubsequences: false)
        guard segments.count == 5, segments[0].isEmpty, segments[1] == "restapis", !segments[2].isEmpty, !segments[3].isEmpty,
              segments[4] == "_user_request_" || segments[4].hasPrefix("_user_request_/")
        else { return nil }
        let path = segments[4].dropFirst("_user_request_".count)
        self.init(
            apiID: String(segments[2]), stage: String(segments[3]), path: path.isEmpty ? "/" : String(path),
            domainName: "\(segments[2]).execute-api.localhost"
        )
    }

    /// Splits `/{stage}/{path}` into the stage and the path (`/` when there is none).
    private static func stageAndPath(_ rest: Substring) -> (String, String) {
        let trimmed = rest.drop { $0 == "/" }
        let stage = trimmed.prefix { $0 != "/" }
        let path = trimmed.dropFirst(stage.count)
        return (String(stage), path.isEmpty ? "/" : String(path))
    }

    private static func withoutPort(_ host: String) -> String {
        if host.hasPrefix("[") { return host }
        return String(host.split(separator: ":", maxSplits: 1).first ?? Substring(host)).lowercased()
    }
}
