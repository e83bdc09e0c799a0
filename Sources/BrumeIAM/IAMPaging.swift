import BrumeWire

/// IAM's list pagination: `MaxItems` (1-1000, default 100), `Marker` from the previous page,
/// `IsTruncated` and `Marker` in the answer.
enum IAMPaging {
    /// The page of `items` (already in IAM's order) the call asks for, under `listName`.
    static func page<Item>(
        _ items: [Item], call: IAMCall, listName: String, key: (Item) -> String, render: (Item) -> JSONValue
    ) throws(IAMError) -> JSONObject {
        let maxItems = call.int("MaxItems") ?? 100
        guard (1...1000).contains(maxItems) else {
            throw .validation("1 validation error detected: Value '\(maxItems)' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000")
        }
        var start = 0
        if let marker = call.string("Marker") {
            // The marker is the key of the first item of the next page.
            guard let index = items.firstIndex(where: { key($0) >= marker }) else {
                return [listName: .array([]), "IsTruncated": false]
            }
            start = index
        }
        let end = min(items.count, start + maxItems)
        var object: JSONObject = [listName: .array(items[start..<end].map(render)), "IsTruncated": .bool(end < items.count)]
        if end < items.count { object["Marker"] = .string(key(items[end])) }
        return object
    }
}
