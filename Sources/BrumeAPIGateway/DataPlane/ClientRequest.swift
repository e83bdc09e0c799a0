public import Foundation
public import BrumeGatewayRules

/// The parts of a client's call to an invoke URL that the gateway reads: what routing,
/// authorizers, validators, templates and the proxy event see.
public struct ClientRequest: Sendable {
    public var method: String
    public var target: InvokeTarget
    /// Headers in arrival order with the names as sent.
    public var headers: [(name: String, value: String)]
    /// Decoded query pairs in arrival order.
    public var query: [(name: String, value: String)]
    public var body: [UInt8]
    public var sourceIP: String
    /// When the gateway received the call, on the stack clock.
    public var receivedAt: Date

    public init(
        method: String, target: InvokeTarget, headers: [(name: String, value: String)], query: [(name: String, value: String)],
        body: [UInt8], sourceIP: String, receivedAt: Date
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.query = query
        self.body = body
        self.sourceIP = sourceIP
        self.receivedAt = receivedAt
    }

    /// The last value of a header, by case-insensitive name (API Gateway's single-value view).
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.last { $0.name.lowercased() == name }?.value
    }

    /// The last value of a query parameter.
    public func queryValue(_ name: String) -> String? {
        query.last { $0.name == name }?.value
    }

    /// The body's media type without parameters, lowercased; nil without a `Content-Type`.
    public var contentType: String? {
        header("Content-Type").map { String($0.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased() }
    }
}
