import BrumeWire
import Testing

/// SQS's query-protocol shapes, trimmed to what the tests need, as the generator will emit them.
enum SampleSQSShapes {
    static let messageAttributeValue = QueryShape.structure([
        QueryMember("StringValue", .string),
        QueryMember("BinaryValue", .blob),
        QueryMember("StringListValues", queryName: "StringListValue",
                    .list(member: .string, memberName: "StringListValue", flattened: true)),
        QueryMember("DataType", .string),
    ])
    static let messageAttributes = QueryMember(
        "MessageAttributes", queryName: "MessageAttribute",
        .map(key: .string, value: messageAttributeValue, keyName: "Name", valueName: "Value", flattened: true)
    )
    static let sendMessageInput = QueryShape.structure([
        QueryMember("QueueUrl", .string),
        QueryMember("MessageBody", .string),
        QueryMember("DelaySeconds", .integer),
        messageAttributes,
    ])
    static let sendMessageBatchInput = QueryShape.structure([
        QueryMember("QueueUrl", .string),
        QueryMember("Entries", queryName: "SendMessageBatchRequestEntry", .list(member: .structure([
            QueryMember("Id", .string),
            QueryMember("MessageBody", .string),
            QueryMember("DelaySeconds", .integer),
            messageAttributes,
        ]), memberName: "SendMessageBatchRequestEntry", flattened: true)),
    ])
    static let receiveMessageInput = QueryShape.structure([
        QueryMember("QueueUrl", .string),
        QueryMember("AttributeNames", queryName: "AttributeName",
                    .list(member: .string, memberName: "AttributeName", flattened: true)),
        QueryMember("MaxNumberOfMessages", .integer),
        QueryMember("WaitTimeSeconds", .long),
        QueryMember("ReturnConsumedCapacity", .boolean),
    ])
    static let receiveMessageOutput = QueryShape.structure([
        QueryMember("Messages", queryName: "Message", .list(member: .structure([
            QueryMember("MessageId", .string),
            QueryMember("ReceiptHandle", .string),
            QueryMember("Body", .string),
            QueryMember("Attributes", queryName: "Attribute", .map(
                key: .string, value: .string, keyName: "Name", valueName: "Value", flattened: true
            )),
            messageAttributes,
        ]), memberName: "Message", flattened: true)),
    ])
    static let namespace = "http://queue.amazonaws.com/doc/2012-11-05/"
}

/// A shape in the IAM style: lists wrapped in `member`, maps wrapped in `entry`.
enum SampleWrappedShapes {
    static let input = QueryShape.structure([
        QueryMember("Names", .list(member: .string, memberName: "member", flattened: false)),
        QueryMember("Tags", .list(member: .structure([
            QueryMember("Key", .string), QueryMember("Value", .string),
        ]), memberName: "member", flattened: false)),
        QueryMember("Attributes", .map(key: .string, value: .string, keyName: "key", valueName: "value", flattened: false)),
        QueryMember("CreatedAt", .timestamp),
    ])
}

