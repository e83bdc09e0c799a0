import BrumeKMSBlob

/// KMS ciphertext blobs, as Decrypt and ReEncrypt read them from clients.
enum KMSCiphertextTarget {
    static let summary = "CiphertextBlob.parse on the input; an accepted blob is re-serialized (it must give the input back) and opened with a fixed key and context"

    /// A fixed 256-bit key: opening must refuse (nil) without trapping whatever the blob says.
    private static let material = [UInt8](repeating: 0x5A, count: 32)

    static func run(_ data: [UInt8]) {
        guard let blob = CiphertextBlob.parse(data) else { return }
        guard blob.bytes == data else { fatalError("a parsed ciphertext blob does not re-serialize to its input") }
        _ = SymmetricCipher.decrypt(blob, material: material, context: ["purpose": "fuzz"])
    }
}
