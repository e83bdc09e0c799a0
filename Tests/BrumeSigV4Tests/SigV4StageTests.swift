import BrumeSigV4
import Foundation
import Testing

/// The canonicalisation stages and parsers on their own.
@Suite struct SigV4StageTests {
    @Test func uriEncode() {
        #expect(SigV4.uriEncode("AZaz09-_.~") == "AZaz09-_.~")
        #expect(SigV4.uriEncode("a b+c*d%e") == "a%20b%2Bc%2Ad%25e")
        #expect(SigV4.uriEncode("a/b") == "a%2Fb")
        #expect(SigV4.uriEncode("a/b", encodeSlash: false) == "a/b")
        #expect(SigV4.uriEncode("é€") == "%C3%A9%E2%82%AC")
    }

    @Test func canonicalURIForS3KeepsThePathAsIs() {
        #expect(SigV4.canonicalURI(path: "/bucket/my key.txt", service: "s3") == "/bucket/my%20key.txt")
        #expect(SigV4.canonicalURI(path: "/bucket//a/./b/../c", service: "s3") == "/bucket//a/./b/../c")
        #expect(SigV4.canonicalURI(path: "", service: "s3") == "/")
        #expect(SigV4.canonicalURI(path: "/b/ü:1", service: "s3") == "/b/%C3%BC%3A1")
    }

