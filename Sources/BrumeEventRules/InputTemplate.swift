import BrumeWire

/// An `InputTemplate` cut into literal text and the placeholders to fill in.
///
/// What a value turns into depends on where its placeholder stands, so the template is read
/// once, tracking JSON string literals (`"` opens and closes one, `\` escapes inside one):
/// - outside a string, a value is written as JSON: a string gets its quotes, an object stays an
///   object, and a value the event lacks becomes `null`;
/// - inside a string, a value is written as bare text: a string without quotes (and without
///   escaping, as EventBridge does not escape it), an object or array as JSON with its quotes
///   removed, and a value the event lacks as nothing.
///
/// So `{"state": <state>, "text": "now <state>"}` becomes `{"state": "RUNNING", "text": "now RUNNING"}`,
/// and a template that is not JSON at all (`Instance <id> is <state>`) is delivered as text with
/// the values filled in the same way.
struct InputTemplate: Sendable, Equatable {
    enum Segment: Sendable, Equatable {
        case text(String)
        case placeholder(String, insideString: Bool)
    }

    let segments: [Segment]

    /// Reads `template`, taking `<name>` as a placeholder when `isVariable(name)`; any other
    /// `<...>` is literal text, since EventBridge offers no way to escape `<` and `>`.
    init(_ template: String, isVariable: (String) -> Bool) {
        var segments: [Segment] = []
        var literal = ""
        var insideString = false
        var escaped = false
        var rest = Substring(template)
        while let character = rest.popFirst() {
            if character == "<", let close = rest.firstIndex(of: ">"), isVariable(String(rest[..<close])) {
                if !literal.isEmpty { segments.append(.text(literal)) }
                literal = ""
                segments.append(.placeholder(String(rest[..<close]), insideString: insideString))
                rest = rest[rest.index(after: close)...]
                continue
            }
            literal.append(character)
            if escaped {
                escaped = false
            } else if insideString, character == "\\" {
                escaped = true
            } else if character == "\"" {
                insideString.toggle()
            }
        }
        if !literal.isEmpty { segments.append(.text(literal)) }
        self.segments = segments
    }

    var placeholders: [(name: String, insideString: Bool)] {
        segments.compactMap { segment in
            if case .placeholder(let name, let insideString) = segment { (name, insideString) } else { nil }
        }
    }

    /// The template with every placeholder replaced by `value(name)` (nil when the event lacks it).
    func render(_ value: (String) -> JSONValue?) -> String {
        var output = ""
        for segment in segments {
            switch segment {
            case .text(let text): output += text
            case .placeholder(let name, let insideString): output += InputTemplate.render(value(name), insideString: insideString)
            }
        }
        return output
    }

    static func render(_ value: JSONValue?, insideString: Bool) -> String {
        guard let value else { return insideString ? "" : "null" }
        guard insideString else { return value.text }
        switch value {
        case .string(let text): return text
        case .object, .array: return value.text.filter { $0 != "\"" }
        default: return value.text
        }
    }
}