@Suite struct QueryRequestDecoderTests {
    @Test func decodesScalarsAndIgnoresForeignParameters() throws {
        let pairs: [(name: String, value: String)] = [
            ("Action", "ReceiveMessage"), ("Version", "2012-11-05"), ("AWSAccessKeyId", "AKID"),
            ("X-Amz-Date", "20240101T000000Z"), ("Unknown.1", "x"),
            ("QueueUrl", "http://localhost/000000000000/q"), ("MaxNumberOfMessages", "10"),
            ("WaitTimeSeconds", "20"), ("ReturnConsumedCapacity", "false"),
        ]
        let input = try QueryRequestDecoder.decode(pairs, as: SampleSQSShapes.receiveMessageInput)
        #expect(input == [
            "QueueUrl": "http://localhost/000000000000/q", "MaxNumberOfMessages": 10,
            "WaitTimeSeconds": 20, "ReturnConsumedCapacity": false,
        ])
    }

    @Test func decodesFlattenedListsInIndexOrder() throws {
        let pairs: [(name: String, value: String)] = [
            ("AttributeName.10", "ten"), ("AttributeName.2", "two"), ("AttributeName.1", "one"), ("AttributeName.x", "ignored"),
        ]
        let input = try QueryRequestDecoder.decode(pairs, as: SampleSQSShapes.receiveMessageInput)
        #expect(input == ["AttributeNames": ["one", "two", "ten"]])
    }

    @Test func decodesAnEmptyList() throws {
        let input = try QueryRequestDecoder.decode([("AttributeName", ""), ("Names", "")], as: .structure([
            QueryMember("AttributeNames", queryName: "AttributeName",
                        .list(member: .string, memberName: "AttributeName", flattened: true)),
            QueryMember("Names", .list(member: .string, memberName: "member", flattened: false)),
        ]))
        #expect(input == ["AttributeNames": [], "Names": []])
    }

    @Test func decodesWrappedListsAndMaps() throws {
        let pairs: [(name: String, value: String)] = [
            ("Names.member.2", "b"), ("Names.member.1", "a"),
            ("Tags.member.1.Key", "env"), ("Tags.member.1.Value", "dev"), ("Tags.member.3.Key", "team"),
            ("Attributes.entry.1.key", "Policy"), ("Attributes.entry.1.value", "{}"),
            ("Attributes.entry.2.key", "DelaySeconds"), ("Attributes.entry.2.value", "5"),
            ("CreatedAt", "2024-01-01T00:00:00Z"),
        ]
        let input = try QueryRequestDecoder.decode(pairs, as: SampleWrappedShapes.input)
        #expect(input == [
            "Names": ["a", "b"],
            "Tags": [["Key": "env", "Value": "dev"], ["Key": "team"]],
            "Attributes": ["Policy": "{}", "DelaySeconds": "5"],
            "CreatedAt": "2024-01-01T00:00:00Z",
        ])
    }

    @Test func decodesFlattenedMapsWithStructureValues() throws {
        let pairs: [(name: String, value: String)] = [
            ("QueueUrl", "q"), ("MessageBody", "hello"), ("DelaySeconds", "0"),
            ("MessageAttribute.1.Name", "color"),
            ("MessageAttribute.1.Value.StringValue", "blue"), ("MessageAttribute.1.Value.DataType", "String"),
            ("MessageAttribute.2.Name", "blob"),
            ("MessageAttribute.2.Value.BinaryValue", "AAEC"), ("MessageAttribute.2.Value.DataType", "Binary"),
            ("MessageAttribute.3.Name", "list"), ("MessageAttribute.3.Value.DataType", "String"),
            ("MessageAttribute.3.Value.StringListValue.2", "y"), ("MessageAttribute.3.Value.StringListValue.1", "x"),
        ]
        let input = try QueryRequestDecoder.decode(pairs, as: SampleSQSShapes.sendMessageInput)
        #expect(input == [
            "QueueUrl": "q", "MessageBody": "hello", "DelaySeconds": 0,
            "MessageAttributes": [
                "color": ["StringValue": "blue", "DataType": "String"],
                "blob": ["BinaryValue": "AAEC", "DataType": "Binary"],
                "list": ["StringListValues": ["x", "y"], "DataType": "String"],
            ],
        ])
    }

    @Test func keepsAMapEntryWithoutValueAsNull() throws {
        let input = try QueryRequestDecoder.decode([("MessageAttribute.1.Name", "a")], as: SampleSQSShapes.sendMessageInput)
        #expect(input == ["MessageAttributes": ["a": nil]])
    }

    @Test func decodesNestedListsOfStructures() throws {
        var pairs: [(name: String, value: String)] = [("Action", "SendMessageBatch"), ("QueueUrl", "q")]
        for index in [10, 2, 1] {
            pairs += [
                ("SendMessageBatchRequestEntry.\(index).Id", "id\(index)"),
                ("SendMessageBatchRequestEntry.\(index).MessageBody", "body \(index)"),
                ("SendMessageBatchRequestEntry.\(index).MessageAttribute.1.Name", "n"),
                ("SendMessageBatchRequestEntry.\(index).MessageAttribute.1.Value.StringValue", "\(index)"),
                ("SendMessageBatchRequestEntry.\(index).MessageAttribute.1.Value.DataType", "Number"),
            ]
        }
        let input = try QueryRequestDecoder.decode(pairs, as: SampleSQSShapes.sendMessageBatchInput)
        #expect(input["QueueUrl"] == "q")
        let entries = try #require(input["Entries"]?.arrayValue)
        #expect(entries.map { $0["Id"] } == ["id1", "id2", "id10"])
        #expect(entries[2] == [
            "Id": "id10", "MessageBody": "body 10",
            "MessageAttributes": ["n": ["StringValue": "10", "DataType": "Number"]],
        ])
    }

    @Test func firstValueOfARepeatedParameterWins() throws {
        let input = try QueryRequestDecoder.decode([("QueueUrl", "first"), ("QueueUrl", "second")], as: SampleSQSShapes.sendMessageInput)
        #expect(input == ["QueueUrl": "first"])
    }

    @Test func rejectsAnInvalidInteger() throws {
        #expect(throws: QueryDecodingError.invalidValue(parameter: "MaxNumberOfMessages", value: "abc", expected: "integer")) {
            try QueryRequestDecoder.decode([("MaxNumberOfMessages", "abc")], as: SampleSQSShapes.receiveMessageInput)
        }
        // `integer` is 32-bit in the models; `long` takes the rest.
        #expect(throws: QueryDecodingError.invalidValue(parameter: "MaxNumberOfMessages", value: "4294967296", expected: "integer")) {
            try QueryRequestDecoder.decode([("MaxNumberOfMessages", "4294967296")], as: SampleSQSShapes.receiveMessageInput)
        }
        #expect(try QueryRequestDecoder.decode([("WaitTimeSeconds", "4294967296")], as: SampleSQSShapes.receiveMessageInput)
            == ["WaitTimeSeconds": 4_294_967_296])
    }

    @Test func rejectsAnInvalidIntegerDeepInsideWithItsFullName() {
        let pairs: [(name: String, value: String)] = [("SendMessageBatchRequestEntry.3.DelaySeconds", "1.5")]
        #expect(throws: QueryDecodingError.invalidValue(
            parameter: "SendMessageBatchRequestEntry.3.DelaySeconds", value: "1.5", expected: "integer"
        )) {
            try QueryRequestDecoder.decode(pairs, as: SampleSQSShapes.sendMessageBatchInput)
        }
    }

    @Test(arguments: ["True", "1", "yes", ""])
    func rejectsAnInvalidBoolean(text: String) {
        #expect(throws: QueryDecodingError.invalidValue(parameter: "ReturnConsumedCapacity", value: text, expected: "boolean")) {
            try QueryRequestDecoder.decode([("ReturnConsumedCapacity", text)], as: SampleSQSShapes.receiveMessageInput)
        }
    }

    @Test func rejectsAMapEntryWithoutItsKey() {
        let pairs: [(name: String, value: String)] = [("MessageAttribute.1.Value.StringValue", "orphan")]
        #expect(throws: QueryDecodingError.invalidValue(parameter: "MessageAttribute.1.Name", value: "", expected: "map key")) {
            try QueryRequestDecoder.decode(pairs, as: SampleSQSShapes.sendMessageInput)
        }
        let wrapped: [(name: String, value: String)] = [("Attributes.entry.2.value", "v")]
        #expect(throws: QueryDecodingError.invalidValue(parameter: "Attributes.entry.2.key", value: "", expected: "map key")) {
            try QueryRequestDecoder.decode(wrapped, as: SampleWrappedShapes.input)
        }
    }

    @Test func errorDescriptionReadsLikeAWS() {
        let error = QueryDecodingError.invalidValue(parameter: "MaxNumberOfMessages", value: "abc", expected: "integer")
        #expect(error.description == "Value abc for parameter MaxNumberOfMessages is invalid. Reason: must be a valid integer.")
    }
}

