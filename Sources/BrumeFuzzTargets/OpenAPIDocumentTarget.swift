import BrumeOpenAPI

/// API Gateway's ImportRestApi and PutRestApi bodies: OpenAPI 3.0 or Swagger 2.0 (rewritten into
/// 3.0), JSON or YAML, decoded by OpenAPIKit, then the extension values read as JSON.
enum OpenAPIDocumentTarget {
    static let summary = "The whole input: an OpenAPI 3.0 or Swagger 2.0 document, JSON or YAML, read as ImportRestApi reads it"

    static func run(_ data: [UInt8]) {
        guard let document = try? OpenAPIDocumentReader.read(data) else { return }
        // What the importer walks next: every path item, operation and vendor extension.
        for (_, item) in document.paths {
            guard let item = document.components[item] else { continue }
            for endpoint in item.endpoints {
                _ = endpoint.operation.vendorExtensions.count
                for parameter in endpoint.operation.parameters { _ = document.components[parameter]?.name }
                for (_, response) in endpoint.operation.responses { _ = document.components[response]?.headers?.count }
            }
        }
    }
}
