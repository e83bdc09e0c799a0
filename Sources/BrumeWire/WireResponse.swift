/// A response as bytes and headers, independent of the HTTP server that sends it.
public struct WireResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [AWSError.Header]
    public var body: [UInt8]

    public init(status: Int, headers: [AWSError.Header] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
