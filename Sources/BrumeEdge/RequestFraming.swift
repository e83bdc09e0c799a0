public import BrumeWire
import NIOHTTP1

/// A request body whose HTTP framing broke while a service read it: fewer bytes than its
/// `Content-Length` before the client closed, or a chunked body with a malformed chunk size.
///
/// The HTTP decoder reports these as `HTTPParserError` from inside the body stream, after the
/// service has started reading; the request cannot be acted on, and nothing has been stored (a
/// service acts only on a whole body). It is the client's fault, so the answer is a 400 in the
/// service's envelope rather than an internal error: S3's own `IncompleteBody`, and the JSON
/// and query protocols' `SerializationException`, their code for a body they cannot read.
public enum RequestFraming {
    /// The error for `error` when it is a broken body, or nil.
    public static func error(for error: any Error, protocol wireProtocol: WireProtocol) -> AWSError? {
        guard error is HTTPParserError else { return nil }
        let code = wireProtocol == .restXml ? "IncompleteBody" : "SerializationException"
        return AWSError(code: code, message: "The request body terminated unexpectedly", status: 400)
    }
}
