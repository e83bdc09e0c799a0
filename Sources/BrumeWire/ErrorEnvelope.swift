import BrumeCore

/// Encodes an ``AWSError`` in the error envelope of a wire protocol.
///
/// The shapes are the ones AWS SDK error decoders expect (soto-core's and botocore's parsers
/// are the contract):
/// - awsJson: `{"__type": "<namespace>#<Code>", "message": "..."}`
/// - rest-json: header `x-amzn-ErrorType: <Code>` and `{"Type": "User", "message": "...", ...details}`
/// - query: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`
/// - rest-xml (S3): `<Error><Code/><Message/>...details...<RequestId/><HostId/></Error>`
public enum ErrorEnvelope {
    /// The response that carries `error` for a client of `wireProtocol`.
    ///
    /// - Parameters:
    ///   - typeNamespace: the Smithy namespace prefixed to `__type` in JSON protocols (`com.amazonaws.sqs`).
    ///   - xmlNamespace: the `xmlns` of a query-protocol `<ErrorResponse>` (SQS's API namespace).
    ///   - includeBody: false for HEAD requests, which carry no body.
    public static func response(
        for error: AWSError,
        protocol wireProtocol: WireProtocol,
        requestID: String,
        hostID: String? = nil,
        typeNamespace: String? = nil,
        xmlNamespace: String? = nil,
        includeBody: Bool = true
    ) -> WireResponse {
        var headers = [AWSError.Header(wireProtocol.requestIDHeader, requestID)]
        let body: [UInt8]
        switch wireProtocol {
        case .awsJson1_0, .awsJson1_1:
            let type = typeNamespace.map { "\($0)#\(error.code)" } ?? error.code
            body = json([("__type", type), ("message", error.message)])
            if let legacy = error.queryCompatibleCode {
                headers.append(.init("x-amzn-query-error", "\(legacy);\(error.isSenderFault ? "Sender" : "Receiver")"))
            }
        case .restJson1:
            headers.append(.init("x-amzn-ErrorType", error.code))
            // Details become extra members (Lambda's throttling `Reason`), as the models' error shapes list them.
            body = json([("Type", error.isSenderFault ? "User" : "Service"), ("message", error.message)]
                + error.details.map { ($0.name, $0.value) })
        case .query:
            var xml = XMLWriter()
            xml.element("ErrorResponse", namespace: xmlNamespace) { xml in
                xml.element("Error") { xml in
                    xml.element("Type", error.isSenderFault ? "Sender" : "Receiver")
                    xml.element("Code", error.code)
                    xml.element("Message", error.message)
                    for detail in error.details { xml.element(detail.name, detail.value) }
                }
                xml.element("RequestId", requestID)
            }
            body = xml.bytes
        case .restXml:
            var xml = XMLWriter()
            xml.element("Error") { xml in
                xml.element("Code", error.code)
                xml.element("Message", error.message)
                for detail in error.details { xml.element(detail.name, detail.value) }
                xml.element("RequestId", requestID)
                xml.element("HostId", ifPresent: hostID)
            }
            body = xml.bytes
        }
        if let hostID, wireProtocol == .restXml { headers.append(.init("x-amz-id-2", hostID)) }
        headers.append(.init("Content-Type", wireProtocol.contentType))
        headers.append(contentsOf: error.headers)
        return WireResponse(status: error.status, headers: headers, body: includeBody ? body : [])
    }

    /// A flat JSON object with members in the given order.
    private static func json(_ members: [(String, String)]) -> [UInt8] {
        var text = "{"
        for (index, member) in members.enumerated() {
            if index > 0 { text += "," }
            text += "\(JSONStringLiteral.quoted(member.0)):\(JSONStringLiteral.quoted(member.1))"
        }
        return Array((text + "}").utf8)
    }
}
