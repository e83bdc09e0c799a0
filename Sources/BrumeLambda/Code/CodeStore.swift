import Crypto
import Foundation

/// Deployment packages on disk: each zip is kept once by its digest and unpacked beside it, so
/// versions that share code share a folder and an unchanged upload costs nothing.
///
/// Unpacking uses Python's `zipfile` (Python is already a requirement for python runtimes and
/// is on every machine Brume supports), which refuses entries that would escape the folder;
/// file modes from the archive are kept, because a `provided` function's `bootstrap` must stay
/// executable.
struct CodeStore: Sendable {
    let folder: URL

    /// Unpacks and keeps a staged package; returns the artifact a function version points at.
    /// The staged file is moved or removed: either way it is gone when this returns.
    /// - Throws: ``LambdaError/invalidParameterValue(_:)`` for a package that cannot be unzipped
    ///   or unzips past Lambda's limit, as AWS words them.
    func store(_ staged: StagedPackage) async throws(LambdaError) -> CodeArtifact {
        defer { staged.discard() }
        let hex = staged.digest.map { String(format: "%02x", $0) }.joined()
        let sha256 = Data(staged.digest).base64EncodedString()
        let archive = folder.appendingPathComponent("\(hex).zip")
        let unpacked = folder.appendingPathComponent(hex, isDirectory: true)
        let manager = FileManager.default
        if !manager.fileExists(atPath: unpacked.path) {
            let staging = folder.appendingPathComponent(".staging-\(UUID().uuidString)", isDirectory: true)
            defer { try? manager.removeItem(at: staging) }
            let status = await Self.unzip(staged.file.path, into: staging.path)
            switch status {
            case 0:
                break
            case 3:
                throw .invalidParameterValue(
                    "Unzipped size must be smaller than \(LambdaLimits.unzippedPackage) bytes"
                )
            default:
                throw .invalidParameterValue("Could not unzip uploaded file. Please check your file, then try to upload again.")
            }
            do {
                if !manager.fileExists(atPath: archive.path) { try manager.moveItem(at: staged.file, to: archive) }
                try manager.moveItem(at: staging, to: unpacked)
            } catch where manager.fileExists(atPath: unpacked.path) {
                // Another upload of the same package won the race; its folder is the same code.
            } catch {
                throw .service("cannot keep the deployment package: \(error)")
            }
        }
        return CodeArtifact(sha256: sha256, size: Int64(staged.size), folder: unpacked.path, archive: archive.path, isLocalDirectory: false)
    }

    /// The bytes of a stored package, for GetFunction's download location.
    func archiveURL(_ artifact: CodeArtifact) -> URL? {
        artifact.archive.map { URL(fileURLWithPath: $0) }
    }

    /// Runs the unzip script; 0 is success, 3 is over the unzipped limit, anything else a bad zip.
    private static func unzip(_ archive: String, into destination: String) async -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", unzipScript, archive, destination, String(LambdaLimits.unzippedPackage)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        return await withCheckedContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: 127)
            }
        }
    }

    private static let unzipScript = """
        import os, sys, zipfile
        archive, destination, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
        try:
            with zipfile.ZipFile(archive) as package:
                entries = package.infolist()
                if sum(entry.file_size for entry in entries) > limit:
                    sys.exit(3)
                os.makedirs(destination, exist_ok=True)
                for entry in entries:
                    path = package.extract(entry, destination)
                    mode = (entry.external_attr >> 16) & 0o777
                    if mode and not entry.is_dir():
                        os.chmod(path, mode)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
            sys.exit(2)
        """
}
