import BrumeSigV4
import Crypto
import Testing

/// The chunk and trailer signatures of AWS's chunked-upload examples (65 KiB of `a` in 64 KiB chunks).
@Suite struct SigV4StreamingTests {
    static let firstChunk = [UInt8](repeating: UInt8(ascii: "a"), count: 65_536)
    static let secondChunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1_024)
    static let key = SigV4.signingKey(secret: Fixtures.secret, scope: Fixtures.scope)

    @Test func chunkStringToSign() {
        let stringToSign = SigV4.chunkStringToSign(
            amzDate: Fixtures.amzDate, scope: Fixtures.scope,
            previousSignature: "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
            chunkHash: SigV4.hex(SHA256.hash(data: Self.firstChunk))
        )
        #expect(stringToSign == """
            AWS4-HMAC-SHA256-PAYLOAD
            20130524T000000Z
            20130524/us-east-1/s3/aws4_request
            4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            bf718b6f653bebc184e1479f1935b8da974d701b893afcf49e701f3e2f9f9c5a
            """)
        #expect(SigV4.signature(stringToSign: stringToSign, key: Self.key) == "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648")
    }

    @Test func chunkChain() {
        var signer = SigV4ChunkSigner(
            key: Self.key, amzDate: Fixtures.amzDate, scope: Fixtures.scope,
            seedSignature: "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
        )
        let signatures = [SHA256.hash(data: Self.firstChunk), SHA256.hash(data: Self.secondChunk), SHA256.hash(data: [UInt8]())].map { signer.sign(chunkHash: $0) }
        #expect(signatures == [
            "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
            "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
            "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
        ])
    }

    @Test func verifyChunkAdvancesOnlyOnMatch() throws {
        let authorization = try SigV4Authorization.parse(Fixtures.authorization(
            signedHeaders: Fixtures.chunkedSignedHeaders,
            signature: "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
        ))
        var signer = try #require(Fixtures.verifier.chunkSigner(authorization: authorization, amzDate: Fixtures.amzDate))
        let firstHash = SHA256.hash(data: Self.firstChunk)
        let first = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"
        let forged = signer.verifyChunk(hash: firstHash, signature: String(repeating: "0", count: 64))
        #expect(!forged)
        #expect(signer.previousSignature == "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9")
        let accepted = signer.verifyChunk(hash: firstHash, signature: first.uppercased())
        #expect(accepted)
        // Replaying the first chunk in second position breaks the chain.
        let replayed = signer.verifyChunk(hash: firstHash, signature: first)
        #expect(!replayed)
        let second = signer.verifyChunk(hash: SHA256.hash(data: Self.secondChunk), signature: "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497")
        let final = signer.verifyChunk(hash: SHA256.hash(data: [UInt8]()), signature: "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9")
        #expect(second && final)
    }

    @Test func trailerChain() {
        var signer = SigV4ChunkSigner(
            key: Self.key, amzDate: Fixtures.amzDate, scope: Fixtures.scope,
            seedSignature: "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e"
        )
        let signatures = [SHA256.hash(data: Self.firstChunk), SHA256.hash(data: Self.secondChunk), SHA256.hash(data: [UInt8]())].map { signer.sign(chunkHash: $0) }
        #expect(signatures == [
            "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
            "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
            "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992",
        ])

        let trailers = [(name: "x-amz-checksum-crc32c", value: "sOO8/Q==")]
        #expect(SigV4.canonicalTrailers(trailers) == "x-amz-checksum-crc32c:sOO8/Q==\n")
        #expect(signer.trailerSignature(trailers: trailers) == "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435")
        // The signature trailer itself is not part of what it signs.
        let sent = trailers + [(name: "x-amz-trailer-signature", value: "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435")]
        #expect(signer.verifyTrailer(sent, signature: "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435"))
        #expect(!signer.verifyTrailer([(name: "x-amz-checksum-crc32c", value: "AAAAAA==")], signature: "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435"))
    }
}
