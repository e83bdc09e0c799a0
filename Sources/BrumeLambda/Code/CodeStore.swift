import Crypto
import Foundation

/// Deployment packages on disk: each zip is kept once by its digest and unpacked beside it, so
/// versions that share code share a folder and an unchanged upload costs nothing.
///
/// Unpacking runs in process (``PackageUnzipper``, on ZIPFoundation), so node and `provided`
/// functions need nothing else installed; it refuses entries that would escape the folder and
/// packages past Lambda's unzipped limit or a zip bomb's expansion, and keeps file modes,
/// because a `provided` function's `bootstrap` must stay executable.
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
            if let refusal = await Self.unzip(staged.file, into: staging) { throw Self.error(for: refusal) }
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

    /// Unzips off the cooperative pool (a 250 MB package takes seconds of CPU and disk); the
    /// refusal, or nil when the package is unpacked.
    private static func unzip(_ archive: URL, into destination: URL) async -> PackageUnzipper.Refusal? {
        await withCheckedContinuation { (continuation: CheckedContinuation<PackageUnzipper.Refusal?, Never>) in
            DispatchQueue.global(qos: .userInitiated).async {
                let outcome = Result { () throws(PackageUnzipper.Refusal) in try PackageUnzipper().unzip(archive, into: destination) }
                if case .failure(let refusal) = outcome {
                    continuation.resume(returning: refusal)
                } else {
                    continuation.resume(returning: nil)
                }
            }
        }
    }

    /// Lambda's answer to a refused package: its unzipped-size message, or its bad-zip message
    /// for everything else (entries that leave the folder and zip bombs included).
    static func error(for refusal: PackageUnzipper.Refusal) -> LambdaError {
        switch refusal {
        case .tooLarge:
            .invalidParameterValue("Unzipped size must be smaller than \(LambdaLimits.unzippedPackage) bytes")
        case .notAZip, .escapesFolder, .expandsTooMuch:
            .invalidParameterValue("Could not unzip uploaded file. Please check your file, then try to upload again.")
        }
    }
}
