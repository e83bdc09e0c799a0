public import Foundation

/// The folder that holds everything a stack stores: databases and object bodies.
///
/// One stack owns a data directory at a time (an advisory `flock` on `brume.lock`), so two
/// processes never write the same SQLite file or blob folder. An ephemeral directory is a
/// fresh temporary folder removed when the stack stops.
public final class DataDirectory: Sendable {
    /// The folder's absolute URL.
    public let url: URL
    /// Whether the folder is removed by ``close()``.
    public let isEphemeral: Bool
    private let lockDescriptor: Int32

    /// Opens (creating it if needed) and locks a data directory.
    /// - Throws: ``DataDirectoryError``.
    public convenience init(path: String, relativeTo base: URL? = nil) throws(DataDirectoryError) {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: path, relativeTo: base)
        try self.init(url: url.standardizedFileURL, ephemeral: false)
    }

    /// Creates and locks a fresh temporary data directory, removed by ``close()``.
    public static func ephemeral() throws(DataDirectoryError) -> DataDirectory {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("brume-\(UUID().uuidString.lowercased().prefix(8))", isDirectory: true)
        return try DataDirectory(url: url, ephemeral: true)
    }

    private init(url: URL, ephemeral: Bool) throws(DataDirectoryError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path: url.path, reason: error.localizedDescription)
        }
        let lockPath = url.appendingPathComponent("brume.lock").path
        let descriptor = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cannotCreate(path: url.path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            Foundation.close(descriptor)
            throw .inUse(path: url.path)
        }
        self.url = url
        self.isEphemeral = ephemeral
        self.lockDescriptor = descriptor
    }

    /// A subfolder for one service's files, created if needed.
    public func folder(_ name: String) throws(DataDirectoryError) -> URL {
        let folder = url.appendingPathComponent(name, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path: folder.path, reason: error.localizedDescription)
        }
        return folder
    }

    /// Releases the lock, and removes the folder if it is ephemeral.
    public func close() {
        flock(lockDescriptor, LOCK_UN)
        Foundation.close(lockDescriptor)
        if isEphemeral {
            try? FileManager.default.removeItem(at: url)
        }
    }
}

/// Why a data directory cannot be used.
public enum DataDirectoryError: Error, Sendable, CustomStringConvertible {
    /// The folder could not be created or opened.
    case cannotCreate(path: String, reason: String)
    /// Another running stack holds the folder's lock.
    case inUse(path: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason): "cannot use data directory \(path): \(reason)"
        case .inUse(let path): "data directory \(path) is in use by another running Brume"
        }
    }
}
