/// Turns a query-protocol request's form parameters into the ``JSONValue`` object the JSON
/// protocol would have carried, keyed by JSON member names.
///
/// The query protocol spells nesting in parameter names, following botocore's serializer:
/// - a structure member is `Prefix.QueryName` (at the top level just `QueryName`);
/// - a list item is `Prefix.QueryName.member.N`, or `Prefix.QueryName.N` when flattened, with
///   `N` counting from 1; an empty list is sent as `Prefix.QueryName=` with no items;
/// - a map entry is `Prefix.QueryName.entry.N.key` and `…entry.N.value`, without `entry` when
///   flattened, and with the shape's own key and value names (SQS: `MessageAttribute.1.Name`,
///   `MessageAttribute.1.Value.StringValue`).
///
/// List items and map entries are ordered by their index, numerically, and gaps are allowed.
/// Parameters the shape does not describe (`Action`, `Version`, `AWSAccessKeyId`, `X-Amz-*`,
/// misspellings) are ignored, as AWS ignores them. When a name repeats, the first value wins,
/// matching ``QueryParameters``.
///
/// ```swift
/// let input = try QueryRequestDecoder.decode(form.pairs, as: SQSQueryShapes.receiveMessageInput)
/// input["MaxNumberOfMessages"] // .int(10)
/// ```
public enum QueryRequestDecoder {
    /// Decodes `pairs` as `shape`, normally a structure, into a JSON object.
    ///
    /// Integers and longs become ``JSONValue/int(_:)``, booleans ``JSONValue/bool(_:)``, and
    /// strings, blobs (still base64) and timestamps (as sent) ``JSONValue/string(_:)``.
    ///
    /// - Throws: ``QueryDecodingError/invalidValue(parameter:value:expected:)`` for a number or
    ///   boolean that does not parse, or a map entry without its key.
    public static func decode(
        _ pairs: [(name: String, value: String)], as shape: QueryShape
    ) throws(QueryDecodingError) -> JSONValue {
        let root = QueryParameterTree(pairs)
        return try decodeValue(root, as: shape, parameter: "") ?? .object([:])
    }

    /// Decodes the parameters under `node`, named `parameter`; nil when they carry no value.
    private static func decodeValue(
        _ node: QueryParameterTree, as shape: QueryShape, parameter: String
    ) throws(QueryDecodingError) -> JSONValue? {
        switch shape {
        case .string, .blob, .timestamp:
            return node.value.map(JSONValue.string)
        case .integer, .long:
            guard let text = node.value else { return nil }
            let isLong = if case .long = shape { true } else { false }
            guard let number = Int64(text), isLong || Int32(exactly: number) != nil else {
                throw .invalidValue(parameter: parameter, value: text, expected: isLong ? "long" : "integer")
            }
            return .int(number)
        case .boolean:
            switch node.value {
            case nil: return nil
            case "true": return .bool(true)
            case "false": return .bool(false)
            case let text?: throw .invalidValue(parameter: parameter, value: text, expected: "boolean")
            }
        case .structure(let members):
            var object = JSONObject()
            for member in members {
                guard let child = node.children[Substring(member.queryName)] else { continue }
                let childParameter = parameter.isEmpty ? member.queryName : "\(parameter).\(member.queryName)"
                if let value = try decodeValue(child, as: member.shape, parameter: childParameter) {
                    object[member.name] = value
                }
            }
            return .object(object)
        case .list(let itemShape, let memberName, let flattened):
            let itemsParameter = flattened ? parameter : "\(parameter).\(memberName)"
            guard let itemsNode = flattened ? node : node.children[Substring(memberName)] else {
                // `Prefix.QueryName=` with nothing under it is how an empty list is sent.
                return node.value == "" ? .array([]) : nil
            }
            var items: [JSONValue] = []
            for (index, itemNode) in itemsNode.indexedChildren {
                if let item = try decodeValue(itemNode, as: itemShape, parameter: "\(itemsParameter).\(index)") {
                    items.append(item)
                }
            }
            return .array(items)
        case .map(_, let valueShape, let keyName, let valueName, let flattened):
            let entriesParameter = flattened ? parameter : "\(parameter).entry"
            guard let entriesNode = flattened ? node : node.children["entry"] else { return nil }
            var object = JSONObject()
            for (index, entryNode) in entriesNode.indexedChildren {
                let entryParameter = "\(entriesParameter).\(index)"
                guard let key = entryNode.children[Substring(keyName)]?.value else {
                    throw .invalidValue(parameter: "\(entryParameter).\(keyName)", value: "", expected: "map key")
                }
                // An entry without a value is kept as null so the service can report it by name.
                let value = try entryNode.children[Substring(valueName)].flatMap { valueNode throws(QueryDecodingError) in
                    try decodeValue(valueNode, as: valueShape, parameter: "\(entryParameter).\(valueName)")
                }
                object[key] = value ?? .null
            }
            return .object(object)
        }
    }
}

/// Why form parameters do not fit the operation's shape.
public enum QueryDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `parameter` carries `value`, which is not a valid `expected` (`integer`, `long`,
    /// `boolean`, or `map key` when an entry has no key at all).
    case invalidValue(parameter: String, value: String, expected: String)

    /// The message AWS puts in its `InvalidParameterValue` error.
    public var description: String {
        switch self {
        case .invalidValue(let parameter, let value, let expected):
            "Value \(value) for parameter \(parameter) is invalid. Reason: must be a valid \(expected)."
        }
    }
}

/// Form parameters arranged by the dot-separated parts of their names, built once per request
/// so each level of the shape finds its members by lookup instead of rescanning every pair.
struct QueryParameterTree {
    /// The value of the parameter whose name ends here, if one does.
    var value: String?
    /// The next name part, e.g. `1` or `Value` under `MessageAttribute`.
    var children: [Substring: QueryParameterTree] = [:]

    init() {}

    init(_ pairs: [(name: String, value: String)]) {
        for pair in pairs {
            insert(pair.value, at: pair.name.split(separator: ".", omittingEmptySubsequences: false)[...])
        }
    }

    private mutating func insert(_ newValue: String, at path: ArraySlice<Substring>) {
        guard let head = path.first else {
            if value == nil { value = newValue }
            return
        }
        children[head, default: QueryParameterTree()].insert(newValue, at: path.dropFirst())
    }

    /// The children named by positive integers, in numeric order (so 2 comes before 10), with
    /// the index as spelled on the wire for error messages.
    var indexedChildren: [(index: Substring, node: QueryParameterTree)] {
        children
            .compactMap { name, node in Int(name).flatMap { $0 > 0 ? ($0, name, node) : nil } }
            .sorted { $0.0 < $1.0 }
            .map { ($0.1, $0.2) }
    }
}
