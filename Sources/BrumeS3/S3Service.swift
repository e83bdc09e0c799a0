public import BrumeCore
public import BrumeEdge
public import BrumeWire
public import Hummingbird
public import ServiceLifecycle
import BrumeSigV4
import Foundation

/// The S3 object store: buckets, objects, listings, multipart uploads and pre-signed URLs,
/// over the REST-XML protocol, in path style and virtual-hosted style.
public final class S3Service: EdgeService {
    public let name = "s3"
    public let wireProtocol = WireProtocol.restXml
    /// Object bodies stream to disk; their hash comes from `x-amz-content-sha256`.
    public let streamsRequestBodies = true

    let store: S3Store
    let config: StackConfig
    let clock: StackClock
    let verifier: SigV4Verifier
    let requestIDs = RequestIDGenerator()
    /// Delivers event notifications through the edge at `edge`.
    let notificationClient: EdgeClient
    let notificationSequencer = NotificationSequencer()
    let notificationDoorbell = Doorbell()

    /// Opens the store under `<data>/s3`; event notifications go out through the edge at `edge`.
    /// Object dates, pre-signed URL expiry and notification retries read the stack `clock`
    /// (by default one at the config's time scale).
    public init(config: StackConfig, dataDirectory: DataDirectory, edge: EdgeAddress = EdgeAddress(), clock: StackClock? = nil) throws {
        let clock = clock ?? StackClock(scale: config.timeScale)
        self.config = config
        self.clock = clock
        store = try S3Store(folder: try dataDirectory.folder("s3"))
        notificationClient = EdgeClient(address: edge, config: config, clock: clock.realClock)
        let credentials = config.credentials
        verifier = SigV4Verifier(secretForAccessKey: { credentials[$0]?.secret })
    }

    /// Creates the buckets declared in the config; existing ones are kept as they are.
    public func deployDeclaredResources() async throws {
        for bucket in config.resources.buckets {
            guard BucketName.isValid(bucket.name) else { throw S3Error.invalidBucketName(bucket: bucket.name) }
            try await store.ensureBucket(
                name: bucket.name, accountID: config.accountID, region: bucket.region ?? config.region,
                tags: bucket.tags.sorted { $0.key < $1.key }.map { Tag(key: $0.key, value: $0.value) },
                now: clock.now()
            )
            try await deployNotifications(bucket)
        }
    }

    public func respond(to request: Request, context: EdgeContext) async throws -> Response {
        let s3 = try S3Request(request, context: context)
        try verifyPresignedURL(s3)
        try await checkExpectedBucketOwner(s3)
        try refuseUnsupportedHeaders(s3)
        return try await route(s3)
    }

    /// `x-amz-expected-bucket-owner`: a request naming another account as the owner is refused.
    private func checkExpectedBucketOwner(_ request: S3Request) async throws {
        guard let expected = request.headers[.amzExpectedBucketOwner], let name = request.bucket else { return }
        guard let bucket = try? store.bucket(name) else { return }
        if bucket.accountID != expected { throw S3Error.accessDenied("Access Denied") }
    }

    public func makeRequestID() -> String { requestIDs.next() }

    // The deliverer stops before its client closes (the group stops services in reverse order).
    public var backgroundServices: [any Service] { [notificationClient, NotificationDeliverer(store: store, client: notificationClient, doorbell: notificationDoorbell, clock: clock)] }

    public func commonHeaders(requestID: String) -> [AWSError.Header] {
        [.init("x-amz-id-2", requestIDs.extendedID(for: requestID)), .init("Server", "AmazonS3")]
    }

    public func authenticationError(_ failure: AuthenticationFailure) -> AWSError {
        Self.authenticationError(failure)
    }

    /// S3 refuses a header section (header lines and query) over 8 KiB with `RequestHeaderSectionTooLarge`.
    public var maximumHeaderSection: Int? { 8192 }

    /// The XML bodies S3 collects (DeleteObjects, tagging, configurations) past their limit are
    /// `MaxMessageLengthExceeded`; object bodies stream and answer `EntityTooLarge` themselves.
    public func limitError(_ limit: RequestLimit, request: Request) -> AWSError {
        limit.defaultError(for: .restXml)
    }

    /// S3's answers to a refused signature, also used when S3 runs in another process.
    public static func authenticationError(_ failure: AuthenticationFailure) -> AWSError {
        switch failure {
        case .unknownAccessKey(let key):
            S3Error.invalidAccessKeyID(key).awsError
        case .signatureMismatch(let canonicalRequest, let stringToSign, let accessKeyID, let signature):
            S3Error.signatureDoesNotMatch(
                stringToSign: stringToSign, canonicalRequest: canonicalRequest, accessKeyID: accessKeyID, signature: signature
            ).awsError
        case .malformed(let reason):
            AWSError(code: "AuthorizationHeaderMalformed", message: reason, status: 400)
        case .missing:
            S3Error.accessDenied("Access Denied").awsError
        case .requestTimeTooSkewed(let requestTime):
            AWSError(
                code: "RequestTimeTooSkewed", message: "The difference between the request time and the current time is too large.",
                status: 403, details: [.init("RequestTime", requestTime), .init("MaxAllowedSkewMilliseconds", "900000")]
            )
        }
    }

    /// A body receiver for `request`; with `auth: strict` a signed `aws-chunked` body has every
    /// chunk signature verified (the edge has already verified the seed signature).
    func bodyReceiver(for request: S3Request) -> BodyReceiver {
        var receiver = BodyReceiver(headers: request.headers, blobs: store.blobs)
        if config.auth == .strict,
           request.headers[.amzContentSHA256]?.hasPrefix("STREAMING-AWS4-HMAC-SHA256-PAYLOAD") == true,
           let header = request.headers[.authorization],
           let authorization = try? SigV4Authorization.parse(header) {
            let amzDate = request.header("x-amz-date") ?? ""
            receiver.chunkSigner = verifier.chunkSigner(authorization: authorization, amzDate: amzDate)
        }
        return receiver
    }

    public func resourceSummary() async throws -> [String: [String]] {
        ["buckets": try await store.allBucketNames()]
    }
}
