/// The JSONPath API Gateway's `$input.path` and `$input.json` accept (Jayway's syntax): `$`,
/// `.name`, `['name']`, `[n]` (negative from the end), `[*]` and `.*`, `..name` (deep scan),
/// unions `[0,2]`/`['a','b']` and slices `[1:3]`.
///
/// A definite path (names and indexes only) selects one value or nothing; any other path
/// selects a list of every match, as Jayway returns.
struct VTLJSONPath {
    enum Segment {
        case name(String)
        case index(Int)
        case wildcard
        case deepScan(String?)
        case names([String])
        case indexes([Int])
        case slice(Int?, Int?)
    }

    /// Longest path text accepted; a path is template text, so this only stops absurd input.
    static let maximumLength = 4096

    let segments: [Segment]

    var isDefinite: Bool {
        segments.allSatisfy {
            switch $0 {
            case .name, .index: return true
            default: return false
            }
        }
    }

    init(_ text: String) throws(VTLError) {
        func fail(_ why: String) -> VTLError { VTLError(.runtime, "Invalid JSONPath \(text): \(why)") }
        guard text.utf8.count <= Self.maximumLength else { throw fail("too long") }
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count, VTLLexer.isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "$") else { throw fail("a path starts with $") }
        index += 1
        var segments: [Segment] = []
        func name() -> String {
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "."), bytes[index] != UInt8(ascii: "["),
                  !VTLLexer.isSpace(bytes[index]) {
                index += 1
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        func integer() -> Int? {
            let start = index
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            while index < bytes.count, VTLLexer.isDigit(bytes[index]) { index += 1 }
            return Int(String(decoding: bytes[start..<index], as: UTF8.self))
        }
        func quoted() throws(VTLError) -> String {
            let quote = bytes[index]
            index += 1
            var content: [UInt8] = []
            while index < bytes.count, bytes[index] != quote {
                if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
                content.append(bytes[index])
                index += 1
            }
            guard index < bytes.count else { throw fail("unterminated quote") }
            index += 1
            return String(decoding: content, as: UTF8.self)
        }
        while index < bytes.count {
            if VTLLexer.isSpace(bytes[index]) {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: ".") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                    index += 1
                    if index < bytes.count, bytes[index] == UInt8(ascii: "*") {
                        index += 1
                        segments.append(.deepScan(nil))
                    } else if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                        // `..['a']`: a deep scan for what the bracket names.
                        segments.append(.deepScan(nil))
                    } else {
                        let member = name()
                        guard !member.isEmpty else { throw fail("empty name after ..") }
                        segments.append(.deepScan(member))
                    }
                    continue
                }
                if index < bytes.count, bytes[index] == UInt8(ascii: "*") {
                    index += 1
                    segments.append(.wildcard)
                    continue
                }
                let member = name()
                guard !member.isEmpty else { throw fail("empty name") }
                segments.append(.name(member))
                continue
            }
            guard bytes[index] == UInt8(ascii: "[") else { throw fail("unexpected character") }
            index += 1
            while index < bytes.count, bytes[index] == 32 { index += 1 }
            guard index < bytes.count else { throw fail("unterminated [") }
            if bytes[index] == UInt8(ascii: "*") {
                index += 1
                segments.append(.wildcard)
            } else if bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\"") {
                var names = [try quoted()]
                while true {
                    while index < bytes.count, bytes[index] == 32 { index += 1 }
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { break }
                    index += 1
                    while index < bytes.count, bytes[index] == 32 { index += 1 }
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted name") }
                    names.append(try quoted())
                }
                segments.append(names.count == 1 ? .name(names[0]) : .names(names))
            } else {
                let first = bytes[index] == UInt8(ascii: ":") ? nil : integer()
                if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
                    index += 1
                    let end = index < bytes.count && bytes[index] != UInt8(ascii: "]") ? integer() : nil
                    segments.append(.slice(first, end))
                } else {
                    guard let first else { throw fail("expected an index") }
                    var indexes = [first]
                    while index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        while index < bytes.count, bytes[index] == 32 { index += 1 }
                        guard let next = integer() else { throw fail("expected an index") }
                        indexes.append(next)
                    }
                    segments.append(indexes.count == 1 ? .index(first) : .indexes(indexes))
                }
            }
            while index < bytes.count, bytes[index] == 32 { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "]") else { throw fail("expected ]") }
            index += 1
        }
        self.segments = segments
    }

    /// What the path selects: the value (or nil) for a definite path, a list otherwise.
    func select(in root: VTLValue, limit: Int) throws(VTLError) -> VTLValue? {
        var current: [VTLValue] = [root]
        for segment in segments {
            var next: [VTLValue] = []
            for value in current {
                try step(segment, value, into: &next, limit: limit)
            }
            current = next
        }
        if isDefinite { return current.first }
        return .list(VTLList(current))
    }

    private func step(_ segment: Segment, _ value: VTLValue, into results: inout [VTLValue], limit: Int) throws(VTLError) {
        func add(_ value: VTLValue) throws(VTLError) {
            results.append(value)
            if results.count > limit { throw VTLError(.limit, "JSONPath selected more than \(limit) values") }
        }
        switch segment {
        case .name(let name):
            if case .map(let map) = value, let found = map[name] { try add(found) }
        case .names(let names):
            if case .map(let map) = value {
                for name in names { if let found = map[name] { try add(found) } }
            }
        case .index(let index):
            if case .list(let list) = value, let found = element(list, index) { try add(found) }
        case .indexes(let indexes):
            if case .list(let list) = value {
                for index in indexes { if let found = element(list, index) { try add(found) } }
            }
        case .wildcard:
            switch value {
            case .map(let map): for entry in map.entries { try add(entry.value) }
            case .list(let list): for element in list.elements { try add(element) }
            default: break
            }
        case .slice(let from, let to):
            guard case .list(let list) = value else { return }
            let count = list.elements.count
            func clamp(_ bound: Int?, _ fallback: Int) -> Int {
                guard let bound else { return fallback }
                return max(0, min(count, bound < 0 ? count + bound : bound))
            }
            let start = clamp(from, 0)
            let end = clamp(to, count)
            if start < end { for element in list.elements[start..<end] { try add(element) } }
        case .deepScan(let name):
            try scan(value, name, into: &results, depth: 0, limit: limit)
        }
    }

    private func element(_ list: VTLList, _ index: Int) -> VTLValue? {
        let resolved = index < 0 ? list.elements.count + index : index
        return list.elements.indices.contains(resolved) ? list.elements[resolved] : nil
    }

    private func scan(_ value: VTLValue, _ name: String?, into results: inout [VTLValue], depth: Int, limit: Int) throws(VTLError) {
        guard depth < VTLJSON.maximumDepth else { return }
        switch value {
        case .map(let map):
            for entry in map.entries {
                if name == nil || entry.key == name {
                    results.append(entry.value)
                    if results.count > limit { throw VTLError(.limit, "JSONPath selected more than \(limit) values") }
                }
                try scan(entry.value, name, into: &results, depth: depth + 1, limit: limit)
            }
        case .list(let list):
            for element in list.elements {
                if name == nil {
                    results.append(element)
                    if results.count > limit { throw VTLError(.limit, "JSONPath selected more than \(limit) values") }
                }
                try scan(element, name, into: &results, depth: depth + 1, limit: limit)
            }
        default:
            break
        }
    }
}