@Suite struct QueryResponseEncoderTests {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"

    static func encode(_ operation: String, _ result: JSONValue?, _ shape: QueryShape?) -> String {
        let bytes = QueryResponseEncoder.encode(
            operation: operation, result: result, shape: shape, requestID: "req-1", namespace: SampleSQSShapes.namespace
        )
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func operationWithoutOutputHasNoResultElement() {
        #expect(Self.encode("DeleteMessage", nil, nil) == Self.declaration
            + #"<DeleteMessageResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">"#
            + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></DeleteMessageResponse>")
    }

    @Test func writesMembersInShapeOrderAndSkipsAbsentOnes() {
        let shape = QueryShape.structure([
            QueryMember("MD5OfMessageBody", .string), QueryMember("MessageId", .string),
            QueryMember("SequenceNumber", .string), QueryMember("Count", .integer),
            QueryMember("Enabled", .boolean), QueryMember("Ratio", .long),
        ])
        let result: JSONValue = ["MessageId": "m-1", "MD5OfMessageBody": "abc", "SequenceNumber": nil, "Count": 3, "Enabled": true]
        #expect(Self.encode("SendMessage", result, shape) == Self.declaration
            + #"<SendMessageResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><SendMessageResult>"#
            + "<MD5OfMessageBody>abc</MD5OfMessageBody><MessageId>m-1</MessageId><Count>3</Count><Enabled>true</Enabled>"
            + "</SendMessageResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></SendMessageResponse>")
    }

