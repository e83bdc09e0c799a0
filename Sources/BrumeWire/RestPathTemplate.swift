/// A rest-json request URI from botocore's model (`2015-03-31/functions/{FunctionName}`,
/// `restapis/{restapi_id}/resources/{resource_id}`), matched against a request's decoded path
/// segments; `{Name}` segments capture one segment each.
public struct RestPathTemplate: Sendable, Equatable {
    public let segments: [String]

    public init(_ path: String) {
        segments = path.split(separator: "/").map(String.init)
    }

    /// The captured parameters when `path` (decoded segments) fits the template, nil otherwise.
    public func match(_ path: [String]) -> [String: String]? {
        guard path.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (pattern, segment) in zip(segments, path) {
            if pattern.hasPrefix("{") {
                parameters[String(pattern.dropFirst().dropLast())] = segment
            } else if pattern != segment {
                return nil
            }
        }
        return parameters
    }
}

/// One rest-json route: an operation's name (as its errors quote it), HTTP method and request
/// URI template, with what answers it.
public struct RestRoute<Operation: Sendable>: Sendable {
    public let name: String
    public let method: String
    public let template: RestPathTemplate
    public let operation: Operation

    public init(_ name: String, _ method: String, _ path: String, _ operation: Operation) {
        self.name = name
        self.method = method
        template = RestPathTemplate(path)
        self.operation = operation
    }

    public func match(_ method: String, _ segments: [String]) -> [String: String]? {
        method == self.method ? template.match(segments) : nil
    }

    /// The first of `routes` that fits, with the parameters it captured.
    public static func first(in routes: [RestRoute], method: String, segments: [String]) -> (RestRoute, [String: String])? {
        for route in routes {
            if let parameters = route.match(method, segments) { return (route, parameters) }
        }
        return nil
    }
}
