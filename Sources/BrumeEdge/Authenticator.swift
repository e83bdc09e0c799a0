public import Hummingbird
public import BrumeCore
public import BrumeSigV4
import BrumeWire
import Crypto
public import Foundation
import HTTPTypes
import NIOCore

/// Reads the SigV4 `Authorization` header into a ``Caller`` and, with `auth: strict`,
/// verifies the signature against the configured secret, refuses unsigned requests and
/// signatures more than 15 minutes away from the clock.
///
/// Pre-signed URLs carry their signature in the query; the service that owns the URL
/// verifies those (S3 always does, whatever the mode), so they pass through here untouched.
public struct Authenticator: Sendable {
    let config: StackConfig
    let verifier: SigV4Verifier
    let clock: any WallClock

    /// Credentials issued while the stack runs (IAM access keys, STS sessions), accepted beside
    /// the config's; nil when IAM is not enabled.
    let issued: (any IssuedCredentials)?

    public init(config: StackConfig, clock: any WallClock = SystemWallClock(), issued: (any IssuedCredentials)? = nil) {
        self.config = config
        self.clock = clock
        self.issued = issued
        let credentials = config.credentials
        // An expired session's key is unknown: its signature cannot verify.
        verifier = SigV4Verifier(secretForAccessKey: { key in
            credentials[key]?.secret ?? issued?.credential(forAccessKey: key, at: clock.now())?.secret
        })
    }

    /// The caller of `request`.
    /// - Throws: ``AuthenticationFailure`` when the header is malformed or, in strict mode, does not verify.
    ///
    /// - Parameter bodyHash: the hex SHA-256 of the body, for a request whose signature covers a
    ///   body it does not announce in `x-amz-content-sha256` (every non-S3 SDK request); see
    ///   ``needsBodyHash(_:)``.
    public func authenticate(_ request: Request, bodyHash: String? = nil) throws -> Caller {
        guard let header = request.headers[.authorization] else {
            // A pre-signed URL is verified by the service that owns it.
            if config.auth == .strict, !Self.isPresigned(request) { throw AuthenticationFailure.missing }
            return .anonymous(accountID: config.accountID, region: config.region)
        }
        let authorization: SigV4Authorization
        do {
            authorization = try SigV4Authorization.parse(header)
        } catch {
            if header.hasPrefix("AWS ") {
                // Signature Version 2: no credential scope to read, so the caller keeps the defaults.
                return try legacyCaller(header)
            }
            throw AuthenticationFailure.malformed("Authorization header is not a valid AWS Signature Version 4 header.")
        }
        let scope = authorization.scope
        let issuedCredential = config.credentials[scope.accessKeyID] == nil
            ? issued?.credential(forAccessKey: scope.accessKeyID, at: clock.now()) : nil
        let caller = Caller(
            accessKeyID: scope.accessKeyID,
            accountID: issuedCredential?.accountID ?? config.account(forAccessKey: scope.accessKeyID),
            region: scope.region
        )
        guard config.auth == .strict else { return caller }
        try verify(request, authorization: authorization, bodyHash: bodyHash)
        // Temporary credentials sign with their session token too; a wrong one is an unknown key.
        if let token = issuedCredential?.sessionToken,
           request.headers[HTTPField.Name("X-Amz-Security-Token")!] != token {
            throw AuthenticationFailure.unknownAccessKey(scope.accessKeyID)
        }
        return caller
    }

    /// Whether verifying `request` needs the hash of its body: a strict stack, a SigV4 header and
    /// no `x-amz-content-sha256` (S3 clients send it; JSON and query SDK clients sign the body's
    /// hash without sending it).
    public func needsBodyHash(_ request: Request) -> Bool {
        config.auth == .strict && request.headers[.authorization]?.hasPrefix(SigV4.algorithm) == true
            && request.headers[HTTPField.Name("X-Amz-Content-SHA256")!] == nil
    }

