import BrumeWire

/// Every path a definition writes, parsed once with the definition, so a state running looks
/// its paths up by their text instead of parsing them again at each run.
///
/// Collected from the definition's JSON: the string value of every member whose key ends in
/// `Path` (`InputPath`, `ResultPath`, `ItemsPath`, `SecondsPath`...) or `.$` (payload
/// templates), or is `Variable` (Choice rules), when it starts with `$`. A text that does not
/// parse is left out and is parsed (and refused) where it is used, as before; a text that does
/// is the same value its parse at run time would give.
final class ParsedPaths: Sendable, Equatable {
    /// Paths as `JSONPath` reads them, by text.
    let selections: [String: JSONPath]
    /// The same texts as reference paths (`ResultPath`), where they are valid ones.
    let references: [String: ReferencePath]

    /// No paths: every path is parsed where it is used.
    static let empty = ParsedPaths(selections: [:], references: [:])

    private init(selections: [String: JSONPath], references: [String: ReferencePath]) {
        self.selections = selections
        self.references = references
    }

    /// The paths written anywhere in `definition`, nested branches and item processors included.
    convenience init(collectingFrom definition: JSONValue) {
        var texts: Set<String> = []
        Self.collect(definition, into: &texts)
        var selections: [String: JSONPath] = [:]
        var references: [String: ReferencePath] = [:]
        for text in texts {
            guard let path = try? JSONPath(text) else { continue }
            selections[text] = path
            if let reference = try? ReferencePath.parse(text) { references[text] = reference }
        }
        self.init(selections: selections, references: references)
    }

    private static func collect(_ value: JSONValue, into texts: inout Set<String>) {
        switch value {
        case .object(let members):
            for (key, member) in members {
                if case .string(let text) = member, text.hasPrefix("$"),
                   key.hasSuffix("Path") || key.hasSuffix(".$") || key == "Variable" {
                    texts.insert(text)
                } else {
                    collect(member, into: &texts)
                }
            }
        case .array(let elements):
            for element in elements { collect(element, into: &texts) }
        default:
            break
        }
    }

    static func == (lhs: ParsedPaths, rhs: ParsedPaths) -> Bool {
        lhs.selections == rhs.selections && lhs.references == rhs.references
    }

    /// `text` parsed as a JSONPath: from the definition's paths, or parsed now.
    func selection(_ text: String) throws(JSONPathSyntaxError) -> JSONPath {
        if let path = selections[text] { return path }
        return try JSONPath(text)
    }

    /// `text` parsed as a reference path: from the definition's paths, or parsed now.
    func reference(_ text: String) throws(StatesError) -> ReferencePath {
        if let path = references[text] { return path }
        return try ReferencePath.parse(text)
    }
}
