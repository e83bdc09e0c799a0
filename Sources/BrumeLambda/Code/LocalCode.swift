import Crypto
import Foundation

/// A function whose code is a local directory (declared in `localstack.yml`): run in place,
/// never copied, and watched for changes.
enum LocalCode {
    /// A cheap fingerprint of a directory tree (paths, sizes, modification times) that changes
    /// whenever a file is added, removed or written.
    static func signature(of folder: String) -> String {
        var hasher = SHA256()
        for file in files(in: folder) {
            hasher.update(data: Data("\(file.path)\u{0}\(file.size)\u{0}\(file.modified)\n".utf8))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The artifact for a directory: `CodeSha256` over its files' paths and contents, and its
    /// total size, so a changed file changes the function's reported code.
    static func artifact(for folder: String) -> CodeArtifact {
        var hasher = SHA256()
        var size: Int64 = 0
        for file in files(in: folder) {
            hasher.update(data: Data(file.path.utf8))
            if let contents = FileManager.default.contents(atPath: "\(folder)/\(file.path)") {
                hasher.update(data: contents)
            }
            size += file.size
        }
        return CodeArtifact(sha256: Data(hasher.finalize()).base64EncodedString(), size: size, folder: folder, archive: nil,
                            isLocalDirectory: true)
    }

    private struct File {
        var path: String
        var size: Int64
        var modified: Double
    }

    /// Regular files under `folder`, sorted, skipping caches interpreters write beside code.
    private static func files(in folder: String) -> [File] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [File] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix("__pycache__") || relative.hasSuffix(".pyc") || relative.hasPrefix(".git") {
                if relative.hasSuffix("__pycache__") || relative == ".git" { enumerator.skipDescendants() }
                continue
            }
            guard let attributes = enumerator.fileAttributes, attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            files.append(File(
                path: relative, size: (attributes[.size] as? NSNumber)?.int64Value ?? 0,
                modified: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            ))
        }
        return files.sorted { $0.path < $1.path }
    }
}