    private func legacyCaller(_ header: String) throws -> Caller {
        let accessKey = header.dropFirst(4).prefix { $0 != ":" }
        if config.auth == .strict {
            throw AuthenticationFailure.malformed("Signature Version 2 is not accepted with auth: strict; sign with Signature Version 4.")
        }
        return Caller(accessKeyID: String(accessKey), accountID: config.account(forAccessKey: String(accessKey)), region: config.region)
    }

    private func verify(_ request: Request, authorization: SigV4Authorization, bodyHash: String?) throws {
        let headers = request.headers
        let amzDate = headers[HTTPField.Name("X-Amz-Date")!] ?? headers[.date] ?? ""
        // AWS refuses a signature made more than 15 minutes away from its own clock.
        if let signed = SigV4.date(fromAmzDate: amzDate),
           abs(signed.timeIntervalSince(clock.now())) > SigV4Verifier.allowedClockSkew {
            throw AuthenticationFailure.requestTimeTooSkewed(requestTime: amzDate)
        }
        let payloadHash = headers[HTTPField.Name("X-Amz-Content-SHA256")!] ?? bodyHash ?? Self.emptyPayloadHash
        let signed = try SigV4Request(request, payloadHash: payloadHash)
        switch verifier.verifyHeader(signed, authorization: authorization, amzDate: amzDate) {
        case .valid:
            return
        case .unknownAccessKey:
            throw AuthenticationFailure.unknownAccessKey(authorization.scope.accessKeyID)
        case .signatureMismatch(let canonicalRequest, let stringToSign):
            throw AuthenticationFailure.signatureMismatch(
                canonicalRequest: canonicalRequest, stringToSign: stringToSign,
                accessKeyID: authorization.scope.accessKeyID, signature: authorization.signature
            )
        case .malformed(let reason):
            throw AuthenticationFailure.malformed(reason)
        case .expired, .notYetValid, .expiresTooLarge:
            throw AuthenticationFailure.malformed("Signature expired or not yet valid.")
        }
    }

    /// Whether the query carries a signature (SigV4 `X-Amz-Signature` or SigV2 `Signature`).
    static func isPresigned(_ request: Request) -> Bool {
        guard let query = request.uri.query else { return false }
        return query.contains("X-Amz-Signature=") || (query.contains("Signature=") && query.contains("AWSAccessKeyId="))
    }

    /// The SHA-256 of an empty body, which unsigned-payload-less JSON requests hash.
    static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
}

extension SigV4Request {
    /// The parts of a Hummingbird request that a SigV4 signature covers.
    /// - Throws: ``AuthenticationFailure/malformed(_:)`` for an undecodable path or query.
    public init(_ request: Request, payloadHash: String) throws {
        guard let path = PercentEncoding.decode(request.uri.path) else {
            throw AuthenticationFailure.malformed("The request path is not valid percent-encoded UTF-8.")
        }
        let query: QueryParameters
        do {
            query = try QueryParameters(raw: request.uri.query)
        } catch {
            throw AuthenticationFailure.malformed("The query string is not valid percent-encoded UTF-8.")
        }
        var headers: [(name: String, value: String)] = request.headers.map { ($0.name.canonicalName, $0.value) }
        if !headers.contains(where: { $0.name == "host" }), let authority = request.head.authority {
            headers.append(("host", authority))
        }
        self.init(
            method: request.method.rawValue, path: path, rawPath: request.uri.path, query: query.pairs,
            headers: headers, payloadHash: payloadHash
        )
    }
}

/// A credential issued at run time: an IAM user's access key or an STS session.
public struct IssuedCredential: Sendable, Equatable {
    public let secret: String
    /// The account the credential acts in.
    public let accountID: String
    /// The session token temporary credentials must send in `X-Amz-Security-Token`.
    public let sessionToken: String?

    public init(secret: String, accountID: String, sessionToken: String?) {
        self.secret = secret
        self.accountID = accountID
        self.sessionToken = sessionToken
    }
}

/// Where the edge looks up credentials that are not in the config (IAM provides it).
public protocol IssuedCredentials: Sendable {
    /// The active credential for `accessKey` at `date`, or nil (unknown, inactive or expired).
    func credential(forAccessKey accessKey: String, at date: Date) -> IssuedCredential?
}
