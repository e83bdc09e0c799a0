import Hummingbird
import HTTPTypes
import NIOCore

/// How large a request body each Lambda operation reads, and AWS's answer past it.
///
/// Invoke takes 6 MB (1 MB for an `Event` invoke) and answers `RequestTooLargeException`; every
/// other operation takes 69,905,067 bytes (a 50 MB zip in base64 JSON) and answers
/// `RequestEntityTooLargeException` naming itself, as AWS does for CreateFunction and
/// UpdateFunctionCode. A declared `Content-Length` past the limit is refused before any of the
/// body is read; a chunked body is read up to the limit and no further.
struct LambdaRequestLimit: Sendable {
    let bytes: Int
    let error: LambdaError

    /// The request size AWS quotes for CreateFunction and UpdateFunctionCode.
    static let packageRequestBytes = 69_905_067

    /// The limit of `operation` (a route name) for a request with `headers`.
    init(operation: String, headers: HTTPFields) {
        if operation == "Invoke" {
            let event = headers[HTTPField.Name("X-Amz-Invocation-Type")!] == "Event"
            bytes = event ? LambdaLimits.asynchronousPayload : LambdaLimits.synchronousPayload
            error = .requestTooLarge(limit: bytes)
        } else {
            bytes = Self.packageRequestBytes
            error = .requestEntityTooLarge(limit: bytes, operation: operation)
        }
    }

    /// Reads the body of `request` whole, refusing it with ``error`` past ``bytes``.
    func collect(_ request: Request) async throws -> ByteBuffer {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > bytes {
            throw error
        }
        do {
            return try await request.body.collect(upTo: bytes)
        } catch is NIOTooManyBytesError {
            throw error
        }
    }
}
