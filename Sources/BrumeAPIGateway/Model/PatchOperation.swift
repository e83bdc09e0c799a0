import BrumeWire

/// One of an Update* request's `patchOperations` (RFC 6902 as API Gateway reads it: `op`,
/// `path` with `/` inside a name escaped as `~1`, `value` always a string, `from` for copy and move).
struct PatchOperation: Sendable, Equatable {
    enum Op: String, Sendable { case add, remove, replace, move, copy, test }
    var op: Op
    var path: String
    var value: String?
    var from: String?

    /// The path's segments, unescaped (`/variables/a~1b` → `["variables", "a/b"]`).
    var segments: [String] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(Self.unescape)
    }

    static func unescape(_ segment: Substring) -> String {
        segment.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// The `patchOperations` of a request body (absent means none).
    static func list(in body: JSONObject) throws(APIGatewayError) -> [PatchOperation] {
        guard let raw = body["patchOperations"], !raw.isNull else { return [] }
        guard let items = raw.arrayValue else { throw .badRequest("Invalid patch operations") }
        var operations: [PatchOperation] = []
        for item in items {
            guard let object = item.objectValue else { throw .badRequest("Invalid patch operation specified.") }
            guard let opName = object["op"]?.stringValue, let op = Op(rawValue: opName) else {
                throw .badRequest("Invalid patch operation specified. Must be one of: [add, remove, move, test, replace, copy]")
            }
            guard let path = object["path"]?.stringValue, path.hasPrefix("/") else {
                throw .badRequest("Invalid patch path '\(object["path"]?.stringValue ?? "null")' specified for op '\(opName)'. Must be a valid JSON pointer.")
            }
            operations.append(PatchOperation(op: op, path: path, value: object["value"]?.stringValue, from: object["from"]?.stringValue))
        }
        return operations
    }

    // MARK: AWS's answers to a bad operation

    /// The path is not one this resource's Update* takes for this op.
    func unsupported() -> APIGatewayError {
        .badRequest("Invalid patch path '\(path)' specified for op '\(op.rawValue)'. Must be one of: [\(op == .remove ? "remove" : "replace")]")
    }

    func invalidOp(allowed: [Op]) -> APIGatewayError {
        .badRequest("Invalid patch path '\(path)' specified for op '\(op.rawValue)'. Must be one of: [\(allowed.map(\.rawValue).joined(separator: ", "))]")
    }

    /// The value, required for add and replace.
    func requiredValue() throws(APIGatewayError) -> String {
        guard let value else { throw .badRequest("Invalid null or empty value in patch operation '\(op.rawValue)' at path '\(path)'") }
        return value
    }

    /// The value read as a boolean (`"true"`/`"false"`).
    func boolValue() throws(APIGatewayError) -> Bool {
        switch try requiredValue().lowercased() {
        case "true": true
        case "false": false
        default: throw .badRequest("Invalid value '\(value ?? "")' for boolean at path '\(path)'.")
        }
    }

    func intValue() throws(APIGatewayError) -> Int {
        guard let number = Int(try requiredValue()) else { throw .badRequest("Invalid value '\(value ?? "")' for integer at path '\(path)'.") }
        return number
    }

    func doubleValue() throws(APIGatewayError) -> Double {
        guard let number = Double(try requiredValue()), number.isFinite else {
            throw .badRequest("Invalid value '\(value ?? "")' for double at path '\(path)'.")
        }
        return number
    }

    /// A string member set by replace (or add) and cleared by remove.
    func apply(to member: inout String?) throws(APIGatewayError) {
        switch op {
        case .replace, .add: member = try requiredValue()
        case .remove: member = nil
        default: throw invalidOp(allowed: [.replace, .add, .remove])
        }
    }

    /// A string→string map entry named by the path's last segment: add/replace set it, remove
    /// drops it (`/variables/name`, `/requestTemplates/application~1json`).
    func apply(entry key: String, to map: inout [String: String]?) throws(APIGatewayError) {
        switch op {
        case .add, .replace: map = (map ?? [:]).merging([key: try requiredValue()]) { _, new in new }
        case .remove:
            guard map?[key] != nil else { throw .badRequest("Cannot remove '\(key)': no such entry at path '\(path)'") }
            map?[key] = nil
        default: throw invalidOp(allowed: [.add, .replace, .remove])
        }
    }

    /// A string→bool map entry (`/requestParameters/method.request.header.x`): the value is
    /// whether the parameter is required.
    func apply(entry key: String, to map: inout [String: Bool]?) throws(APIGatewayError) {
        switch op {
        case .add, .replace: map = (map ?? [:]).merging([key: value.map { $0.lowercased() == "true" } ?? false]) { _, new in new }
        case .remove:
            guard map?[key] != nil else { throw .badRequest("Cannot remove '\(key)': no such entry at path '\(path)'") }
            map?[key] = nil
        default: throw invalidOp(allowed: [.add, .replace, .remove])
        }
    }
}
