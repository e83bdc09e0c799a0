import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The stack master key: 256 random bits, made once per data directory and kept in
/// `<data>/kms/master.key` (mode 0600). Every key's material is sealed by it before it is stored.
struct MasterKey: Sendable {
    let key: SymmetricKey

    init(key: SymmetricKey) {
        self.key = key
    }

    /// Reads the master key in `folder`, creating it first when there is none.
    ///
    /// The file is written under a temporary name, flushed and renamed, so a crash never leaves
    /// a short key behind.
    static func load(folder: URL) throws -> MasterKey {
        let url = folder.appendingPathComponent("master.key")
        if FileManager.default.fileExists(atPath: url.path) {
            // A key that exists but cannot be read must stop the service: making a new one
            // would replace it, and every key it sealed would be lost.
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw KMSError.internalFailure("cannot read \(url.path)")
            }
            guard data.count == 32 else { throw KMSError.internalFailure("\(url.path) is not a 32-byte key") }
            return MasterKey(key: SymmetricKey(data: data))
        }
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Array($0) }
        let temporary = folder.appendingPathComponent("master.key.tmp")
        unlink(temporary.path)
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw KMSError.internalFailure("cannot create \(temporary.path): errno \(errno)") }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        close(fd)
        guard written == bytes.count, synced == 0, rename(temporary.path, url.path) == 0 else {
            throw KMSError.internalFailure("cannot write \(url.path): errno \(errno)")
        }
        let directory = open(folder.path, O_RDONLY)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
        return MasterKey(key: key)
    }

    /// Seals `material` for key `keyID`, version `version`: the key id and version are
    /// authenticated, so sealed material cannot be moved to another key.
    func seal(_ material: [UInt8], keyID: String, version: UInt32) throws -> Data {
        guard let combined = try AES.GCM.seal(material, using: key, authenticating: Self.label(keyID, version)).combined else {
            throw KMSError.internalFailure("AES-GCM gave no combined form")
        }
        return combined
    }

    func unseal(_ sealed: Data, keyID: String, version: UInt32) throws -> [UInt8] {
        let box = try AES.GCM.SealedBox(combined: sealed)
        return Array(try AES.GCM.open(box, using: key, authenticating: Self.label(keyID, version)))
    }

    private static func label(_ keyID: String, _ version: UInt32) -> [UInt8] {
        Array("brume-kms-material:\(keyID):\(version)".utf8)
    }
}
