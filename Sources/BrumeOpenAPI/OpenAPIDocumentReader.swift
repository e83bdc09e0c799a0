public import BrumeWire
import Foundation
public import OpenAPIKit30
import Yams

/// Why a document cannot be imported; the message is what API Gateway's BadRequestException says.
public struct OpenAPIDocumentError: Error, Sendable, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}

/// Reads an ImportRestApi or PutRestApi body: OpenAPI 3.0 or Swagger 2.0, in JSON or YAML, as
/// API Gateway accepts them. Swagger 2.0 is first rewritten into its OpenAPI 3.0 form (see
/// ``SwaggerConversion``), so OpenAPIKit decodes both.
public enum OpenAPIDocumentReader {
    /// The largest document read, as AWS limits an import body.
    public static let maximumSize = 6 * 1024 * 1024

    /// The document in `bytes`, decoded by OpenAPIKit.
    public static func read(_ bytes: some Collection<UInt8>) throws(OpenAPIDocumentError) -> OpenAPI.Document {
        guard bytes.count <= maximumSize else { throw OpenAPIDocumentError("The API definition exceeds the maximum size of \(maximumSize) bytes") }
        var tree = try tree(bytes)
        guard var object = tree.objectValue else { throw invalid("the document is not an object") }
        if object["swagger"] != nil {
            guard object["swagger"]?.stringValue == "2.0" else { throw invalid("only Swagger 2.0 is supported") }
            tree = SwaggerConversion.openAPI30(from: object)
        } else {
            guard let version = object["openapi"]?.stringValue, version.hasPrefix("3.0.") else {
                throw invalid("the document must declare openapi 3.0.x or swagger 2.0")
            }
            // API Gateway takes documents without `info.version`; OpenAPIKit requires it.
            if var info = object["info"]?.objectValue, info["version"] == nil {
                info["version"] = .string("")
                object["info"] = .object(info)
                tree = .object(object)
            }
        }
        do {
            return try JSONDecoder().decode(OpenAPI.Document.self, from: Data(tree.serialized))
        } catch {
            throw invalid(Self.describe(error))
        }
    }

    /// The body as a JSON tree: JSON when it parses as JSON, YAML otherwise.
    public static func tree(_ bytes: some Collection<UInt8>) throws(OpenAPIDocumentError) -> JSONValue {
        if let json = try? JSONValue.parse(bytes) { return json }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw invalid("the document is not UTF-8") }
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)
        } catch {
            throw invalid("the document is neither JSON nor YAML")
        }
        guard let loaded, let value = jsonValue(loaded, depth: 0) else { throw invalid("the document holds values JSON cannot express") }
        return value
    }

    /// A YAML value as JSON; nil for what JSON has no form of (binary, dates, nesting past JSON's depth).
    public static func jsonValue(_ value: Any, depth: Int) -> JSONValue? {
        guard depth < JSONValue.maximumDepth else { return nil }
        switch value {
        case let string as String: return .string(string)
        case let bool as Bool: return .bool(bool)
        case let int as Int: return .int(Int64(int))
        case let double as Double: return double.isFinite ? .double(double) : nil
        case is NSNull: return .null
        case let array as [Any]:
            var items: [JSONValue] = []
            for item in array {
                guard let converted = jsonValue(item, depth: depth + 1) else { return nil }
                items.append(converted)
            }
            return .array(items)
        case let dictionary as [String: Any]:
            var object = JSONObject()
            for key in dictionary.keys.sorted() {
                guard let converted = jsonValue(dictionary[key]!, depth: depth + 1) else { return nil }
                object[key] = converted
            }
            return .object(object)
        case let dictionary as [AnyHashable: Any]:
            var object = JSONObject()
            for (key, item) in dictionary {
                guard let converted = jsonValue(item, depth: depth + 1) else { return nil }
                object["\(key.base)"] = converted
            }
            return .object(object)
        default:
            return nil
        }
    }

    public static func invalid(_ reason: String) -> OpenAPIDocumentError {
        OpenAPIDocumentError("Invalid OpenAPI input: \(reason)")
    }

    /// A decoding error in a line that names where it is.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? DecodingError {
            switch error {
            case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                return path.isEmpty ? context.debugDescription : "\(context.debugDescription) (at \(path))"
            @unknown default:
                return "\(error)"
            }
        }
        return String(describing: error).prefix(500).description
    }
}
