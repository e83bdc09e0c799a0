import BrumeWire

/// The value of a parameter mapping's source expression, as integration request parameters,
/// integration response parameters and gateway response headers write them:
/// `'literal'`, `method.request.{header|querystring|path}.{name}`, `stageVariables.{name}`,
/// `context.{name}` (dotted, `context.authorizer.principalId`), and for integration responses
/// `integration.response.header.{name}`, `integration.response.body` and
/// `integration.response.body.{field}`. Nil when the source has no value.
enum ParameterMapping {
    static func value(
        of source: String, invocation: Invocation, integrationHeaders: [(name: String, value: String)], integrationBody: [UInt8]?
    ) -> String? {
        if source.count >= 2, source.hasPrefix("'"), source.hasSuffix("'") {
            return String(source.dropFirst().dropLast())
        }
        let request = invocation.request
        if let name = source.dropPrefix("method.request.header.") { return request.header(name) }
        if let name = source.dropPrefix("method.request.querystring.") { return request.queryValue(name) }
        if let name = source.dropPrefix("method.request.path.") { return invocation.match?.pathParameters[name] }
        if let name = source.dropPrefix("method.request.multivalueheader.") {
            let values = request.headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
            return values.isEmpty ? nil : values.joined(separator: ",")
        }
        if let name = source.dropPrefix("method.request.multivaluequerystring.") {
            let values = request.query.filter { $0.name == name }.map(\.value)
            return values.isEmpty ? nil : values.joined(separator: ",")
        }
        if let name = source.dropPrefix("stageVariables.") { return invocation.stageVariables[name] }
        if let path = source.dropPrefix("context.") {
            var value: JSONValue? = .object(invocation.requestContext)
            if path.hasPrefix("authorizer."), let authorizer = invocation.authorizerContext {
                value = .object(["authorizer": .object(authorizer)])
            }
            for part in path.split(separator: ".") { value = value?[String(part)] }
            return value.flatMap(text)
        }
        if let name = source.dropPrefix("integration.response.header.") {
            return integrationHeaders.last { $0.name.lowercased() == name.lowercased() }?.value
        }
        if source == "integration.response.body" { return integrationBody.map { String(decoding: $0, as: UTF8.self) } }
        if let path = source.dropPrefix("integration.response.body."), let integrationBody {
            var value = try? JSONValue.parse(integrationBody)
            for part in path.split(separator: ".") { value = value?[String(part)] }
            return value.flatMap(text)
        }
        return nil
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .null: nil
        case .string(let text): text
        default: String(decoding: value.serialized, as: UTF8.self)
        }
    }
}

extension String {
    /// The rest after `prefix`, or nil when the string does not start with it.
    fileprivate func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
