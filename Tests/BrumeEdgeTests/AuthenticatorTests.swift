@testable import BrumeEdge
import BrumeCore
import BrumeSigV4
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Testing

@Suite("Authenticator: who signed a request, and in strict mode whether the signature holds")
struct AuthenticatorTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func config(_ auth: StackConfig.AuthMode) -> StackConfig {
        var config = StackConfig()
        config.auth = auth
        config.credentials = ["AKIDEXAMPLE": .init(secret: "secret", accountID: "111122223333")]
        return config
    }

    /// A request to `/q` signed by `secret` at `date` for SQS, with its body's hash in the header.
    static func signed(secret: String = "secret", date: Date = now, accessKey: String = "AKIDEXAMPLE") -> Request {
        let signer = SigV4Signer(accessKeyID: accessKey, secret: secret, region: "eu-west-1", service: "sqs")
        let hash = SigV4.payloadHash([UInt8]())
        let headers = signer.sign(method: "POST", host: "localhost", path: "/q", headers: [("x-amz-content-sha256", hash)],
                                  payloadHash: hash, date: date)
        var fields = HTTPFields()
        for (name, value) in headers { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/q", headerFields: fields),
            body: RequestBody(buffer: ByteBuffer())
        )
    }

    static func unsigned(path: String = "/q") -> Request {
        Request(head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: path), body: RequestBody(buffer: ByteBuffer()))
    }

    @Test("Relaxed: the scope's access key, its account and region; nothing verified")
    func relaxedReadsTheScope() throws {
        let authenticator = Authenticator(config: Self.config(.relaxed), clock: ManualWallClock(Self.now))
        let caller = try authenticator.authenticate(Self.signed(secret: "wrong"))
        #expect(caller == Caller(accessKeyID: "AKIDEXAMPLE", accountID: "111122223333", region: "eu-west-1"))
        #expect(try authenticator.authenticate(Self.unsigned()) == .anonymous(accountID: "000000000000", region: "us-east-1"))
    }

    @Test("Strict: a good signature passes, a wrong secret is a signature mismatch")
    func strictVerifies() throws {
        let authenticator = Authenticator(config: Self.config(.strict), clock: ManualWallClock(Self.now))
        #expect(try authenticator.authenticate(Self.signed()).accessKeyID == "AKIDEXAMPLE")
        #expect {
            try authenticator.authenticate(Self.signed(secret: "wrong"))
        } throws: { error in
            if case .signatureMismatch = error as? AuthenticationFailure { return true }
            return false
        }
    }

    @Test("Strict: unknown keys, unsigned requests and skewed clocks are refused")
    func strictRefusals() {
        let clock = ManualWallClock(Self.now)
        let authenticator = Authenticator(config: Self.config(.strict), clock: clock)
        #expect(throws: AuthenticationFailure.unknownAccessKey("AKIDOTHER")) {
            try authenticator.authenticate(Self.signed(accessKey: "AKIDOTHER"))
        }
        #expect(throws: AuthenticationFailure.missing) { try authenticator.authenticate(Self.unsigned()) }
        clock.advance(by: 16 * 60)
        #expect {
            try authenticator.authenticate(Self.signed())
        } throws: { error in
            if case .requestTimeTooSkewed = error as? AuthenticationFailure { return true }
            return false
        }
    }

    @Test("Strict: a pre-signed URL passes to its service, which verifies it")
    func presignedPassesThrough() throws {
        let authenticator = Authenticator(config: Self.config(.strict), clock: ManualWallClock(Self.now))
        let request = Self.unsigned(path: "/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a&X-Amz-Signature=00")
        #expect(try authenticator.authenticate(request).accessKeyID == nil)
    }

    @Test("A malformed header is refused; Signature Version 2 only in relaxed mode")
    func malformedAndLegacy() throws {
        func request(_ authorization: String) -> Request {
            var fields = HTTPFields()
            fields[.authorization] = authorization
            return Request(head: HTTPRequest(method: .get, scheme: "http", authority: "h", path: "/", headerFields: fields),
                           body: RequestBody(buffer: ByteBuffer()))
        }
        let relaxed = Authenticator(config: Self.config(.relaxed), clock: ManualWallClock(Self.now))
        #expect(try relaxed.authenticate(request("AWS AKIDEXAMPLE:c2ln")).accessKeyID == "AKIDEXAMPLE")
        #expect {
            try relaxed.authenticate(request("Bearer token"))
        } throws: { error in
            if case .malformed = error as? AuthenticationFailure { return true }
            return false
        }
        let strict = Authenticator(config: Self.config(.strict), clock: ManualWallClock(Self.now))
        #expect {
            try strict.authenticate(request("AWS AKIDEXAMPLE:c2ln"))
        } throws: { error in
            if case .malformed = error as? AuthenticationFailure { return true }
            return false
        }
    }

    @Test("Only a strict SigV4 request without x-amz-content-sha256 needs its body hashed")
    func needsBodyHash() {
        let strict = Authenticator(config: Self.config(.strict), clock: ManualWallClock(Self.now))
        let relaxed = Authenticator(config: Self.config(.relaxed), clock: ManualWallClock(Self.now))
        let request = Self.signed()
        #expect(!strict.needsBodyHash(request))  // announces its hash
        var head = request.head
        head.headerFields[HTTPField.Name("x-amz-content-sha256")!] = nil
        let withoutHash = Request(head: head, body: RequestBody(buffer: ByteBuffer()))
        #expect(strict.needsBodyHash(withoutHash))
        #expect(!relaxed.needsBodyHash(withoutHash))
        #expect(!strict.needsBodyHash(Self.unsigned()))
    }
}
