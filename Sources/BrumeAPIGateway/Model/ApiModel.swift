/// A model: a named JSON Schema (draft 4) request and response bodies are checked against
/// (`Model` in botocore's model).
struct ApiModel: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var description: String?
    /// The schema as the client sent it; checked to be JSON at creation.
    var schema: String?
    var contentType: String
}
