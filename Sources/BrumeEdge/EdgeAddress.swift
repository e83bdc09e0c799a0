/// Where the stack's own edge listens, learned once the socket is bound.
///
/// The port can be 0 in the config (tests, `brume up --port 0`), so services that call other
/// services through the edge cannot read it from the config: the stack sets it from the edge's
/// ready callback and callers wait for it.
public actor EdgeAddress {
    private var baseURL: String?
    private var waiters: [CheckedContinuation<String, Never>] = []

    public init() {}

    /// Records the bound address. A wildcard host (`0.0.0.0`, `::`) is reached on loopback.
    public func set(host: String, port: Int) {
        let reachable = switch host {
        case "0.0.0.0", "", "*": "127.0.0.1"
        case "::", "[::]": "[::1]"
        default: host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        }
        let url = "http://\(reachable):\(port)"
        baseURL = url
        for waiter in waiters { waiter.resume(returning: url) }
        waiters = []
    }

    /// `http://host:port`, waiting until the edge is bound.
    public func url() async -> String {
        if let baseURL { return baseURL }
        return await withCheckedContinuation { waiters.append($0) }
    }
}
