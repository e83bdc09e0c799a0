/// Which parts of a request a method checks before its integration runs.
struct RequestValidator: Codable, Sendable, Equatable {
    var id: String
    var name: String?
    var validateRequestBody: Bool
    var validateRequestParameters: Bool
}
