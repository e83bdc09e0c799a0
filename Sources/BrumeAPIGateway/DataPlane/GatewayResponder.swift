import BrumeWire

/// Turns a ``GatewayFailure`` into the answer the API's gateway responses make of it: the
/// response of the failure's type if the API customized it, else its DEFAULT_4XX or DEFAULT_5XX,
/// else AWS's default (`{"message": …}`, `{"Message": …}` for ACCESS_DENIED as AWS writes it).
/// Customized responses set the status, headers (`gatewayresponse.header.*`) and body template.
enum GatewayResponder {
    struct Answer {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]
    }

    static func answer(_ failure: GatewayFailure, invocation: Invocation?) -> Answer {
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("x-amzn-ErrorType", failure.errorType)]
        let customized = invocation?.deployed.snapshot.gatewayResponses ?? []
        let fallback = failure.status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX"
        guard let invocation,
              let response = customized.first(where: { $0.responseType == failure.type }) ?? customized.first(where: { $0.responseType == fallback })
        else {
            return Answer(status: failure.status, headers: headers, body: defaultBody(failure))
        }
        let status = response.statusCode.flatMap(Int.init) ?? failure.status
        for (key, source) in (response.responseParameters ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard key.hasPrefix("gatewayresponse.header."),
                  let value = ParameterMapping.value(of: source, invocation: invocation, integrationHeaders: [], integrationBody: nil)
            else { continue }
            let name = String(key.dropFirst("gatewayresponse.header.".count))
            headers.removeAll { $0.name.lowercased() == name.lowercased() }
            headers.append((name, value))
        }
        var body = defaultBody(failure)
        let templates = response.responseTemplates ?? [:]
        if let (contentType, source) = templates["application/json"].map({ ("application/json", $0) }) ?? templates.sorted(by: { $0.key < $1.key }).first {
            if let rendered = try? MappingTemplates.render(source, body: [], invocation: invocation, error: failure) {
                body = Array(rendered.text.utf8)
                headers.removeAll { $0.name == "Content-Type" }
                headers.insert(("Content-Type", contentType), at: 0)
            }
        }
        return Answer(status: status, headers: headers, body: body)
    }

    /// AWS's default body for a failure.
    static func defaultBody(_ failure: GatewayFailure) -> [UInt8] {
        let key = failure.type == "ACCESS_DENIED" ? "Message" : "message"
        let message: JSONValue = failure.message.map(JSONValue.string) ?? .null
        return JSONValue.object([key: message]).serialized
    }
}
