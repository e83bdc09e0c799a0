import BrumeStates
import BrumeWire
import Foundation

/// CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine,
/// ListStateMachines, ValidateStateMachineDefinition.
extension StepFunctionsService {
    func createStateMachine(_ call: StepFunctionsCall) async throws -> JSONValue {
        let input = call.input
        let name = try input.requiredString("name")
        let definition = try input.requiredString("definition")
        let roleARN = try input.requiredString("roleArn")
        guard StepFunctionsNames.isValid(name) else { throw StepFunctionsError.invalidName(name) }
        try Self.refuseUnsupportedOptions(input)
        let type = try Self.machineType(input)
        try Self.checkRoleARN(roleARN)
        try Self.checkDefinition(definition, type: type)
        let tags = try input.tags()
        try TagRules.validate(tags, arn: "")
        let arn = StepFunctionsNames.stateMachineARN(region: call.caller.region, account: call.caller.accountID, name: name)
        let machine = try await backend.createStateMachine(StateMachineRecord(
            arn: arn, name: name, type: type, definition: definition, roleARN: roleARN,
            logging: try Self.logging(input, type: type) ?? StateMachineRecord.defaultLogging,
            tracing: try input.object("tracingConfiguration").map(JSONValue.object) ?? StateMachineRecord.defaultTracing,
            tags: tags, creationDate: clock.now()
        ))
        return ["stateMachineArn": .string(machine.arn), "creationDate": machine.creationDate.epochJSON]
    }

    func describeStateMachine(_ call: StepFunctionsCall) async throws -> JSONValue {
        let arn = try call.input.requiredString("stateMachineArn")
        try Self.checkStateMachineARN(arn)
        let machine = try await backend.stateMachine(arn)
        var output: JSONObject = [
            "stateMachineArn": .string(machine.arn), "name": .string(machine.name), "status": "ACTIVE",
            "definition": .string(machine.definition), "roleArn": .string(machine.roleARN), "type": .string(machine.type.rawValue),
            "creationDate": machine.creationDate.epochJSON, "loggingConfiguration": machine.logging,
            "tracingConfiguration": machine.tracing,
        ]
        if let revision = machine.revisionID { output["revisionId"] = .string(revision) }
        return .object(output)
    }

    func updateStateMachine(_ call: StepFunctionsCall) async throws -> JSONValue {
        let input = call.input
        let arn = try input.requiredString("stateMachineArn")
        try Self.checkStateMachineARN(arn)
        try Self.refuseUnsupportedOptions(input)
        let definition = try input.string("definition")
        let roleARN = try input.string("roleArn")
        let tracing = try input.object("tracingConfiguration")
        guard definition != nil || roleARN != nil || input.fields["loggingConfiguration"] != nil || tracing != nil else {
            throw StepFunctionsError.missingRequiredParameter("Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified")
        }
        if let roleARN { try Self.checkRoleARN(roleARN) }
        let current = try await backend.stateMachine(arn)
        if let definition { try Self.checkDefinition(definition, type: current.type) }
        let logging = try Self.logging(input, type: current.type)
        let machine = try await backend.updateStateMachine(arn) { (machine: inout StateMachineRecord) throws(StepFunctionsError) in
            if let definition { machine.definition = definition }
            if let roleARN { machine.roleARN = roleARN }
            if let logging { machine.logging = logging }
            if let tracing { machine.tracing = .object(tracing) }
        }
        var output: JSONObject = ["updateDate": (machine.updateDate ?? machine.creationDate).epochJSON]
        if let revision = machine.revisionID { output["revisionId"] = .string(revision) }
        return .object(output)
    }

    func deleteStateMachine(_ call: StepFunctionsCall) async throws -> JSONValue {
        let arn = try call.input.requiredString("stateMachineArn")
        try Self.checkStateMachineARN(arn)
        try await backend.deleteStateMachine(arn)
        return .object([:])
    }

    func listStateMachines(_ call: StepFunctionsCall) async throws -> JSONValue {
        let size = try call.input.pageSize()
        let machines = await backend.allStateMachines().filter {
            StepFunctionsNames.parse($0.arn).map { $0.region == call.caller.region && $0.account == call.caller.accountID } ?? false
        }
        let (page, next) = try PageToken.page(machines, token: try call.input.string("nextToken"), size: size)
        var output: JSONObject = [
            "stateMachines": .array(page.map { machine in
                [
                    "stateMachineArn": .string(machine.arn), "name": .string(machine.name), "type": .string(machine.type.rawValue),
                    "creationDate": machine.creationDate.epochJSON,
                ]
            }),
        ]
        if let next { output["nextToken"] = .string(next) }
        return .object(output)
    }