    @Test func writesFlattenedListsOfStructuresWithFlattenedMaps() {
        let result: JSONValue = ["Messages": [
            [
                "MessageId": "m-1", "ReceiptHandle": "rh-1", "Body": "one",
                "Attributes": ["SentTimestamp": "1700000000000", "ApproximateReceiveCount": "1"],
                "MessageAttributes": ["color": ["StringValue": "blue", "DataType": "String"]],
            ],
            ["MessageId": "m-2", "Body": "two"],
        ]]
        let xml = Self.encode("ReceiveMessage", result, SampleSQSShapes.receiveMessageOutput)
        let expected: String = "<ReceiveMessageResult>"
            + "<Message><MessageId>m-1</MessageId><ReceiptHandle>rh-1</ReceiptHandle><Body>one</Body>"
            + "<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>"
            + "<Attribute><Name>SentTimestamp</Name><Value>1700000000000</Value></Attribute>"
            + "<MessageAttribute><Name>color</Name><Value><StringValue>blue</StringValue><DataType>String</DataType></Value></MessageAttribute>"
            + "</Message>"
            + "<Message><MessageId>m-2</MessageId><Body>two</Body></Message>"
            + "</ReceiveMessageResult>"
        #expect(xml.contains(expected))
    }

    @Test func writesAnEmptyResultForAnEmptyList() {
        let xml = Self.encode("ReceiveMessage", ["Messages": []], SampleSQSShapes.receiveMessageOutput)
        #expect(xml.contains("<ReceiveMessageResult></ReceiveMessageResult>"))
        #expect(Self.encode("ReceiveMessage", nil, SampleSQSShapes.receiveMessageOutput).contains("<ReceiveMessageResult></ReceiveMessageResult>"))
    }

    @Test func writesWrappedListsAndMaps() {
        let result: JSONValue = [
            "Names": ["a", "b"],
            "Tags": [["Key": "env", "Value": "dev"]],
            "Attributes": ["z": "1", "a": "2"],
            "CreatedAt": 1_700_000_000,
        ]
        let xml = Self.encode("Describe", result, SampleWrappedShapes.input)
        let expected: String = "<DescribeResult>"
            + "<Names><member>a</member><member>b</member></Names>"
            + "<Tags><member><Key>env</Key><Value>dev</Value></member></Tags>"
            + "<Attributes><entry><key>a</key><value>2</value></entry><entry><key>z</key><value>1</value></entry></Attributes>"
            + "<CreatedAt>2023-11-14T22:13:20.000Z</CreatedAt>"
            + "</DescribeResult>"
        #expect(xml.contains(expected))
    }

    @Test func escapesText() {
        let shape = QueryShape.structure([QueryMember("Body", .string)])
        let xml = Self.encode("ReceiveMessage", ["Body": "<a href=\"x\">&'</a>\r\n\tline é😀"], shape)
        #expect(xml.contains("<Body>&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;&#13;\n\tline é😀</Body>"))
        let id = QueryResponseEncoder.encode(operation: "X", result: nil, shape: nil, requestID: "<id>", namespace: "ns")
        #expect(String(decoding: id, as: UTF8.self).contains("<RequestId>&lt;id&gt;</RequestId>"))
    }
}
