import BrumeSigV4
import Foundation
import Testing

/// AWS's published S3 examples, checked stage by stage and end to end.
@Suite struct SigV4DocumentationVectorTests {
    @Test func signingKeyAndScope() throws {
        let scope = try SigV4Scope(credential: "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request")
        #expect(scope == Fixtures.scope)
        #expect(scope.scopeString == "20130524/us-east-1/s3/aws4_request")
        #expect(scope.credentialString == "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request")
    }

    @Test func getObjectWithRange() throws {
        let signed = ["host", "range", "x-amz-content-sha256", "x-amz-date"]
        let canonical = SigV4.canonicalRequest(for: Fixtures.getObject, signedHeaders: signed, service: "s3")
        #expect(canonical == """
            GET
            /test.txt

            host:examplebucket.s3.amazonaws.com
            range:bytes=0-9
            x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-amz-date:20130524T000000Z

            host;range;x-amz-content-sha256;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        let stringToSign = SigV4.stringToSign(amzDate: Fixtures.amzDate, scope: Fixtures.scope, canonicalRequest: canonical)
        #expect(stringToSign == """
            AWS4-HMAC-SHA256
            20130524T000000Z
            20130524/us-east-1/s3/aws4_request
            7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
            """)
        let key = SigV4.signingKey(secret: Fixtures.secret, scope: Fixtures.scope)
        #expect(SigV4.signature(stringToSign: stringToSign, key: key) == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")

        let authorization = try SigV4Authorization.parse(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        )
        #expect(Fixtures.verifier.verifyHeader(Fixtures.getObject, authorization: authorization, amzDate: Fixtures.amzDate) == .valid(Fixtures.scope))
    }

    @Test func putObject() throws {
        let signed = ["date", "host", "x-amz-content-sha256", "x-amz-date", "x-amz-storage-class"]
        let canonical = SigV4.canonicalRequest(for: Fixtures.putObject, signedHeaders: signed, service: "s3")
        #expect(canonical == """
            PUT
            /test%24file.text

            date:Fri, 24 May 2013 00:00:00 GMT
            host:examplebucket.s3.amazonaws.com
            x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072
            x-amz-date:20130524T000000Z
            x-amz-storage-class:REDUCED_REDUNDANCY

            date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class
            44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072
            """)
        let authorization = try SigV4Authorization.parse(Fixtures.authorization(
            signedHeaders: signed.joined(separator: ";"),
            signature: "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"
        ))
        #expect(Fixtures.verifier.verifyHeader(Fixtures.putObject, authorization: authorization, amzDate: Fixtures.amzDate) == .valid(Fixtures.scope))
    }

    @Test func getBucketLifecycle() throws {
        let signed = ["host", "x-amz-content-sha256", "x-amz-date"]
        let canonical = SigV4.canonicalRequest(for: Fixtures.getLifecycle, signedHeaders: signed, service: "s3")
        #expect(canonical.split(separator: "\n", omittingEmptySubsequences: false)[1...2] == ["/", "lifecycle="])
        let authorization = try SigV4Authorization.parse(Fixtures.authorization(
            signedHeaders: "host;x-amz-content-sha256;x-amz-date",
            signature: "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"
        ))
        #expect(Fixtures.verifier.verifyHeader(Fixtures.getLifecycle, authorization: authorization, amzDate: Fixtures.amzDate) == .valid(Fixtures.scope))
    }

    @Test func listObjects() throws {
        #expect(SigV4.canonicalQuery(Fixtures.listObjects.query) == "max-keys=2&prefix=J")
        let authorization = try SigV4Authorization.parse(Fixtures.authorization(
            signedHeaders: "host;x-amz-content-sha256;x-amz-date",
            signature: "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"
        ))
        #expect(Fixtures.verifier.verifyHeader(Fixtures.listObjects, authorization: authorization, amzDate: Fixtures.amzDate) == .valid(Fixtures.scope))
    }

    @Test func presignedGet() throws {
        let request = Fixtures.presignedGet()
        let presigned = try #require(try SigV4PresignedQuery.parse(query: request.query))
        let canonical = SigV4.canonicalRequest(
            for: request, signedHeaders: presigned.signedHeaders, service: "s3",
            excludingQuery: ["X-Amz-Signature"], payloadHash: SigV4.unsignedPayload
        )
        #expect(canonical == """
            GET
            /test.txt
            X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host
            host:examplebucket.s3.amazonaws.com

            host
            UNSIGNED-PAYLOAD
            """)
        let stringToSign = SigV4.stringToSign(amzDate: presigned.amzDate, scope: presigned.scope, canonicalRequest: canonical)
        #expect(stringToSign.hasSuffix("\n3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04"))
        #expect(Fixtures.verifier.verifyPresigned(request, presigned: presigned, now: Fixtures.signingDate) == .valid(Fixtures.scope))
        #expect(Fixtures.verifier.verify(request, now: Fixtures.signingDate.addingTimeInterval(3_600)) == .valid(Fixtures.scope))
    }

    @Test func chunkedUploadSeedSignature() throws {
        let signed = Fixtures.chunkedSignedHeaders.split(separator: ";").map(String.init)
        let canonical = SigV4.canonicalRequest(for: Fixtures.chunkedPut, signedHeaders: signed, service: "s3")
        #expect(canonical == """
            PUT
            /examplebucket/chunkObject.txt

            content-encoding:aws-chunked
            content-length:66824
            host:s3.amazonaws.com
            x-amz-content-sha256:STREAMING-AWS4-HMAC-SHA256-PAYLOAD
            x-amz-date:20130524T000000Z
            x-amz-decoded-content-length:66560
            x-amz-storage-class:REDUCED_REDUNDANCY

            content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class
            STREAMING-AWS4-HMAC-SHA256-PAYLOAD
            """)
        let authorization = try SigV4Authorization.parse(Fixtures.authorization(
            signedHeaders: Fixtures.chunkedSignedHeaders,
            signature: "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
        ))
        #expect(Fixtures.verifier.verifyHeader(Fixtures.chunkedPut, authorization: authorization, amzDate: Fixtures.amzDate) == .valid(Fixtures.scope))
    }

    @Test func trailerUploadSeedSignature() throws {
        let authorization = try SigV4Authorization.parse(Fixtures.authorization(
            signedHeaders: Fixtures.trailerSignedHeaders,
            signature: "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e"
        ))
        #expect(Fixtures.verifier.verifyHeader(Fixtures.trailerPut, authorization: authorization, amzDate: Fixtures.amzDate) == .valid(Fixtures.scope))
    }
}

/// Vectors of AWS's generic SigV4 test suite (service `service`, 2015-08-30), covering non-S3 rules.
@Suite struct SigV4TestSuiteVectorTests {
    static let verifier = SigV4Verifier { $0 == "AKIDEXAMPLE" ? "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" : nil }

    static func verify(path: String, rawPath: String? = nil, query: [(name: String, value: String)] = [], signature: String) throws -> SigV4Verification {
        let request = SigV4Request(
            method: "GET", path: path, rawPath: rawPath, query: query,
            headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
            payloadHash: SigV4.emptySHA256
        )
        let authorization = try SigV4Authorization.parse(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=\(signature)"
        )
        return verifier.verifyHeader(request, authorization: authorization, amzDate: "20150830T123600Z")
    }

    @Test func getVanilla() throws {
        #expect(try Self.verify(path: "/", signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31").isValid)
    }

    @Test func getVanillaQueryOrderKeyCase() throws {
        let query = [(name: "Param2", value: "value2"), (name: "Param1", value: "value1")]
        #expect(try Self.verify(path: "/", query: query, signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500").isValid)
    }

    @Test func getUTF8FromRawPath() throws {
        // The suite sends `GET /ሴ` unencoded, so only the raw path reproduces its canonical URI.
        #expect(try Self.verify(path: "/ሴ", rawPath: "/ሴ", signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85").isValid)
    }

    @Test func normalisedPathsSignLikeTheRoot() throws {
        // get-relative, get-relative-relative, get-slash, get-slash-dot-slash: all canonicalise to "/".
        for path in ["/example/..", "/example1/example2/../..", "//", "/./"] {
            #expect(try Self.verify(path: path, signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31").isValid, "\(path)")
        }
    }
}
