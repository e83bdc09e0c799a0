import BrumeWire

/// The form-urlencoded query protocol: a query string or `application/x-www-form-urlencoded`
/// body decoded into pairs, then into the JSON input of an operation.
enum QueryDecoderTarget {
    static let summary = "QueryParameters(raw:) on the input as text, then QueryRequestDecoder against a shape with every kind of member"

    static func run(_ data: [UInt8]) {
        let text = FuzzInput.text(data)
        guard let parameters = try? QueryParameters(raw: text) else { return }
        _ = try? QueryRequestDecoder.decode(parameters.pairs, as: shape)
        for pair in parameters.pairs.prefix(8) {
            _ = PercentEncoding.decode(PercentEncoding.encode(pair.name, keepSlash: true))
        }
    }

    /// A shape with every kind of member the query protocol spells: scalars, a wrapped and a
    /// flattened list, a wrapped and a flattened map with SQS's own key and value names, and
    /// nesting (SendMessageBatch's entries with their message attributes).
    static let shape: QueryShape = {
        let attributeValue = QueryShape.structure([
            QueryMember("StringValue", .string),
            QueryMember("BinaryValue", .blob),
            QueryMember("StringListValues", queryName: "StringListValue", .list(member: .string, memberName: "StringListValue", flattened: true)),
            QueryMember("DataType", .string),
        ])
        let entry = QueryShape.structure([
            QueryMember("Id", .string),
            QueryMember("MessageBody", .string),
            QueryMember("DelaySeconds", .integer),
            QueryMember("MessageAttributes", queryName: "MessageAttribute", .map(
                key: .string, value: attributeValue, keyName: "Name", valueName: "Value", flattened: true
            )),
        ])
        return .structure([
            QueryMember("QueueUrl", .string),
            QueryMember("MaxNumberOfMessages", .integer),
            QueryMember("VisibilityTimeout", .long),
            QueryMember("Enabled", .boolean),
            QueryMember("Expires", .timestamp),
            QueryMember("Entries", queryName: "SendMessageBatchRequestEntry", .list(member: entry, memberName: "member", flattened: true)),
            QueryMember("AttributeNames", queryName: "AttributeName", .list(member: .string, memberName: "member", flattened: false)),
            QueryMember("Tags", queryName: "Tag", .map(key: .string, value: .string, keyName: "key", valueName: "value", flattened: false)),
        ])
    }()
}
