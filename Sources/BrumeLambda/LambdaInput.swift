import BrumeWire

/// An operation's JSON body with typed accessors that fail the way Lambda does: a member of
/// the wrong JSON type is an InvalidRequestContentException, a value out of the model's range
/// a ValidationException.
struct LambdaInput: Sendable {
    let fields: JSONObject

    init(_ fields: JSONObject) {
        self.fields = fields
    }

    /// Parses a request body; an empty body is an empty object.
    init(body: some Collection<UInt8>) throws(LambdaError) {
        guard !body.isEmpty else {
            fields = [:]
            return
        }
        do {
            guard let object = try JSONValue.parse(body).objectValue else {
                throw LambdaError.invalidRequestContent("Could not parse request body into json: the body is not a JSON object")
            }
            fields = object
        } catch let error as LambdaError {
            throw error
        } catch {
            throw .invalidRequestContent("Could not parse request body into json: Could not parse payload into json: \(error)")
        }
    }

    func string(_ name: String) throws(LambdaError) -> String? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw Self.wrongType(name, "String") }
        return text
    }

    func int(_ name: String) throws(LambdaError) -> Int? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let number = value.intValue, let int = Int(exactly: number) else { throw Self.wrongType(name, "Integer") }
        return int
    }

    func bool(_ name: String) throws(LambdaError) -> Bool? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let flag = value.boolValue else { throw Self.wrongType(name, "Boolean") }
        return flag
    }

    func object(_ name: String) throws(LambdaError) -> LambdaInput? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let object = value.objectValue else { throw Self.wrongType(name, "Structure") }
        return LambdaInput(object)
    }

    func stringList(_ name: String) throws(LambdaError) -> [String]? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let items = value.arrayValue else { throw Self.wrongType(name, "List") }
        var strings: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw Self.wrongType(name, "String") }
            strings.append(text)
        }
        return strings
    }

    func stringMap(_ name: String) throws(LambdaError) -> [String: String]? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let object = value.objectValue else { throw Self.wrongType(name, "Map") }
        var map: [String: String] = [:]
        for key in object.keys {
            guard let text = object[key]?.stringValue else { throw Self.wrongType(name, "String") }
            map[key] = text
        }
        return map
    }

    /// A required member; missing, it is the model-validation message AWS sends.
    func required(_ name: String, as memberName: String? = nil) throws(LambdaError) -> String {
        guard let text = try string(name) else {
            throw .validation(
                "1 validation error detected: Value null at '\(memberName ?? Self.camel(name))' failed to satisfy constraint: Member must not be null"
            )
        }
        return text
    }

    /// The lower-camel name AWS's validation messages use (`functionName` for `FunctionName`).
    static func camel(_ name: String) -> String {
        name.prefix(1).lowercased() + name.dropFirst()
    }

    private static func wrongType(_ name: String, _ type: String) -> LambdaError {
        .invalidRequestContent("Could not parse request body into json: Could not parse payload into json: member '\(name)' is not a \(type)")
    }
}
