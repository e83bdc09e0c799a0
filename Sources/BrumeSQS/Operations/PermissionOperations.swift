import BrumeWire

/// AddPermission and RemovePermission, which edit the queue's `Policy` attribute.
///
/// Brume keeps the policy but does not enforce it: every caller may use every queue, as with
/// an account's own credentials.
extension SQSService {
    /// The actions AddPermission may grant (`SendMessage`, ...), or `*`.
    static let grantableActions: Set<String> = [
        "*", "ChangeMessageVisibility", "DeleteMessage", "GetQueueAttributes", "GetQueueUrl",
        "ListDeadLetterSourceQueues", "PurgeQueue", "ReceiveMessage", "SendMessage", "ListQueueTags",
    ]

    func addPermission(_ call: SQSCall) async throws -> JSONValue? {
        let identity = try call.queue()
        let label = try call.input.requiredString("Label")
        let accounts = try call.input.stringList("AWSAccountIds")
        let actions = try call.input.stringList("Actions")
        guard !accounts.isEmpty else { throw SQSError.missingParameter("AWSAccountIds") }
        guard !actions.isEmpty else { throw SQSError.missingParameter("Actions") }
        guard label.count <= 80, BatchEntries.isValidID(label) else {
            throw SQSError.invalidParameterValue("Value \(label) for parameter Label is invalid. Reason: Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.")
        }
        for action in actions where !Self.grantableActions.contains(action) {
            throw SQSError.invalidParameterValue("Value SQS:\(action) for parameter ActionName is invalid. Reason: Please refer to the appropriate WSDL for a list of valid actions.")
        }
        let arn = identity.arn
        try await backend.updatePolicy(identity) { (policy: String?) throws(SQSError) -> String? in
            var document = QueuePolicy(json: policy, arn: arn)
            guard !document.hasStatement(label) else {
                throw .invalidParameterValue("Value \(label) for parameter Label is invalid. Reason: Already exists.")
            }
            document.add(label: label, accounts: accounts, actions: actions)
            return document.json
        }
        return nil
    }

    func removePermission(_ call: SQSCall) async throws -> JSONValue? {
        let identity = try call.queue()
        let label = try call.input.requiredString("Label")
        let arn = identity.arn
        try await backend.updatePolicy(identity) { (policy: String?) throws(SQSError) -> String? in
            var document = QueuePolicy(json: policy, arn: arn)
            guard document.hasStatement(label) else {
                throw .invalidParameterValue("Value \(label) for parameter Label is invalid. Reason: can't find label on existing policy.")
            }
            document.remove(label: label)
            return document.isEmpty ? nil : document.json
        }
        return nil
    }
}

/// A queue policy document as AddPermission writes it.
struct QueuePolicy {
    private var document: JSONObject

    init(json: String?, arn: String) {
        if let json, let parsed = try? JSONValue.parse(Array(json.utf8)).objectValue {
            document = parsed
        } else {
            document = ["Version": "2012-10-17", "Id": .string("\(arn)/SQSDefaultPolicy"), "Statement": .array([])]
        }
        resource = arn
    }

    private let resource: String

    private var statements: [JSONValue] {
        get { document["Statement"]?.arrayValue ?? [] }
        set { document["Statement"] = .array(newValue) }
    }

    var isEmpty: Bool { statements.isEmpty }

    func hasStatement(_ label: String) -> Bool {
        statements.contains { $0["Sid"]?.stringValue == label }
    }

    mutating func add(label: String, accounts: [String], actions: [String]) {
        let principals = accounts.map { JSONValue.string("arn:aws:iam::\($0):root") }
        let statement: JSONValue = .object([
            "Sid": .string(label),
            "Effect": "Allow",
            "Principal": ["AWS": principals.count == 1 ? principals[0] : .array(principals)],
            "Action": actions.count == 1 ? .string("SQS:\(actions[0])") : .array(actions.map { .string("SQS:\($0)") }),
            "Resource": .string(resource),
        ])
        statements.append(statement)
    }

    mutating func remove(label: String) {
        statements.removeAll { $0["Sid"]?.stringValue == label }
    }

    var json: String { String(decoding: JSONValue.object(document).serialized, as: UTF8.self) }
}
