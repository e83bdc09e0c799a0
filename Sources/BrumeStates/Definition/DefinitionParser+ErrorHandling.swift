import BrumeWire

extension DefinitionParser {
    /// The error names ASL reserves. A `States.` name outside this list can never be raised, so
    /// matching on it is a mistake worth refusing.
    static let predefinedErrorNames: Set<String> = [
        StatesErrorName.all, StatesErrorName.dataLimitExceeded, StatesErrorName.exceedToleratedFailureThreshold,
        StatesErrorName.heartbeatTimeout, StatesErrorName.intrinsicFailure, StatesErrorName.itemReaderFailed,
        StatesErrorName.noChoiceMatched, StatesErrorName.parameterPathFailure, StatesErrorName.permissions,
        StatesErrorName.resultPathMatchFailure, StatesErrorName.resultWriterFailed, StatesErrorName.runtime,
        StatesErrorName.taskFailed, StatesErrorName.timeout, StatesErrorName.branchFailed,
        StatesErrorName.queryEvaluationError, "States.Http.Socket",
    ]

    static let retrierFields: Set<String> = ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"]
    static let catcherFields: Set<String> = ["ErrorEquals", "Next", "ResultPath", "Assign", "Comment"]

    /// The `Retry` list, with ASL's defaults for absent fields.
    mutating func retriers(in object: JSONObject, at location: String) -> [Retrier] {
        elements("Retry", in: object, at: location).compactMap { index, members, itemLocation in
            reader.checkFields(members, allowed: Self.retrierFields, at: itemLocation)
            guard let errors = errorEquals(members, index: index, list: "Retry", in: object, at: itemLocation) else { return nil }
            var retrier = Retrier(errorEquals: errors)
            if let value = reader.integer("IntervalSeconds", in: members, at: itemLocation, minimum: 1) { retrier.intervalSeconds = value }
            if let value = reader.integer("MaxAttempts", in: members, at: itemLocation, minimum: 0) { retrier.maxAttempts = value }
            if let value = reader.number("BackoffRate", in: members, at: itemLocation, minimum: 1.0) { retrier.backoffRate = value }
            retrier.maxDelaySeconds = reader.integer("MaxDelaySeconds", in: members, at: itemLocation, minimum: 1, maximum: 31_622_400)
            if let text = reader.string("JitterStrategy", in: members, at: itemLocation) {
                if let strategy = Retrier.JitterStrategy(rawValue: text) {
                    retrier.jitterStrategy = strategy
                } else {
                    reader.fail("Value is not one of the allowed values: [FULL, NONE]", at: "\(itemLocation)/JitterStrategy")
                }
            }
            return retrier
        }
    }

    /// The `Catch` list. Each catcher's `Next` is checked against the state names later.
    mutating func catchers(in object: JSONObject, at location: String) -> [Catcher] {
        elements("Catch", in: object, at: location).compactMap { index, members, itemLocation in
            reader.checkFields(members, allowed: Self.catcherFields, at: itemLocation)
            let errors = errorEquals(members, index: index, list: "Catch", in: object, at: itemLocation)
            reader.require(["Next"], in: members, at: itemLocation)
            let next = reader.string("Next", in: members, at: itemLocation)
            let resultPath = reader.nullablePath("ResultPath", in: members, at: itemLocation)
            let assign = reader.template("Assign", in: members, at: itemLocation)
            guard let errors, let next else { return nil }
            return Catcher(errorEquals: errors, next: next, resultPath: resultPath, assign: assign)
        }
    }

    /// The objects of a `Retry` or `Catch` array with their indices and locations.
    private mutating func elements(_ key: String, in object: JSONObject, at location: String) -> [(Int, JSONObject, String)] {
        guard let items = reader.array(key, in: object, at: location) else { return [] }
        return items.enumerated().compactMap { index, item in
            let itemLocation = "\(location)/\(key)[\(index)]"
            guard case .object(let members) = item else {
                reader.fail("Expected value of type: Object", at: itemLocation)
                return nil
            }
            return (index, members, itemLocation)
        }
    }

    /// `ErrorEquals`: a non-empty list of names where `States.ALL` stands alone, only in the last
    /// retrier or catcher (a wildcard earlier would shadow the rest), and every other `States.`
    /// name is a predefined one.
    private mutating func errorEquals(_ members: JSONObject, index: Int, list: String, in state: JSONObject, at location: String) -> [String]? {
        guard reader.require(["ErrorEquals"], in: members, at: location),
              let values = reader.array("ErrorEquals", in: members, at: location, nonEmpty: true) else { return nil }
        let fieldLocation = "\(location)/ErrorEquals"
        var names: [String] = []
        for value in values {
            guard let name = value.stringValue else {
                reader.fail("Expected value of type: String", at: fieldLocation)
                return nil
            }
            names.append(name)
        }
        var valid = true
        for name in names where name.hasPrefix("States.") && !Self.predefinedErrorNames.contains(name) {
            reader.fail("Error name '\(name)' is not a predefined States error name", at: fieldLocation)
            valid = false
        }
        if names.contains(StatesErrorName.all) {
            if names.count > 1 {
                reader.fail("States.ALL must appear alone in ErrorEquals", at: fieldLocation)
                valid = false
            }
            if index != (state[list]?.arrayValue?.count ?? 0) - 1 {
                let element = list == "Retry" ? "Retrier" : "Catcher"
                reader.fail("States.ALL must appear in the last \(element) of \(list)", at: fieldLocation)
                valid = false
            }
        }
        return valid ? names : nil
    }
}
