import Foundation

/// Lambda's `Marker`/`MaxItems` pagination: opaque markers that hold the next item's offset.
enum Pagination {
    /// One page of `items`; 50 items when `MaxItems` is absent, as ListFunctions pages.
    static func page<Item>(_ items: [Item], marker: String?, maxItems: String?, defaultSize: Int = 50) throws(LambdaError) -> (items: ArraySlice<Item>, nextMarker: String?) {
        var size = defaultSize
        if let maxItems {
            guard let number = Int(maxItems) else {
                throw .invalidParameterValue("Invalid value for MaxItems: \(maxItems)")
            }
            guard (1...10_000).contains(number) else {
                let bound = number < 1 ? "greater than or equal to 1" : "less than or equal to 10000"
                throw .validation("1 validation error detected: Value '\(number)' at 'maxItems' failed to satisfy constraint: Member must have value \(bound)")
            }
            size = number
        }
        var start = 0
        if let marker {
            guard let decoded = Data(base64Encoded: marker).map({ String(decoding: $0, as: UTF8.self) }),
                  decoded.hasPrefix("brume:"), let offset = Int(decoded.dropFirst("brume:".count)), offset >= 0
            else { throw .invalidParameterValue("Invalid marker: \(marker)") }
            start = min(offset, items.count)
        }
        let end = min(start + size, items.count)
        let next = end < items.count ? Data("brume:\(end)".utf8).base64EncodedString() : nil
        return (items[start..<end], next)
    }
}
