import BrumeWire

/// The configuration members CreateFunction and UpdateFunctionConfiguration share, validated
/// as AWS validates them: model constraints first (ValidationException), then service rules
/// (InvalidParameterValueException).
struct FunctionSettings {
    var runtime: String?
    var handler: String?
    var role: String?
    var description: String?
    var timeout: Int?
    var memorySize: Int?
    var environment: [String: String]?
    var architectures: [String]?
    var ephemeralStorage: Int?
    var tracingMode: String?
    var deadLetterTarget: String??
    var kmsKeyArn: String?
    var logFormat: String?
    var logGroup: String?

    init(_ input: LambdaInput) throws(LambdaError) {
        runtime = try input.string("Runtime")
        handler = try input.string("Handler")
        role = try input.string("Role")
        description = try input.string("Description")
        timeout = try input.int("Timeout")
        memorySize = try input.int("MemorySize")
        environment = try input.object("Environment").map { environment throws(LambdaError) in try environment.stringMap("Variables") ?? [:] }
        architectures = try input.stringList("Architectures")
        ephemeralStorage = try input.object("EphemeralStorage").map { storage throws(LambdaError) in try storage.int("Size") ?? 512 }
        tracingMode = try input.object("TracingConfig").map { tracing throws(LambdaError) in try tracing.string("Mode") ?? "PassThrough" }
        if let deadLetter = try input.object("DeadLetterConfig") { deadLetterTarget = .some(try deadLetter.string("TargetArn")) }
        kmsKeyArn = try input.string("KMSKeyArn")
        if let logging = try input.object("LoggingConfig") {
            logFormat = try logging.string("LogFormat")
            logGroup = try logging.string("LogGroup")
            for level in ["ApplicationLogLevel", "SystemLogLevel"] where logging.fields[level] != nil && logging.fields[level] != .null {
                throw .invalidParameterValue("Brume does not support LoggingConfig.\(level) yet; see the support table in Brume's README.")
            }
        }
        for unsupported in ["Layers", "VpcConfig", "FileSystemConfigs", "ImageConfig", "CapacityProviderConfig", "DurableConfig",
                            "CodeSigningConfigArn", "TenancyConfig", "PublishTo"] {
            if let value = input.fields[unsupported], !value.isNull, value != .array([]) {
                throw .invalidParameterValue("Brume does not support \(unsupported) yet; see the support table in Brume's README.")
            }
        }
        // SnapStart that does nothing (ApplyOn None) is what every function has; anything else is refused.
        if let snapStart = try input.object("SnapStart"), let applyOn = try snapStart.string("ApplyOn"), applyOn != "None" {
            throw .invalidParameterValue("Brume does not support SnapStart yet; see the support table in Brume's README.")
        }
        try validate()
    }

