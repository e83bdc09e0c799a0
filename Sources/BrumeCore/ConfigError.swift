/// A configuration file that cannot be used, with where and why.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file that was read.
    public var file: String
    /// The dotted key path of the offending value (`edge.port`), or empty for the whole file.
    public var key: String
    /// What is wrong, in words a user can act on.
    public var reason: String
    /// The 1-based line of the value, when known.
    public var line: Int?

    public init(file: String, key: String, reason: String, line: Int? = nil) {
        self.file = file
        self.key = key
        self.reason = reason
        self.line = line
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        return key.isEmpty ? "\(location): \(reason)" : "\(location): \(key): \(reason)"
    }
}
