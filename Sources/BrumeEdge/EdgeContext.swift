public import Hummingbird
public import Logging
public import NIOCore

/// The per-request context every edge middleware and service sees.
public struct EdgeContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The id sent back in the protocol's request-id header and used in logs.
    public var requestID: String = ""
    /// Who signed the request, as far as the edge could tell.
    public var caller: Caller
    /// Whether the request is for a service's data plane (an API Gateway invoke URL), which the
    /// edge does not authenticate: the service checks its own callers.
    public var isDataPlane = false
    /// The address of the peer, for logs.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        caller = .anonymous(accountID: "000000000000", region: "us-east-1")
        remoteAddress = source.channel.remoteAddress
    }

    /// Requests are streamed by the services themselves; nothing is decoded whole by Hummingbird.
    public var maxUploadSize: Int { 10 * 1024 * 1024 }
}

/// The identity and region a request acts with.
public struct Caller: Sendable, Equatable {
    /// The access key from the signature, or nil for an unsigned request.
    public var accessKeyID: String?
    /// The account that owns what the request creates.
    public var accountID: String
    /// The region from the credential scope, or the stack's region.
    public var region: String

    public init(accessKeyID: String?, accountID: String, region: String) {
        self.accessKeyID = accessKeyID
        self.accountID = accountID
        self.region = region
    }

    /// A caller without a signature.
    public static func anonymous(accountID: String, region: String) -> Caller {
        Caller(accessKeyID: nil, accountID: accountID, region: region)
    }
}