    func validateStateMachineDefinition(_ call: StepFunctionsCall) async throws -> JSONValue {
        let definition = try call.input.requiredString("definition")
        let severity = try call.input.string("severity") ?? "ERROR"
        guard severity == "ERROR" || severity == "WARNING" else {
            throw StepFunctionsError.validation(
                "1 validation error detected: Value '\(severity)' at 'severity' failed to satisfy constraint: Member must satisfy enum value set: [ERROR, WARNING]"
            )
        }
        let type = try Self.machineType(call.input)
        let limit = try call.input.pageSize(maximum: 100, default: 100)
        var diagnostics: [(severity: String, code: String, message: String, location: String?)] = StateMachineDefinition.validate(definition)
            .filter { severity == "WARNING" || $0.severity == .error }
            .map { ($0.severity.rawValue, $0.code, $0.message, $0.location) }
        // An EXPRESS machine cannot wait (`.waitForTaskToken`, `.sync`) nor run a Distributed Map:
        // CreateStateMachine refuses it, so validation fails it.
        if type == .express, let refused = TaskResourceSupport.firstUnsupported(in: definition, type: .express) {
            switch refused.reason {
            case .expressPattern(let pattern):
                diagnostics.append(("ERROR", "SCHEMA_VALIDATION_FAILED", "Express state machine does not support '\(pattern)' service integration", refused.location))
            case .expressDistributedMap:
                diagnostics.append(("ERROR", "SCHEMA_VALIDATION_FAILED", "Express state machine does not support Map state in DISTRIBUTED mode", refused.location))
            case .notSupportedByBrume:
                break
            }
        }
        let shown = diagnostics.prefix(limit)
        return [
            "result": diagnostics.contains { $0.severity == "ERROR" } ? "FAIL" : "OK",
            "diagnostics": .array(shown.map { diagnostic in
                var item: JSONObject = [
                    "severity": .string(diagnostic.severity), "code": .string(diagnostic.code), "message": .string(diagnostic.message),
                ]
                if let location = diagnostic.location { item["location"] = .string(location) }
                return .object(item)
            }),
            "truncated": .bool(shown.count < diagnostics.count),
        ]
    }

    // MARK: Checks

    /// A definition CreateStateMachine accepts: valid ASL whose Task states use integrations Brume runs.
    static func checkDefinition(_ text: String, type: StateMachineType) throws(StepFunctionsError) {
        do {
            _ = try StateMachineDefinition.parse(text)
        } catch {
            throw .invalidDefinition(error.message)
        }
        if let unsupported = TaskResourceSupport.firstUnsupported(in: text, type: type) {
            throw .invalidDefinition(TaskResourceSupport.message(unsupported))
        }
    }

    /// The `type` member: STANDARD (the default) or EXPRESS.
    static func machineType(_ input: StepFunctionsInput) throws(StepFunctionsError) -> StateMachineType {
        let text = try input.string("type") ?? "STANDARD"
        guard let type = StateMachineType(rawValue: text) else {
            throw .validation(
                "1 validation error detected: Value '\(text)' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]"
            )
        }
        return type
    }

    static func checkRoleARN(_ arn: String) throws(StepFunctionsError) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "arn", parts[2] == "iam" else { throw .invalidArn(arn) }
    }

    static func checkStateMachineARN(_ arn: String) throws(StepFunctionsError) {
        guard let parsed = StepFunctionsNames.parse(arn), parsed.kind == "stateMachine", parsed.rest.count == 1 else {
            throw .invalidArn(arn)
        }
    }

    /// `loggingConfiguration`: level ALL, ERROR, FATAL or OFF; anything but OFF needs a destination.
    static func logging(_ input: StepFunctionsInput, type: StateMachineType) throws(StepFunctionsError) -> JSONValue? {
        guard var logging = try input.object("loggingConfiguration") else { return nil }
        let level = logging["level"]?.stringValue ?? "OFF"
        guard ["ALL", "ERROR", "FATAL", "OFF"].contains(level) else {
            throw .validation(
                "1 validation error detected: Value '\(level)' at 'loggingConfiguration.level' failed to satisfy constraint: Member must satisfy enum value set: [ALL, ERROR, FATAL, OFF]"
            )
        }
        let destinations = logging["destinations"]?.arrayValue ?? []
        if level != "OFF", destinations.isEmpty {
            throw .invalidLoggingConfiguration("Invalid Logging Configuration: Must specify exactly one Log Destination.")
        }
        logging["level"] = .string(level)
        if logging["includeExecutionData"] == nil { logging["includeExecutionData"] = false }
        return .object(logging)
    }

    /// Options Brume cannot honour are refused rather than ignored: versions (`publish`,
    /// `versionDescription`) and customer-managed KMS keys (`encryptionConfiguration`).
    private static func refuseUnsupportedOptions(_ input: StepFunctionsInput) throws(StepFunctionsError) {
        let publish = try input.bool("publish") ?? false
        let versionDescription = try input.string("versionDescription")
        if publish || versionDescription != nil {
            throw .validation("Publishing state machine versions is not supported by Brume yet")
        }
        if let encryption = try input.object("encryptionConfiguration"), encryption["type"]?.stringValue != "AWS_OWNED_KEY" {
            throw .validation("Encryption with a customer managed KMS key is not supported by Brume yet; use type AWS_OWNED_KEY")
        }
    }
}
