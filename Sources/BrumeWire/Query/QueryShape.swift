/// How one operation's input or output is laid out on the query protocol's wire, generated from
/// the botocore service models.
///
/// The query protocol flattens a request into dotted form parameters
/// (`MessageAttribute.1.Value.StringValue=x`) and answers in XML; the shape is what turns both
/// into, and out of, the ``JSONValue`` the JSON protocol would have carried, so each service
/// implements its operations once.
public indirect enum QueryShape: Sendable {
    case string, integer, long, boolean, blob, timestamp
    /// Named members, written in this order.
    case structure([QueryMember])
    /// A list whose items are named `memberName` (usually `member`) unless `flattened`, in which
    /// case each item takes the enclosing member's query name and the `memberName` level vanishes.
    case list(member: QueryShape, memberName: String, flattened: Bool)
    /// A map whose entries carry a `keyName` and a `valueName` element (usually `key` and
    /// `value`), wrapped in `entry` unless `flattened`.
    case map(key: QueryShape, value: QueryShape, keyName: String, valueName: String, flattened: Bool)
}

/// One member of a ``QueryShape/structure(_:)``.
public struct QueryMember: Sendable {
    /// The JSON-protocol member name, e.g. `MessageAttributes`.
    public var name: String
    /// The query and XML wire name, e.g. `MessageAttribute`.
    ///
    /// For a flattened list, botocore names the items after the list member's `locationName`
    /// when it has one (SQS's `Messages` list is serialized as repeated `Message`); the
    /// generator resolves that into this field.
    public var queryName: String
    /// The member's layout.
    public var shape: QueryShape

    /// A member whose query name is `queryName`, or `name` when the two are the same.
    public init(_ name: String, queryName: String? = nil, _ shape: QueryShape) {
        self.name = name
        self.queryName = queryName ?? name
        self.shape = shape
    }
}
