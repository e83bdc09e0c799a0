import BrumeWire
import Crypto
import Foundation

/// A deployment package written to a temporary file in the code folder, with its SHA-256 and
/// size, before ``CodeStore`` unpacks and keeps it.
///
/// Packages are written in chunks as they are decoded, hashed on the way, so the bytes exist
/// once on disk and never as a whole second copy in memory.
struct StagedPackage: Sendable {
    let file: URL
    let digest: SHA256.Digest
    let size: Int

    /// The base64 text is decoded this many characters at a time (a multiple of 4).
    static let base64ChunkCharacters = 64 * 1024

    /// Decodes an inline `ZipFile` into a new file in `folder`.
    /// The text's length is bounded by the request's (``LambdaRequestLimit``: 69,905,067 bytes
    /// is a 50 MB package in base64).
    /// - Throws: ``LambdaError/invalidRequestContent(_:)`` when the text is not base64,
    ///   ``LambdaError/service(_:)`` when the file cannot be written.
    static func decode(_ zipFile: InlineZipFile, into folder: URL) throws(LambdaError) -> StagedPackage {
        let invalid = LambdaError.invalidRequestContent("Could not parse request body into json: ZipFile is not valid base64")
        let result: Result<StagedPackage, LambdaError> = zipFile.withText { text in
            if text.contains(UInt8(ascii: "\\")) {
                // Some encoders write `/` as `\/`: unescape through the JSON parser (a rare copy).
                guard let unescaped = (try? JSONValue.parse([UInt8(ascii: "\"")] + text + [UInt8(ascii: "\"")]))?.stringValue else {
                    return .failure(invalid)
                }
                return Result { () throws(LambdaError) in try decode(base64: Array(unescaped.utf8), into: folder) }
            }
            return Result { () throws(LambdaError) in try decodeText(text, into: folder) }
        }
        return try result.get()
    }

    /// Decodes base64 text into a new file in `folder`; throws as ``decode(_:into:)`` does.
    static func decode(base64 text: [UInt8], into folder: URL) throws(LambdaError) -> StagedPackage {
        let result = text.withUnsafeBytes { bytes in Result { () throws(LambdaError) in try decodeText(bytes, into: folder) } }
        return try result.get()
    }

    /// Writes `bytes` (a package fetched from S3) into a new file in `folder`.
    /// - Throws: ``LambdaError/service(_:)`` when the file cannot be written.
    static func write(_ bytes: [UInt8], into folder: URL) throws(LambdaError) -> StagedPackage {
        let writer = try Writer(folder: folder)
        do {
            try bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let end = min(offset + 1 << 20, buffer.count)
                    try writer.append(Data(buffer[offset..<end]))
                    offset = end
                }
            }
        } catch let error as LambdaError {
            writer.abandon()
            throw error
        } catch {
            writer.abandon()
            throw .service("cannot write the deployment package: \(error)")
        }
        return try writer.finish()
    }

    /// Removes the file; for a package that was refused.
    func discard() {
        try? FileManager.default.removeItem(at: file)
    }

    private static func decodeText(_ text: UnsafeRawBufferPointer, into folder: URL) throws(LambdaError) -> StagedPackage {
        let invalid = LambdaError.invalidRequestContent("Could not parse request body into json: ZipFile is not valid base64")
        guard text.count % 4 == 0 else { throw invalid }
        let writer = try Writer(folder: folder)
        var offset = 0
        while offset < text.count {
            let end = min(offset + base64ChunkCharacters, text.count)
            let chunk = Data(text[offset..<end])
            // Padding belongs to the last quantum only; base64 decodes each 4 characters alone,
            // so chunks on multiples of 4 decode exactly as the whole text would.
            guard end == text.count || !chunk.contains(UInt8(ascii: "=")), let decoded = Data(base64Encoded: chunk) else {
                writer.abandon()
                throw invalid
            }
            do {
                try writer.append(decoded)
            } catch {
                writer.abandon()
                throw .service("cannot write the deployment package: \(error)")
            }
            offset = end
        }
        return try writer.finish()
    }

    /// A temporary file being written and hashed.
    private final class Writer {
        let file: URL
        let handle: FileHandle
        var hasher = SHA256()
        var size = 0

        init(folder: URL) throws(LambdaError) {
            file = folder.appendingPathComponent(".staging-\(UUID().uuidString).zip")
            guard FileManager.default.createFile(atPath: file.path, contents: nil), let handle = FileHandle(forWritingAtPath: file.path) else {
                throw .service("cannot create a file in \(folder.path)")
            }
            self.handle = handle
        }

        func append(_ data: Data) throws {
            hasher.update(data: data)
            size += data.count
            try handle.write(contentsOf: data)
        }

        /// Flushes the file to disk and closes it.
        func finish() throws(LambdaError) -> StagedPackage {
            do {
                try handle.synchronize()
                try handle.close()
            } catch {
                abandon()
                throw .service("cannot write the deployment package: \(error)")
            }
            return StagedPackage(file: file, digest: hasher.finalize(), size: size)
        }

        func abandon() {
            try? handle.close()
            try? FileManager.default.removeItem(at: file)
        }
    }
}