    @Test func canonicalURIForOtherServicesNormalisesAndEncodesTwice() {
        #expect(SigV4.canonicalURI(path: "/2015-03-31/functions/f:alias/invocations", service: "lambda")
            == "/2015-03-31/functions/f%253Aalias/invocations")
        #expect(SigV4.canonicalURI(path: "/a b", service: "execute-api") == "/a%2520b")
        #expect(SigV4.canonicalURI(path: "//example//", service: "service") == "/example/")
        #expect(SigV4.canonicalURI(path: "/./example", service: "service") == "/example")
        #expect(SigV4.canonicalURI(path: "/a/b/..", service: "service") == "/a/")
        #expect(SigV4.canonicalURI(rawPath: "/f%3Aalias") == "/f%253Aalias")
    }

    @Test func canonicalQuerySortsEncodedNamesThenValues() {
        let query: [(name: String, value: String)] = [("b", "2"), ("a", "z"), ("a", "y"), ("A", "1"), ("c d", "e/f"), ("acl", "")]
        #expect(SigV4.canonicalQuery(query) == "A=1&a=y&a=z&acl=&b=2&c%20d=e%2Ff")
        #expect(SigV4.canonicalQuery([("X-Amz-Signature", "x"), ("k", "v")], excluding: ["X-Amz-Signature"]) == "k=v")
    }

    @Test func canonicalHeadersTrimCollapseAndJoin() {
        let headers: [(name: String, value: String)] = [
            ("Host", " example.com "), ("X-Amz-Meta-A", "  one   two  "), ("x-amz-meta-a", "three"), ("Unsigned", "x"),
        ]
        #expect(SigV4.canonicalHeaders(headers, signed: ["host", "x-amz-meta-a"]) == "host:example.com\nx-amz-meta-a:one two,three\n")
        #expect(SigV4.canonicalHeaders(headers, signed: ["host", "missing"]) == "host:example.com\nmissing:\n")
    }

    @Test func authorizationParsingToleratesSpacing() throws {
        let tight = try SigV4Authorization.parse("AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-date,Signature=abc")
        let spaced = try SigV4Authorization.parse("  AWS4-HMAC-SHA256   Signature=abc ,  Credential=AK/20130524/us-east-1/s3/aws4_request,   SignedHeaders=Host;X-Amz-Date ")
        #expect(tight == spaced)
        #expect(tight.signedHeaders == ["host", "x-amz-date"])
        #expect(tight.scope.accessKeyID == "AK")
        #expect(tight.signature == "abc")
    }

    @Test func authorizationParsingErrors() {
        #expect(throws: SigV4Error.unsupportedAlgorithm("AWS")) { try SigV4Authorization.parse("AWS AK:sig") }
        #expect(throws: SigV4Error.missingComponent("Signature")) {
            try SigV4Authorization.parse("AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3/aws4_request, SignedHeaders=host")
        }
        #expect(throws: SigV4Error.malformedCredential("AK/20130524/us-east-1/s3")) {
            try SigV4Authorization.parse("AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3, SignedHeaders=host, Signature=x")
        }
        #expect(throws: SigV4Error.emptySignedHeaders) {
            try SigV4Authorization.parse("AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3/aws4_request, SignedHeaders=, Signature=x")
        }
        #expect(throws: SigV4Error.malformedAuthorization("AWS4-HMAC-SHA256 Credential")) {
            try SigV4Authorization.parse("AWS4-HMAC-SHA256 Credential")
        }
    }

    @Test func scopeParsingErrors() {
        for credential in ["AK/2013052/us-east-1/s3/aws4_request", "AK/20130524/us-east-1/s3/aws5_request", "/20130524/us-east-1/s3/aws4_request", "AK/2013O524/r/s/aws4_request"] {
            #expect(throws: SigV4Error.malformedCredential(credential)) { try SigV4Scope(credential: credential) }
        }
    }

    @Test func presignedQueryParsing() throws {
        #expect(try SigV4PresignedQuery.parse(query: [("prefix", "a")]) == nil)
        let presigned = try #require(try SigV4PresignedQuery.parse(query: Fixtures.presignedQuery + [("X-Amz-Security-Token", "tok")]))
        #expect(presigned.expires == 86_400)
        #expect(presigned.date == Fixtures.signingDate)
        #expect(presigned.expiry == Fixtures.signingDate.addingTimeInterval(86_400))
        #expect(presigned.securityToken == "tok")

        func without(_ name: String) -> [(name: String, value: String)] { Fixtures.presignedQuery.filter { $0.name != name } }
        #expect(throws: SigV4Error.missingQueryParameter("X-Amz-Date")) { try SigV4PresignedQuery.parse(query: without("X-Amz-Date")) }
        #expect(throws: SigV4Error.missingQueryParameter("X-Amz-Algorithm")) { try SigV4PresignedQuery.parse(query: without("X-Amz-Algorithm")) }
        #expect(throws: SigV4Error.unsupportedAlgorithm("AWS4-HMAC-SHA512")) {
            try SigV4PresignedQuery.parse(query: without("X-Amz-Algorithm") + [("X-Amz-Algorithm", "AWS4-HMAC-SHA512")])
        }
        #expect(throws: SigV4Error.invalidDate("2013-05-24")) { try SigV4PresignedQuery.parse(query: without("X-Amz-Date") + [("X-Amz-Date", "2013-05-24")]) }
        #expect(throws: SigV4Error.invalidExpires("soon")) { try SigV4PresignedQuery.parse(query: without("X-Amz-Expires") + [("X-Amz-Expires", "soon")]) }
    }

    @Test func amzDates() {
        #expect(SigV4.date(fromAmzDate: "20130524T000000Z") == Fixtures.signingDate)
        #expect(SigV4.date(fromAmzDate: "20240229T235959Z") == Date(timeIntervalSince1970: 1_709_251_199))
        #expect(SigV4.date(fromAmzDate: "19691231T235959Z") == Date(timeIntervalSince1970: -1))
        for invalid in ["20230229T000000Z", "20130524T240000Z", "20130524T000000", "2013-05-24T00:00:00Z", "20131324T000000Z", ""] {
            #expect(SigV4.date(fromAmzDate: invalid) == nil, "\(invalid)")
        }
        #expect(SigV4.amzDate(from: Fixtures.signingDate) == "20130524T000000Z")
        #expect(SigV4.amzDate(from: Date(timeIntervalSince1970: 1_709_251_199.9)) == "20240229T235959Z")
        #expect(SigV4.amzDate(from: Date(timeIntervalSince1970: -1)) == "19691231T235959Z")
    }
}
