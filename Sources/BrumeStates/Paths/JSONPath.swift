import BrumeWire

/// What a path starts from: `$` (the state's input, or whatever document a field applies to),
/// `$$` (the Context object) or `$name` (a variable set by `Assign`).
enum PathRoot: Sendable, Equatable {
    case input
    case context
    case variable(String)
}

/// A parsed JSONPath expression in the dialect Step Functions accepts in JSONPath mode.
///
/// Step Functions evaluates paths with Jayway JsonPath, so this follows Jayway's semantics:
/// a *definite* path (only names and single indexes) yields one value or fails; an *indefinite*
/// path (any wildcard, deep scan, union, slice or filter) yields an array of every match, even
/// when there is exactly one and even when there are none.
///
/// ```swift
/// let path = try JSONPath("$.items[?(@.price < 10)].name")
/// let names = try path.evaluate(in: scope)   // always an array: indefinite
/// ```
struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    /// The text as written in the definition, kept for error messages.
    let text: String
    let root: PathRoot
    let segments: [Segment]

    /// One step of a path: select from the current nodes, or from them and all their descendants.
    enum Segment: Sendable, Equatable {
        case child(Selector)
        case descendants(Selector)
    }

    /// What a step selects.
    enum Selector: Sendable, Equatable {
        case name(String)
        /// `['a','b']`: Jayway merges these into one object when they end the path.
        case names([String])
        case wildcard
        case index(Int)
        case indexes([Int])
        case slice(start: Int?, end: Int?, step: Int?)
        case filter(FilterExpression)
    }

    var description: String { text }

    /// Whether the path names one node at most; otherwise evaluation returns an array of matches.
    var isDefinite: Bool {
        segments.allSatisfy { segment in
            switch segment {
            case .descendants: false
            case .child(.name), .child(.index): true
            // A leaf name union is merged into one object by Jayway, so it stays definite.
            case .child(.names): segment == segments.last
            case .child: false
            }
        }
    }

    /// Resolves the path against the document its root names in `scope`.
    ///
    /// - Returns: the single value of a definite path, or an array of the matches of an
    ///   indefinite one (possibly empty).
    /// - Throws: ``JSONPathFailure`` when a definite path does not resolve, or the variable
    ///   it names is not set. Callers turn it into the error and cause their field calls for.
    func evaluate(in scope: PathScope) throws(JSONPathFailure) -> JSONValue {
        try evaluate(on: document(in: scope))
    }

    /// The document the root names; a variable that is not set is a failure.
    func document(in scope: PathScope) throws(JSONPathFailure) -> JSONValue {
        switch root {
        case .input: return scope.input
        case .context: return scope.context
        case .variable(let name):
            guard let value = scope.variables[name] else {
                throw JSONPathFailure("Variable '$\(name)' is not defined", path: self)
            }
            return value
        }
    }

    /// Resolves the path's segments against `document`, ignoring which root it names.
    func evaluate(on document: JSONValue) throws(JSONPathFailure) -> JSONValue {
        if isDefinite { return try resolveDefinite(document) }
        var nodes = [document]
        var budget = JSONPath.maximumVisitedNodes
        for (position, segment) in segments.enumerated() {
            let isLeaf = position == segments.count - 1
            var selected: [JSONValue] = []
            for node in nodes {
                try select(segment, from: node, isLeaf: isLeaf, root: document, into: &selected, budget: &budget)
            }
            nodes = selected
        }
        return .array(nodes)
    }

    /// The most nodes one evaluation may visit and select. Each deep scan (`..`) starts again
    /// from every node the step before it selected, so `$..a..a..a..a..a..a` over a 300-byte
    /// input nested fifty deep would select billions of nodes, burning a core and growing memory
    /// without end; past this budget the path fails instead. A single scan of the largest state
    /// input (256 KiB) visits far fewer.
    static let maximumVisitedNodes = 2_000_000

    /// Walks a definite path, reporting the first step that fails the way Jayway words it.
    private func resolveDefinite(_ document: JSONValue) throws(JSONPathFailure) -> JSONValue {
        var current = document
        for (position, segment) in segments.enumerated() {
            let isLeaf = position == segments.count - 1
            guard case .child(let selector) = segment else { preconditionFailure("definite path with a scan") }
            switch selector {
            case .name(let name):
                guard let value = current[name] else {
                    // Jayway tells a missing leaf from a missing property part-way along.
                    if isLeaf || current.objectValue == nil { throw noResults }
                    throw JSONPathFailure("Missing property in path \(walkedText(through: position))", path: self)
                }
                current = value
            case .index(let index):
                guard let elements = current.arrayValue else { throw noResults }
                let effective = index < 0 ? elements.count + index : index
                guard elements.indices.contains(effective) else { throw noResults }
                current = elements[effective]
            case .names(let names):
                guard let object = current.objectValue else { throw noResults }
                current = .object(JSONObject(names.compactMap { name in object[name].map { (name, $0) } }))
            default:
                preconditionFailure("definite path with an indefinite selector")
            }
        }
        return current
    }

    /// The steps up to and including `position` as Jayway prints them (`$['a']['b']`); names and
    /// indexes only, as a definite walk reaches them. Built only for a failure's message.
    private func walkedText(through position: Int) -> String {
        var walked = "$"
        for segment in segments[...position] {
            switch segment {
            case .child(.name(let name)): walked += JSONPath.canonical(name)
            case .child(.index(let index)): walked += "[\(index)]"
            default: break
            }
        }
        return walked
    }

    private var noResults: JSONPathFailure {
        JSONPathFailure("No results for path: \(canonicalText)", path: self)
    }

    /// The path in Jayway's normalized bracket form (`$['a']['b'][0]`), as its messages print it.
    var canonicalText: String {
        var text = "$"
        for segment in segments {
            switch segment {
            case .child(let selector): text += JSONPath.canonical(selector)
            case .descendants(let selector): text += ".." + JSONPath.canonical(selector)
            }
        }
        return text
    }

    private static func canonical(_ name: String) -> String { "['\(name)']" }

    private static func canonical(_ selector: Selector) -> String {
        switch selector {
        case .name(let name): canonical(name)
        case .names(let names): "[" + names.map { "'\($0)'" }.joined(separator: ",") + "]"
        case .wildcard: "[*]"
        case .index(let index): "[\(index)]"
        case .indexes(let indexes): "[" + indexes.map(String.init).joined(separator: ",") + "]"
        case .slice(let start, let end, let step):
            "[\(start.map(String.init) ?? ""):\(end.map(String.init) ?? "")\(step.map { ":\($0)" } ?? "")]"
        case .filter: "[?]"
        }
    }

    // MARK: - Indefinite evaluation

    /// Appends what `segment` selects from `node` to `selected`, charging every node visited or
    /// selected to `budget`.
    ///
    /// - Throws: ``JSONPathFailure`` once the budget is spent.
    private func select(
        _ segment: Segment, from node: JSONValue, isLeaf: Bool, root: JSONValue,
        into selected: inout [JSONValue], budget: inout Int
    ) throws(JSONPathFailure) {
        switch segment {
        case .child(let selector):
            let matches = JSONPath.apply(selector, to: node, isLeaf: isLeaf, root: root)
            try charge(matches.count + 1, to: &budget)
            selected += matches
        case .descendants(let selector):
            // Pre-order, in document order, as Jayway's scan walks.
            var pending = [node]
            while let next = pending.popLast() {
                let matches = JSONPath.apply(selector, to: next, isLeaf: isLeaf, root: root, scanning: true)
                try charge(matches.count + 1, to: &budget)
                selected += matches
                switch next {
                case .object(let object): pending += object.values.reversed()
                case .array(let elements): pending += elements.reversed()
                default: break
                }
            }
        }
    }

    private func charge(_ cost: Int, to budget: inout Int) throws(JSONPathFailure) {
        budget -= cost
        guard budget >= 0 else {
            throw JSONPathFailure("Path evaluation visits more than \(JSONPath.maximumVisitedNodes) nodes: \(canonicalText)", path: self)
        }
    }

    static func apply(
        _ selector: Selector, to node: JSONValue, isLeaf: Bool, root: JSONValue, scanning: Bool = false
    ) -> [JSONValue] {
        switch selector {
        case .name(let name):
            return node[name].map { [$0] } ?? []
        case .names(let names):
            guard let object = node.objectValue else { return [] }
            if isLeaf {
                return [.object(JSONObject(names.compactMap { name in object[name].map { (name, $0) } }))]
            }
            return names.compactMap { object[$0] }
        case .wildcard:
            switch node {
            case .object(let object): return object.values
            case .array(let elements): return elements
            default: return []
            }
        case .index(let index):
            return elementsAt([index], in: node)
        case .indexes(let indexes):
            return elementsAt(indexes, in: node)
        case .slice(let start, let end, let step):
            guard let elements = node.arrayValue else { return [] }
            return slice(elements, start: start, end: end, step: step)
        case .filter(let expression):
            switch node {
            case .array(let elements):
                return elements.filter { expression.matches($0, root: root) }
            case .object where !scanning:
                // Jayway tests an object against a filter as if it were a one-element array.
                return expression.matches(node, root: root) ? [node] : []
            default:
                return []
            }
        }
    }

    private static func elementsAt(_ indexes: [Int], in node: JSONValue) -> [JSONValue] {
        guard let elements = node.arrayValue else { return [] }
        return indexes.compactMap { index in
            let effective = index < 0 ? elements.count + index : index
            return elements.indices.contains(effective) ? elements[effective] : nil
        }
    }

    /// Python-style slicing: negative bounds count from the end; out-of-range bounds clamp.
    private static func slice(_ elements: [JSONValue], start: Int?, end: Int?, step: Int?) -> [JSONValue] {
        let count = elements.count
        let step = step ?? 1
        guard step != 0 else { return [] }
        func clamp(_ bound: Int, low: Int, high: Int) -> Int { min(max(bound < 0 ? bound + count : bound, low), high) }
        var result: [JSONValue] = []
        if step > 0 {
            var index = clamp(start ?? 0, low: 0, high: count)
            let stop = clamp(end ?? count, low: 0, high: count)
            while index < stop {
                result.append(elements[index])
                // A step as large as `[1::9223372036854775807]` must end the slice, not overflow.
                let (next, overflow) = index.addingReportingOverflow(step)
                if overflow { break }
                index = next
            }
        } else {
            var index = start.map { clamp($0, low: -1, high: count - 1) } ?? count - 1
            let stop = end.map { clamp($0, low: -1, high: count - 1) } ?? -1
            while index > stop {
                result.append(elements[index])
                let (next, overflow) = index.addingReportingOverflow(step)
                if overflow { break }
                index = next
            }
        }
        return result
    }
}

/// A path that is well formed but does not resolve against the document it was given.
///
/// The message is Jayway's wording (`No results for path: $['a']`, `Missing property in path
/// $['a']`), which Step Functions embeds in some of its causes.
struct JSONPathFailure: Error, Sendable, Equatable {
    var message: String
    var path: String

    init(_ message: String, path: JSONPath) {
        self.message = message
        self.path = path.text
    }
}

/// Why a string is not a JSONPath Step Functions would accept.
struct JSONPathSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "Invalid JSONPath '\(path)': \(reason)" }
}

extension JSONPath {
    /// Parses and evaluates `text` in one step; each caller words the two failures its own way.
    static func value(
        of text: String, in scope: PathScope,
        invalid: (JSONPathSyntaxError) -> StatesError, missing: (JSONPath, JSONPathFailure) -> StatesError
    ) throws(StatesError) -> JSONValue {
        let path: JSONPath
        do {
            path = try scope.paths.selection(text)
        } catch {
            throw invalid(error)
        }
        do {
            return try path.evaluate(in: scope)
        } catch {
            throw missing(path, error)
        }
    }
}
