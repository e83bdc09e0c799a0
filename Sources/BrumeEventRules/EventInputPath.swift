public import BrumeWire

/// The `InputPath` of a target: the part of the matched event delivered instead of the whole.
///
/// ```swift
/// try EventInputPath.validate("$.detail")
/// EventInputPath.select("$.detail", in: event)   // the event's detail object
/// ```
public enum EventInputPath {
    /// Checks `path` as PutTargets does: a JSONPath of at most 256 characters made of `$` and
    /// `.name`, `['name']`, `[0]`, `.*` and `[*]` steps.
    ///
    /// - Throws: ``InputTransformerError`` for anything else (filters, deep scans, slices, unions).
    public static func validate(_ path: String) throws(InputTransformerError) {
        _ = try parse(path)
    }

    /// The value `path` selects in `event`, or nil when nothing matches or the path is not valid.
    ///
    /// A path without wildcards yields the one value it names; a path with a wildcard yields an
    /// array of its matches.
    public static func select(_ path: String, in event: JSONValue) -> JSONValue? {
        EventJSONPath(path, allowsBracketNames: true)?.select(in: event)
    }

    static func parse(_ path: String) throws(InputTransformerError) -> EventJSONPath {
        guard path.count <= EventJSONPath.maximumLength else {
            throw InputTransformerError(message: "InputPath must be at most \(EventJSONPath.maximumLength) characters long.")
        }
        guard let parsed = EventJSONPath(path, allowsBracketNames: true) else {
            throw InputTransformerError(message: "InputPath \(path) is not a valid JSON path.")
        }
        return parsed
    }
}
