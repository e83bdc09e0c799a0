/// `$input` of an API Gateway mapping template: the request's body and parameters.
///
/// - `$input.body`: the raw body.
/// - `$input.json('$.a')`: the JSONPath's selection as JSON text.
/// - `$input.path('$.a')`: the selection as a value, so `$input.path('$')` of an object writes
///   Java's `{key=value}` form and `$input.path('$.items').size()` works.
/// - `$input.params()`: a map of `path`, `querystring` and `header` maps.
/// - `$input.params('x')`: the named parameter, from the path, then the query string, then the
///   headers (header names without regard to case); an empty string when there is none.
///
/// A path that selects nothing is null for `path` and an empty string for `json`. A body that is
/// not JSON fails `json` and `path` with a ``VTLError`` of kind `.invalidJSONBody`; an empty
/// body selects nothing.
public final class VTLInput: VTLObject {
    public let body: String
    public let pathParameters: [(String, String)]
    public let queryParameters: [(String, String)]
    public let headers: [(String, String)]
    /// The most values one JSONPath may select.
    public var selectionLimit = 100_000
    private var parsedBody: VTLValue??

    /// An `$input` for a request; parameters keep the order given.
    public init(body: String, path: [(String, String)] = [], querystring: [(String, String)] = [], header: [(String, String)] = []) {
        self.body = body
        pathParameters = path
        queryParameters = querystring
        headers = header
    }

    /// An `$input` for a request, with each kind of parameter in name order.
    public convenience init(body: String, path: [String: String], querystring: [String: String] = [:], header: [String: String] = [:]) {
        func ordered(_ map: [String: String]) -> [(String, String)] { map.keys.sorted().map { ($0, map[$0]!) } }
        self.init(body: body, path: ordered(path), querystring: ordered(querystring), header: ordered(header))
    }

    /// The body as JSON; nil when it is empty.
    private func document() throws(VTLError) -> VTLValue? {
        if let parsedBody { return parsedBody }
        let parsed: VTLValue?
        if body.allSatisfy(\.isWhitespace) {
            parsed = nil
        } else {
            do {
                parsed = try VTLJSON.parse(body)
            } catch {
                throw VTLError(.invalidJSONBody, "Could not parse request body into json: \(error.message)")
            }
        }
        parsedBody = .some(parsed)
        return parsed
    }

    private func select(_ arguments: [VTLValue]) throws(VTLError) -> VTLValue? {
        guard arguments.count == 1, case .string(let text) = arguments[0] else { return nil }
        let path = try VTLJSONPath(text)
        guard let document = try document() else { return nil }
        return try path.select(in: document, limit: selectionLimit)
    }

    /// `$input.params()`.
    public func parameterMap() -> VTLMap {
        VTLMap(ordered: [
            ("path", .map(VTLMap(ordered: pathParameters.map { ($0.0, .string($0.1)) }))),
            ("querystring", .map(VTLMap(ordered: queryParameters.map { ($0.0, .string($0.1)) }))),
            ("header", .map(VTLMap(ordered: headers.map { ($0.0, .string($0.1)) }))),
        ])
    }

    /// `$input.params(name)`: path, then query string, then header.
    public func parameter(_ name: String) -> String {
        if let found = pathParameters.first(where: { $0.0 == name }) { return found.1 }
        if let found = queryParameters.first(where: { $0.0 == name }) { return found.1 }
        if let found = headers.first(where: { $0.0 == name }) { return found.1 }
        let lowered = name.lowercased()
        if let found = headers.first(where: { $0.0.lowercased() == lowered }) { return found.1 }
        return ""
    }

    public func property(_ name: String) throws(VTLError) -> VTLValue? {
        name == "body" ? .string(body) : nil
    }

    public func call(_ method: String, _ arguments: [VTLValue]) throws(VTLError) -> VTLValue? {
        switch method {
        case "getBody" where arguments.isEmpty:
            return .string(body)
        case "json":
            guard arguments.count == 1 else { return nil }
            guard let selected = try select(arguments) else { return .string("") }
            return .string(try VTLJSON.write(selected, limit: Int.max))
        case "path":
            guard arguments.count == 1 else { return nil }
            return try select(arguments) ?? .null
        case "params":
            if arguments.isEmpty { return .map(parameterMap()) }
            guard arguments.count == 1 else { return nil }
            guard case .string(let name) = arguments[0] else { return .string("") }
            return .string(parameter(name))
        default:
            return nil
        }
    }

    public func render() throws(VTLError) -> String {
        "{body=\(body), params=\(try JavaText.render(.map(parameterMap()), limit: Int.max))}"
    }
}
