import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore

/// Deployment packages downloadable over HTTP, as GetFunction's `Code.Location` promises: AWS
/// hands out a pre-signed S3 URL; Brume serves the stored zip at `/_brume/lambda/code/<sha256>.zip`.
extension LambdaService {
    /// The URL of a stored package, or the code folder's `file://` URL for a function that runs
    /// from a local directory (it has no package).
    func codeLocation(_ code: CodeArtifact) async -> String {
        guard let archive = code.archive else { return URL(fileURLWithPath: code.folder).absoluteString }
        return await edge.url() + "/_brume/lambda/code/" + URL(fileURLWithPath: archive).lastPathComponent
    }

    public func internalResponse(to request: Request, path: [Substring]) async throws -> Response? {
        guard request.method == .get, path.count == 2, path[0] == "code", Self.isPackageName(path[1]) else { return nil }
        let file = self.code.folder.appendingPathComponent(String(path[1]))
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        var headers = HTTPFields()
        headers[.contentType] = "application/zip"
        headers[.contentLength] = String(data.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `<64 hex digits>.zip`: nothing else in the code folder is served.
    static func isPackageName(_ name: Substring) -> Bool {
        name.hasSuffix(".zip") && name.dropLast(4).count == 64 && name.dropLast(4).allSatisfy(\.isHexDigit)
    }
}
