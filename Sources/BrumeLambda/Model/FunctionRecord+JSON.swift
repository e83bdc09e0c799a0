import BrumeWire

extension FunctionRecord {
    /// The `FunctionConfiguration` shape, members in the order AWS writes them.
    var configurationJSON: JSONValue {
        var object: JSONObject = [:]
        object["FunctionName"] = .string(name)
        object["FunctionArn"] = .string(reportedARN)
        object["Runtime"] = .string(runtime)
        object["Role"] = .string(role)
        if let handler { object["Handler"] = .string(handler) }
        object["CodeSize"] = .int(code.size)
        object["Description"] = .string(description)
        object["Timeout"] = .int(Int64(timeout))
        object["MemorySize"] = .int(Int64(memorySize))
        object["LastModified"] = .string(LambdaTimestamp.format(lastModified))
        object["CodeSha256"] = .string(code.sha256)
        object["Version"] = .string(version)
        if !environment.isEmpty {
            var variables: JSONObject = [:]
            for key in environment.keys.sorted() { variables[key] = .string(environment[key]!) }
            object["Environment"] = .object(["Variables": .object(variables)])
        }
        if let deadLetterTarget { object["DeadLetterConfig"] = .object(["TargetArn": .string(deadLetterTarget)]) }
        if let kmsKeyArn { object["KMSKeyArn"] = .string(kmsKeyArn) }
        object["TracingConfig"] = .object(["Mode": .string(tracingMode)])
        object["RevisionId"] = .string(revisionID)
        object["State"] = .string(state.rawValue)
        if let stateReason { object["StateReason"] = .string(stateReason) }
        if let stateReasonCode { object["StateReasonCode"] = .string(stateReasonCode) }
        object["LastUpdateStatus"] = .string(lastUpdateStatus)
        object["PackageType"] = .string("Zip")
        object["Architectures"] = .array(architectures.map(JSONValue.string))
        object["EphemeralStorage"] = .object(["Size": .int(Int64(ephemeralStorage))])
        object["SnapStart"] = .object(["ApplyOn": .string("None"), "OptimizationStatus": .string("Off")])
        object["LoggingConfig"] = .object(["LogFormat": .string(logFormat), "LogGroup": .string(logGroup)])
        return .object(object)
    }
}
