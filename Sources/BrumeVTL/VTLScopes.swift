/// `$foreach` inside a loop: `index` (from 0), `count` (from 1), `hasNext`, `first`, `last`,
/// and `parent`, the enclosing loop's scope.
final class VTLForeachScope: VTLObject {
    let total: Int
    let parent: VTLValue?
    var index = 0

    init(total: Int, parent: VTLValue?) {
        self.total = total
        self.parent = parent
    }

    func property(_ name: String) throws(VTLError) -> VTLValue? {
        switch name {
        case "index": return .int(index)
        case "count": return .int(index + 1)
        case "hasNext": return .bool(index + 1 < total)
        case "first": return .bool(index == 0)
        case "last": return .bool(index + 1 >= total)
        case "parent": return parent ?? .null
        default: return nil
        }
    }

    func call(_ method: String, _ arguments: [VTLValue]) throws(VTLError) -> VTLValue? {
        guard arguments.isEmpty else { return nil }
        switch method {
        case "hasNext", "getHasNext": return try property("hasNext")
        case "getIndex": return try property("index")
        case "getCount": return try property("count")
        case "isFirst", "getFirst": return try property("first")
        case "isLast", "getLast": return try property("last")
        case "getParent": return try property("parent")
        default: return nil
        }
    }

    func render() throws(VTLError) -> String { "org.apache.velocity.runtime.directive.ForeachScope" }
}

/// What `#define($name)` stores: its block, rendered afresh each time `$name` is written, with
/// the variables as they are then.
final class VTLDefinedBlock: VTLObject {
    let body: [VTLNode]
    unowned let evaluator: VTLEvaluator

    init(body: [VTLNode], evaluator: VTLEvaluator) {
        self.body = body
        self.evaluator = evaluator
    }

    func call(_ method: String, _ arguments: [VTLValue]) throws(VTLError) -> VTLValue? {
        switch method {
        case "toString": return .string(try render())
        case "length": return .int(try render().utf16.count)
        default: return nil
        }
    }

    func render() throws(VTLError) -> String {
        try evaluator.renderToString(body, interpolated: false)
    }
}

/// A `Map.Entry` from `entrySet()`: `$entry.key`, `$entry.value`, written `key=value`.
final class VTLMapEntry: VTLObject {
    let map: VTLMap
    let key: String

    init(map: VTLMap, key: String) {
        self.map = map
        self.key = key
    }

    func property(_ name: String) throws(VTLError) -> VTLValue? {
        switch name {
        case "key": return .string(key)
        case "value": return map[key] ?? .null
        default: return nil
        }
    }

    func call(_ method: String, _ arguments: [VTLValue]) throws(VTLError) -> VTLValue? {
        switch (method, arguments.count) {
        case ("getKey", 0): return .string(key)
        case ("getValue", 0): return map[key] ?? .null
        case ("setValue", 1):
            let previous = map[key] ?? .null
            map[key] = arguments[0]
            return previous
        default: return nil
        }
    }

    func render() throws(VTLError) -> String {
        key + "=" + (try JavaText.render(map[key] ?? .null, limit: Int.max))
    }
}
