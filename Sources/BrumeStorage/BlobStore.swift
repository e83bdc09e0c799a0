public import Foundation
import Dispatch

/// Immutable files that hold object bodies, written so that a crash never leaves a partial one.
///
/// A blob is written to `tmp/` first, fsynced, renamed to `blobs/<ab>/<id>` and its folder
/// fsynced; only then may its id be committed to a database. Blob names are random ids, never
/// derived from user input, so no object key can address a path outside the data directory.
/// Blobs never change after they are committed, which is what lets a copy be a hard link and a
/// reader keep reading a blob that an overwrite has just unlinked.
public final class BlobStore: Sendable {
    /// The folder that holds `blobs/` and `tmp/`.
    public let root: URL
    private let blobsFolder: URL
    private let temporaryFolder: URL
    /// Blocking file work (fsync, rename, unlink) runs here, off Swift's cooperative pool.
    private let ioQueue = DispatchQueue(label: "brume.blobs", qos: .userInitiated, attributes: .concurrent)

    /// Opens the store under `root`, creating its folders and clearing abandoned temp files.
    public init(root: URL) throws {
        self.root = root
        blobsFolder = root.appendingPathComponent("blobs", isDirectory: true)
        temporaryFolder = root.appendingPathComponent("tmp", isDirectory: true)
        let files = FileManager.default
        try files.createDirectory(at: blobsFolder, withIntermediateDirectories: true)
        // Anything in tmp/ was never committed: a write was cut off by a crash.
        try? files.removeItem(at: temporaryFolder)
        try files.createDirectory(at: temporaryFolder, withIntermediateDirectories: true)
    }

    /// Starts writing a new blob.
    public func makeWriter() throws(BlobStoreError) -> BlobWriter {
        let id = BlobID.random()
        let path = temporaryFolder.appendingPathComponent(id.rawValue).path
        let descriptor = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .io(operation: "create", errno: errno) }
        return BlobWriter(id: id, descriptor: descriptor, temporaryPath: path, store: self)
    }

    /// Opens a committed blob for reading.
    /// - Throws: ``BlobStoreError/missing(_:)`` when the blob is gone.
    public func open(_ id: BlobID) throws(BlobStoreError) -> BlobFile {
        let descriptor = Foundation.open(path(of: id), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw errno == ENOENT ? .missing(id) : .io(operation: "open", errno: errno)
        }
        return BlobFile(descriptor: descriptor)
    }

    /// Makes `id` also readable as a new blob, sharing the bytes (a hard link).
    public func duplicate(_ id: BlobID) async throws(BlobStoreError) -> BlobID {
        let copy = BlobID.random()
        let source = path(of: id)
        let destination = path(of: copy)
        try await onIOQueue { () throws(BlobStoreError) in
            try self.ensureFolder(for: copy)
            guard link(source, destination) == 0 else {
                throw errno == ENOENT ? .missing(id) : .io(operation: "link", errno: errno)
            }
            try self.syncFolder(of: copy)
        }
        return copy
    }

    /// Removes blobs whose ids are no longer committed anywhere.
    public func remove(_ ids: [BlobID]) async {
        guard !ids.isEmpty else { return }
        let paths = ids.map(path(of:))
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            ioQueue.async {
                for path in paths { unlink(path) }
                continuation.resume()
            }
        }
    }

    /// The number of bytes of a committed blob.
    public func size(of id: BlobID) throws(BlobStoreError) -> Int64 {
        var info = stat()
        guard stat(path(of: id), &info) == 0 else {
            throw errno == ENOENT ? .missing(id) : .io(operation: "stat", errno: errno)
        }
        return Int64(info.st_size)
    }

    // MARK: - Internal

    func commit(temporaryPath: String, id: BlobID, descriptor: Int32) async throws(BlobStoreError) {
        let destination = path(of: id)
        try await onIOQueue { () throws(BlobStoreError) in
            defer { Foundation.close(descriptor) }
            guard fsync(descriptor) == 0 else { throw .io(operation: "fsync", errno: errno) }
            try self.ensureFolder(for: id)
            guard rename(temporaryPath, destination) == 0 else { throw .io(operation: "rename", errno: errno) }
            try self.syncFolder(of: id)
        }
    }

    func path(of id: BlobID) -> String {
        blobsFolder.path + "/" + id.rawValue.prefix(2) + "/" + id.rawValue
    }

    private func ensureFolder(for id: BlobID) throws(BlobStoreError) {
        let folder = blobsFolder.path + "/" + id.rawValue.prefix(2)
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw .io(operation: "mkdir", errno: errno)
        }
    }

    /// fsyncs the folder so the rename itself survives a crash.
    private func syncFolder(of id: BlobID) throws(BlobStoreError) {
        let folder = blobsFolder.path + "/" + id.rawValue.prefix(2)
        let descriptor = Foundation.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(operation: "open folder", errno: errno) }
        defer { Foundation.close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .io(operation: "fsync folder", errno: errno) }
    }

    private func onIOQueue(_ work: @Sendable @escaping () throws(BlobStoreError) -> Void) async throws(BlobStoreError) {
        let result: Result<Void, BlobStoreError> = await withCheckedContinuation { continuation in
            ioQueue.async {
                do throws(BlobStoreError) {
                    try work()
                    continuation.resume(returning: .success(()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        try result.get()
    }
}

/// The name of one blob: 32 random hex characters.
public struct BlobID: RawRepresentable, Sendable, Hashable, Codable {
    public let rawValue: String

    public init?(rawValue: String) {
        guard rawValue.count == 32, rawValue.allSatisfy(\.isHexDigit) else { return nil }
        self.rawValue = rawValue
    }

    static func random() -> BlobID {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        let text = [high, low].map { value in
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
        return BlobID(rawValue: text)!
    }
}

/// Why a blob operation failed.
public enum BlobStoreError: Error, Sendable, CustomStringConvertible {
    /// The blob is not in the store.
    case missing(BlobID)
    /// A system call failed.
    case io(operation: String, errno: Int32)
    /// A writer was used after it was committed or aborted.
    case writerClosed

    public var description: String {
        switch self {
        case .missing(let id): "blob \(id.rawValue) is missing"
        case .io(let operation, let code): "\(operation) failed: \(String(cString: strerror(code)))"
        case .writerClosed: "blob writer already closed"
        }
    }
}
