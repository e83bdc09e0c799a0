import BrumeWire
import HTTPTypes
import Hummingbird
import NIOCore

/// Response builders for S3's REST-XML shapes.
enum S3Response {
    static let xmlNamespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    /// A 200 (or `status`) with an XML document.
    static func xml(_ writer: XMLWriter, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        let bytes = writer.bytes
        headers[.contentType] = "application/xml"
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A response without a body.
    static func empty(_ status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        if headers[.contentLength] == nil { headers[.contentLength] = "0" }
        return Response(status: status, headers: headers, body: ResponseBody())
    }

    /// A document whose root element carries S3's namespace.
    static func document(_ root: String, _ children: (inout XMLWriter) -> Void) -> XMLWriter {
        var xml = XMLWriter()
        xml.element(root, namespace: xmlNamespace, children)
        return xml
    }
}

extension HTTPFields {
    /// Sets a header by name string.
    mutating func set(_ name: String, _ value: String?) {
        guard let value, let field = HTTPField.Name(name) else { return }
        self[field] = value
    }
}