    private func validate() throws(LambdaError) {
        if let timeout, !LambdaLimits.timeoutRange.contains(timeout) {
            throw .validation(Self.range("timeout", timeout, LambdaLimits.timeoutRange))
        }
        if let memorySize, !LambdaLimits.memoryRange.contains(memorySize) {
            throw .validation(Self.range("memorySize", memorySize, LambdaLimits.memoryRange))
        }
        if let ephemeralStorage, !LambdaLimits.ephemeralStorageRange.contains(ephemeralStorage) {
            throw .validation(Self.range("ephemeralStorage.size", ephemeralStorage, LambdaLimits.ephemeralStorageRange))
        }
        if let description, description.count > 256 {
            throw .validation("1 validation error detected: Value '\(description)' at 'description' failed to satisfy constraint: Member must have length less than or equal to 256")
        }
        if let handler, handler.count > 128 || handler.contains(where: \.isWhitespace) {
            throw .validation("1 validation error detected: Value '\(handler)' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\\s]+")
        }
        if let role, !Self.isRoleARN(role) {
            throw .validation("1 validation error detected: Value '\(role)' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+")
        }
        if let architectures {
            guard architectures.count == 1, ["x86_64", "arm64"].contains(architectures[0]) else {
                throw .validation("1 validation error detected: Value '[\(architectures.joined(separator: ", "))]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1, Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]")
            }
        }
        if let tracingMode, !["Active", "PassThrough"].contains(tracingMode) {
            throw .validation("1 validation error detected: Value '\(tracingMode)' at 'tracingConfig.mode' failed to satisfy constraint: Member must satisfy enum value set: [Active, PassThrough]")
        }
        if let logFormat, !["JSON", "Text"].contains(logFormat) {
            throw .validation("1 validation error detected: Value '\(logFormat)' at 'loggingConfig.logFormat' failed to satisfy constraint: Member must satisfy enum value set: [JSON, Text]")
        }
        // Brume writes plain-text log lines; JSON records and level filtering are not there yet.
        if logFormat == "JSON" {
            throw .invalidParameterValue("Brume does not support LoggingConfig.LogFormat JSON yet; see the support table in Brume's README.")
        }
        if let runtime { _ = try RuntimeIdentifier(validating: runtime) }
        if case let target?? = deadLetterTarget, !target.isEmpty {
            guard target.split(separator: ":").dropFirst(2).first == "sqs" else {
                throw .invalidParameterValue("Brume delivers dead letters to SQS queues only; SNS does not exist yet (\(target)).")
            }
            try EventInvokeConfig.validateDestination(target, member: "deadLetterConfig.targetArn")
        }
        if let environment {
            let reserved = environment.keys.filter { RuntimeLauncher.reservedVariables.contains($0) }.sorted()
            if !reserved.isEmpty {
                throw .invalidParameterValue(
                    "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: "
                        + reserved.joined(separator: ", ")
                )
            }
            for key in environment.keys where !Self.isVariableName(key) {
                throw .validation("1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]")
            }
            var measured: JSONObject = [:]
            for key in environment.keys.sorted() { measured[key] = .string(environment[key]!) }
            let text = String(decoding: JSONValue.object(measured).serialized, as: UTF8.self)
            if text.utf8.count > LambdaLimits.environmentBytes {
                throw .invalidParameterValue(
                    "Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: \(text)"
                )
            }
        }
    }

    /// Applies the members that were given to `record`.
    func apply(to record: inout FunctionRecord) throws(LambdaError) {
        if let runtime { record.runtime = runtime }
        if let handler { record.handler = handler }
        if let role { record.role = role }
        if let description { record.description = description }
        if let timeout { record.timeout = timeout }
        if let memorySize { record.memorySize = memorySize }
        if let environment { record.environment = environment }
        if let architectures { record.architectures = architectures }
        if let ephemeralStorage { record.ephemeralStorage = ephemeralStorage }
        if let tracingMode { record.tracingMode = tracingMode }
        if let deadLetterTarget { record.deadLetterTarget = deadLetterTarget.flatMap { $0.isEmpty ? nil : $0 } }
        if let kmsKeyArn { record.kmsKeyArn = kmsKeyArn.isEmpty ? nil : kmsKeyArn }
        if let logFormat { record.logFormat = logFormat }
        if let logGroup { record.logGroup = logGroup }
    }

    private static func range(_ member: String, _ value: Int, _ range: ClosedRange<Int>) -> String {
        let bound = value < range.lowerBound ? "greater than or equal to \(range.lowerBound)" : "less than or equal to \(range.upperBound)"
        return "1 validation error detected: Value '\(value)' at '\(member)' failed to satisfy constraint: Member must have value \(bound)"
    }

    static func isRoleARN(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "iam", parts[3].isEmpty,
              parts[4].count == 12, parts[4].allSatisfy(\.isASCIIDigit), parts[5].hasPrefix("role/") || parts[5].hasPrefix("role")
        else { return false }
        return parts[5].count > "role/".count
    }

    static func isVariableName(_ key: String) -> Bool {
        guard key.count >= 2, let first = key.unicodeScalars.first else { return false }
        return first.isASCIILetter && key.unicodeScalars.allSatisfy(\.isASCIIWordCharacter)
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
}
