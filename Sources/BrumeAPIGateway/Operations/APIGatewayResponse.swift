import BrumeWire
import Foundation
import Hummingbird

/// API Gateway's answers: the model types in their wire JSON, lists under `item` with `position`.
enum APIGatewayResponse {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    static func json(_ value: some Encodable, status: Int = 200) throws -> Response {
        bytes(Array(try encoder.encode(value)), status: status)
    }

    static func bytes(_ body: [UInt8], status: Int = 200, contentType: String = "application/json") -> Response {
        var wire = WireResponse(status: status)
        wire.body = body
        wire.headers.append(.init("Content-Type", contentType))
        return Response(wire)
    }

    static func empty(status: Int) -> Response {
        Response(WireResponse(status: status))
    }

    /// A page of `items` (sorted by their keys) after the request's `position`, at most its
    /// `limit` (AWS's default 25, at most 500); `position` is the key the next page starts at.
    static func list<T: Encodable & Sendable>(_ items: [(key: String, value: T)], call: APIGatewayCall) throws -> Response {
        let sorted = items.sorted { $0.key < $1.key }
        var limit = 25
        if let raw = call.queryValue("limit") {
            guard let value = Int(raw), value >= 1, value <= 500 else {
                throw APIGatewayError.badRequest("Invalid limit: \(raw). Must be between 1 and 500.")
            }
            limit = value
        }
        var start = sorted.startIndex
        if let position = call.queryValue("position"), !position.isEmpty {
            start = sorted.firstIndex { $0.key >= position } ?? sorted.endIndex
        }
        let end = min(sorted.endIndex, start + limit)
        let page = ItemList(item: sorted[start..<end].map(\.value), position: end < sorted.endIndex ? sorted[end].key : nil)
        return try json(page)
    }

    struct ItemList<T: Encodable>: Encodable {
        var item: [T]
        var position: String?
    }
}
