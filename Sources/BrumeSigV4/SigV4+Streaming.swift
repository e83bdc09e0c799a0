public import Crypto

extension SigV4 {
    /// The string to sign of one `aws-chunked` chunk.
    ///
    /// `AWS4-HMAC-SHA256-PAYLOAD`, timestamp, scope, the previous signature (the seed signature of
    /// the `Authorization` header for the first chunk), the hex SHA-256 of the empty string and
    /// the hex SHA-256 of the chunk's data, separated by newlines.
    public static func chunkStringToSign(amzDate: String, scope: SigV4Scope, previousSignature: String, chunkHash: String) -> String {
        ["AWS4-HMAC-SHA256-PAYLOAD", amzDate, scope.scopeString, previousSignature, emptySHA256, chunkHash]
            .joined(separator: "\n")
    }

    /// The string to sign of the trailer chunk of a `STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER` upload.
    ///
    /// `AWS4-HMAC-SHA256-TRAILER`, timestamp, scope, the signature of the final zero-length chunk
    /// and the hex SHA-256 of ``canonicalTrailers(_:)``, separated by newlines.
    public static func trailerStringToSign(amzDate: String, scope: SigV4Scope, previousSignature: String, trailersHash: String) -> String {
        ["AWS4-HMAC-SHA256-TRAILER", amzDate, scope.scopeString, previousSignature, trailersHash]
            .joined(separator: "\n")
    }

    /// The signed form of trailing headers: `name:value\n` per trailer, names lowercased, values
    /// trimmed, in the order sent; `x-amz-trailer-signature` itself is left out.
    public static func canonicalTrailers(_ trailers: [(name: String, value: String)]) -> String {
        var block = ""
        for trailer in trailers {
            let name = trailer.name.lowercased()
            if name == "x-amz-trailer-signature" { continue }
            block += name + ":" + trailer.value.trimmingSpaces() + "\n"
        }
        return block
    }
}

/// Continues the SigV4 signature chain through the chunks of an `aws-chunked` upload.
///
/// The chain starts at the seed signature, the `Signature=` of the request's `Authorization`
/// header. Each chunk's signature covers its data and the previous signature; the final chunk
/// has no data, and a trailer signature may close the chain. Feed chunks in order:
///
/// ```swift
/// var signer = SigV4ChunkSigner(key: key, amzDate: amzDate, scope: scope, seedSignature: seed)
/// guard signer.verifyChunk(hash: SHA256.hash(data: chunk), signature: sent) else { … }
/// ```
public struct SigV4ChunkSigner: Sendable {
    /// The derived signing key for the request's scope.
    public let key: SymmetricKey
    /// The request's `x-amz-date`.
    public let amzDate: String
    /// The request's credential scope.
    public let scope: SigV4Scope
    /// The signature the next chunk chains from: the seed, then each accepted chunk's signature.
    public private(set) var previousSignature: String

    /// Starts a chain at the seed signature.
    public init(key: SymmetricKey, amzDate: String, scope: SigV4Scope, seedSignature: String) {
        self.key = key
        self.amzDate = amzDate
        self.scope = scope
        self.previousSignature = seedSignature
    }

    /// Computes the signature of the next chunk from its data hash and advances the chain.
    public mutating func sign(chunkHash: SHA256Digest) -> String {
        let stringToSign = SigV4.chunkStringToSign(
            amzDate: amzDate, scope: scope, previousSignature: previousSignature, chunkHash: SigV4.hex(chunkHash)
        )
        let signature = SigV4.signature(stringToSign: stringToSign, key: key)
        previousSignature = signature
        return signature
    }

    /// Checks the signature sent with the next chunk; advances the chain only when it matches.
    public mutating func verifyChunk(hash: SHA256Digest, signature: String) -> Bool {
        var next = self
        guard SigV4.constantTimeEquals(next.sign(chunkHash: hash), signature.lowercased()) else { return false }
        self = next
        return true
    }

    /// Computes the trailer signature, chained from the final zero-length chunk's signature.
    public func trailerSignature(trailers: [(name: String, value: String)]) -> String {
        let stringToSign = SigV4.trailerStringToSign(
            amzDate: amzDate, scope: scope, previousSignature: previousSignature,
            trailersHash: SigV4.sha256Hex(SigV4.canonicalTrailers(trailers))
        )
        return SigV4.signature(stringToSign: stringToSign, key: key)
    }

    /// Checks an `x-amz-trailer-signature` against the trailers sent before it.
    public func verifyTrailer(_ trailers: [(name: String, value: String)], signature: String) -> Bool {
        SigV4.constantTimeEquals(trailerSignature(trailers: trailers), signature.lowercased())
    }
}
