import BrumeSigV4
import Foundation
import Testing

/// Rejections: tampering, expiry, unknown keys and malformed parameters.
@Suite struct SigV4VerifierTests {
    static let getObjectAuthorization = try! SigV4Authorization.parse(Fixtures.authorization(
        signedHeaders: "host;range;x-amz-content-sha256;x-amz-date",
        signature: "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
    ))

    static func isMismatch(_ verification: SigV4Verification) -> Bool {
        if case .signatureMismatch = verification { true } else { false }
    }

    static func verifyGetObject(_ change: (inout SigV4Request) -> Void) -> SigV4Verification {
        var request = Fixtures.getObject
        change(&request)
        return Fixtures.verifier.verifyHeader(request, authorization: getObjectAuthorization, amzDate: Fixtures.amzDate)
    }

    @Test func tamperedHeaderRequestsAreRejected() {
        #expect(Self.isMismatch(Self.verifyGetObject { $0.path = "/test.txu" }))
        #expect(Self.isMismatch(Self.verifyGetObject { $0.method = "HEAD" }))
        #expect(Self.isMismatch(Self.verifyGetObject { $0.query = [("versionId", "1")] }))
        #expect(Self.isMismatch(Self.verifyGetObject { $0.headers[1].value = "bytes=0-10" }))
        #expect(Self.isMismatch(Self.verifyGetObject { $0.headers.remove(at: 1) }))
        #expect(Self.isMismatch(Self.verifyGetObject { $0.payloadHash = SigV4.unsignedPayload }))
        // Unsigned headers and the case of header names do not matter.
        #expect(Self.verifyGetObject { $0.headers.append(("User-Agent", "test")) }.isValid)
        #expect(Self.verifyGetObject { $0.headers[1].name = "RANGE" }.isValid)
    }

    @Test func mismatchCarriesWhatTheServerSigned() {
        guard case .signatureMismatch(let canonicalRequest, let stringToSign) = Self.verifyGetObject({ $0.path = "/other.txt" }) else {
            Issue.record("expected a mismatch")
            return
        }
        #expect(canonicalRequest.hasPrefix("GET\n/other.txt\n"))
        #expect(stringToSign.hasPrefix("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"))
    }

    @Test func headerRejections() {
        let unknown = SigV4Verifier { _ in nil }
        #expect(unknown.verifyHeader(Fixtures.getObject, authorization: Self.getObjectAuthorization, amzDate: Fixtures.amzDate) == .unknownAccessKey)
        let wrongDay = Fixtures.verifier.verifyHeader(Fixtures.getObject, authorization: Self.getObjectAuthorization, amzDate: "20130525T000000Z")
        guard case .malformed = wrongDay else { Issue.record("expected malformed, got \(wrongDay)"); return }
        let badDate = Fixtures.verifier.verifyHeader(Fixtures.getObject, authorization: Self.getObjectAuthorization, amzDate: "yesterday")
        guard case .malformed = badDate else { Issue.record("expected malformed, got \(badDate)"); return }
    }

    static func presigned(_ query: [(name: String, value: String)] = Fixtures.presignedQuery, now: Date) -> SigV4Verification {
        let request = Fixtures.presignedGet(query: query)
        let presigned = try! SigV4PresignedQuery.parse(query: query)!
        return Fixtures.verifier.verifyPresigned(request, presigned: presigned, now: now)
    }

    static func replacing(_ name: String, with value: String) -> [(name: String, value: String)] {
        Fixtures.presignedQuery.map { $0.name == name ? (name, value) : $0 }
    }

    @Test func presignedTimeWindow() {
        let start = Fixtures.signingDate
        #expect(Self.presigned(now: start.addingTimeInterval(86_400)).isValid)
        #expect(Self.presigned(now: start.addingTimeInterval(86_401)) == .expired)
        #expect(Self.presigned(now: start.addingTimeInterval(-15 * 60)).isValid)
        #expect(Self.presigned(now: start.addingTimeInterval(-15 * 60 - 1)) == .notYetValid)
    }

    @Test func presignedExpiresLimits() {
        #expect(Self.presigned(Self.replacing("X-Amz-Expires", with: "604801"), now: Fixtures.signingDate) == .expiresTooLarge)
        guard case .malformed = Self.presigned(Self.replacing("X-Amz-Expires", with: "0"), now: Fixtures.signingDate) else {
            Issue.record("expected malformed")
            return
        }
        // Within limits but not what was signed.
        #expect(Self.isMismatch(Self.presigned(Self.replacing("X-Amz-Expires", with: "604800"), now: Fixtures.signingDate)))
    }

    @Test func presignedTampering() {
        #expect(Self.isMismatch(Self.presigned(Fixtures.presignedQuery + [("response-content-type", "text/html")], now: Fixtures.signingDate)))
        #expect(Self.isMismatch(Self.presigned(Self.replacing("X-Amz-Signature", with: String(repeating: "a", count: 64)), now: Fixtures.signingDate)))
        let request = Fixtures.presignedGet()
        let presigned = try! SigV4PresignedQuery.parse(query: request.query)!
        var moved = request
        moved.path = "/secret.txt"
        #expect(Self.isMismatch(Fixtures.verifier.verifyPresigned(moved, presigned: presigned, now: Fixtures.signingDate)))
        var rehosted = request
        rehosted.headers = [("Host", "otherbucket.s3.amazonaws.com")]
        #expect(Self.isMismatch(Fixtures.verifier.verifyPresigned(rehosted, presigned: presigned, now: Fixtures.signingDate)))
        // A body hash that is not signed is ignored: presigned S3 requests sign UNSIGNED-PAYLOAD.
        var withHash = request
        withHash.payloadHash = SigV4.emptySHA256
        #expect(Fixtures.verifier.verifyPresigned(withHash, presigned: presigned, now: Fixtures.signingDate).isValid)
    }

    @Test func presignedUnknownKey() {
        let request = Fixtures.presignedGet()
        let presigned = try! SigV4PresignedQuery.parse(query: request.query)!
        #expect(SigV4Verifier { _ in nil }.verifyPresigned(request, presigned: presigned, now: Fixtures.signingDate) == .unknownAccessKey)
    }

    @Test func verifyDispatches() {
        #expect(Fixtures.verifier.verify(SigV4Request(method: "GET", path: "/", headers: [("Host", "h")], payloadHash: SigV4.emptySHA256), now: .now) == nil)
        var signed = Fixtures.getObject
        signed.headers.append(("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"))
        #expect(Fixtures.verifier.verify(signed, now: .now) == .valid(Fixtures.scope))
        var both = Fixtures.presignedGet()
        both.headers.append(("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=x"))
        guard case .malformed = Fixtures.verifier.verify(both, now: .now) else { Issue.record("expected malformed"); return }
        var garbled = Fixtures.getObject
        garbled.headers.append(("Authorization", "AWS4-HMAC-SHA256 nonsense"))
        guard case .malformed = Fixtures.verifier.verify(garbled, now: .now) else { Issue.record("expected malformed"); return }
    }
}
