public import BrumeWire
public import Hummingbird
import NIOCore

/// A size limit a request went past before its service could act on it.
///
/// The edge meets these before any operation runs, so nothing is stored: a body longer than the
/// service reads (the `NIOTooManyBytesError` of `collect(upTo:)`), or a header section longer
/// than the service accepts. Each service answers them with its own error through
/// ``EdgeService/limitError(_:request:)``. HTTP-level limits (a header line or a header count
/// past the decoder's) are refused by the HTTP decoder before any service is known.
public enum RequestLimit: Sendable, Equatable {
    /// The body is longer than the service reads for this request.
    case body
    /// The header lines and query string take `size` bytes, more than the service's `maximum`.
    case headerSection(size: Int, maximum: Int)

    /// The limit `error` reports, when it is one: the service read a body past its maximum.
    public init?(_ error: any Error) {
        guard error is NIOTooManyBytesError else { return nil }
        self = .body
    }

    /// The bytes `request`'s header section takes as S3 counts it against its 8 KiB: every header
    /// line (`name: value` and its line end) plus the query string.
    public static func headerSectionSize(of request: Request) -> Int {
        var size = request.uri.query?.utf8.count ?? 0
        for field in request.headers {
            size += field.name.rawName.utf8.count + field.value.utf8.count + 4
        }
        return size
    }

    /// The answer of a service that does not name its own: the front end's `413` in the
    /// protocol's envelope, or S3's own codes for REST-XML.
    public func defaultError(for wireProtocol: WireProtocol) -> AWSError {
        switch (self, wireProtocol) {
        case (.body, .restXml):
            AWSError(code: "MaxMessageLengthExceeded", message: "Your request was too big.", status: 400)
        case (.headerSection(_, let maximum), .restXml):
            AWSError(
                code: "RequestHeaderSectionTooLarge", message: "Your request header section exceeds the maximum allowed size.",
                status: 400, details: [.init("MaxSizeAllowed", String(maximum))]
            )
        case (.body, _):
            AWSError(code: "RequestEntityTooLargeException", message: "Request payload size exceeds the limit.", status: 413)
        case (.headerSection(_, let maximum), _):
            AWSError(
                code: "RequestHeaderSectionTooLarge",
                message: "Request header section exceeds the maximum allowed size of \(maximum) bytes.", status: 431
            )
        }
    }
}
