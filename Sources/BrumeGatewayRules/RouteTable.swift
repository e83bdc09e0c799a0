import BrumeWire

/// Finds the resource and method a request path and HTTP method select, as API Gateway routes:
/// a literal segment beats `{param}`, which beats a greedy `{proxy+}`; a resource is chosen only
/// when it has the method (or `ANY`), so a more general resource that has it wins over a more
/// specific one that does not.
public struct RouteTable: Sendable {
    /// One resource of a deployment: its id, path template and the HTTP methods defined on it.
    public struct Resource: Sendable, Equatable {
        public var id: String
        public var path: String
        public var methods: Set<String>

        public init(id: String, path: String, methods: Set<String>) {
            self.id = id
            self.path = path
            self.methods = methods
        }
    }

    /// What a request matched.
    public struct Match: Sendable, Equatable {
        public var resourceID: String
        /// The template (`/pets/{petId}`), `resourcePath` in the proxy event.
        public var resourcePath: String
        /// The method as defined on the resource: the request's own, or `ANY`.
        public var method: String
        /// Decoded path parameters by name; a greedy parameter holds the rest of the path.
        public var pathParameters: [String: String]

        public init(resourceID: String, resourcePath: String, method: String, pathParameters: [String: String]) {
            self.resourceID = resourceID
            self.resourcePath = resourcePath
            self.method = method
            self.pathParameters = pathParameters
        }
    }

    private enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
        case greedy(String)

        /// Lower sorts first: literals, then parameters, then greedy parameters.
        var rank: Int {
            switch self {
            case .literal: 0
            case .parameter: 1
            case .greedy: 2
            }
        }
    }

    private let routes: [(resource: Resource, segments: [Segment])]

    public init(resources: [Resource]) {
        routes = resources.map { ($0, Self.template($0.path)) }
    }

    /// The best match for `method` on `rawPath` (percent-encoded, without the stage), or nil
    /// (AWS's "Missing Authentication Token").
    public func match(method: String, rawPath: String) -> Match? {
        let parts = rawPath.split(separator: "/", omittingEmptySubsequences: true).map {
            PercentEncoding.decode($0) ?? String($0)
        }
        var candidates: [(ranks: [Int], route: Int, parameters: [String: String])] = []
        for (index, route) in routes.enumerated() {
            if let parameters = Self.bind(route.segments, to: parts) {
                candidates.append((route.segments.map(\.rank), index, parameters))
            }
        }
        candidates.sort { $0.ranks.lexicographicallyPrecedes($1.ranks) }
        for candidate in candidates {
            let resource = routes[candidate.route].resource
            let chosen = resource.methods.contains(method) ? method : resource.methods.contains("ANY") ? "ANY" : nil
            if let chosen {
                return Match(resourceID: resource.id, resourcePath: resource.path, method: chosen, pathParameters: candidate.parameters)
            }
        }
        return nil
    }

    private static func bind(_ segments: [Segment], to parts: [String]) -> [String: String]? {
        var parameters: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .greedy(let name):
                // `{proxy+}` takes one or more segments and must be the template's last.
                guard index == segments.count - 1, index < parts.count else { return nil }
                parameters[name] = parts[index...].joined(separator: "/")
                return parameters
            case .literal(let text):
                guard index < parts.count, parts[index] == text else { return nil }
            case .parameter(let name):
                guard index < parts.count else { return nil }
                parameters[name] = parts[index]
            }
        }
        return segments.count == parts.count ? parameters : nil
    }

    private static func template(_ path: String) -> [Segment] {
        path.split(separator: "/", omittingEmptySubsequences: true).map { part in
            guard part.hasPrefix("{"), part.hasSuffix("}") else { return .literal(String(part)) }
            let inner = part.dropFirst().dropLast()
            return inner.hasSuffix("+") ? .greedy(String(inner.dropLast())) : .parameter(String(inner))
        }
    }
}
