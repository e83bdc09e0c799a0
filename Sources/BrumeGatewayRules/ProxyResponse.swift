import BrumeWire
import Foundation

/// A Lambda function's answer to a proxy event, read as REST APIs read it: an object with an
/// integer `statusCode`, optional `headers` and `multiValueHeaders` of strings, an optional
/// string `body` and `isBase64Encoded`. Anything else is "Malformed Lambda proxy response",
/// which the client sees as 502 "Internal server error".
public struct ProxyResponse: Equatable, Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    /// The body, decoded when the function sent it base64-encoded.
    public var body: [UInt8]
    /// The base64 text as sent, when `isBase64Encoded` was true: what the client gets when its
    /// `Accept` is not one of the API's binary media types.
    public var encodedBody: [UInt8]?

    public static func == (lhs: ProxyResponse, rhs: ProxyResponse) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
    }

    private static let members: Set<String> = ["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"]

    /// Reads the function's payload; nil when API Gateway would call it malformed.
    public init?(payload: [UInt8]) {
        guard let document = try? JSONValue.parse(payload), let object = document.objectValue,
              object.keys.allSatisfy(Self.members.contains)
        else { return nil }
        // A numeric string is accepted as the status, as API Gateway does.
        let status: Int?
        switch object["statusCode"] {
        case .int(let value)?: status = Int(exactly: value)
        case .double(let value)?: status = Int(exactly: value)
        case .string(let text)?: status = Int(text)
        default: status = nil
        }
        guard let status, (100...599).contains(status) else { return nil }
        var headers: [(name: String, value: String)] = []
        switch object["headers"] {
        case nil, .null?: break
        case .object(let map)?:
            for (name, value) in map {
                guard let text = Self.scalarText(value) else { return nil }
                headers.append((name, text))
            }
        default: return nil
        }
        switch object["multiValueHeaders"] {
        case nil, .null?: break
        case .object(let map)?:
            for (name, value) in map {
                guard let values = value.arrayValue else { return nil }
                // Single-value headers of the same name are replaced by the multi-value ones.
                headers.removeAll { $0.name.lowercased() == name.lowercased() }
                for value in values {
                    guard let text = Self.scalarText(value) else { return nil }
                    headers.append((name, text))
                }
            }
        default: return nil
        }
        let isBase64: Bool
        switch object["isBase64Encoded"] {
        case nil, .null?: isBase64 = false
        case .bool(let flag)?: isBase64 = flag
        default: return nil
        }
        var body: [UInt8] = []
        var encodedBody: [UInt8]?
        switch object["body"] {
        case nil, .null?: break
        case .string(let text)?:
            if isBase64 {
                guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else { return nil }
                body = Array(data)
                encodedBody = Array(text.utf8)
            } else {
                body = Array(text.utf8)
            }
        default: return nil
        }
        self.status = status
        self.headers = headers
        self.body = body
        self.encodedBody = encodedBody
    }

    /// Header values may be strings, numbers or booleans; API Gateway writes them as text.
    private static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }
}
