import BrumeWire
import Foundation

/// StartExecution, StartSyncExecution, DescribeExecution, StopExecution, ListExecutions,
/// DescribeStateMachineForExecution.
extension StepFunctionsService {
    /// An execution's input is at most 256 KiB of JSON.
    static let maximumInputSize = 262_144

    func startExecution(_ call: StepFunctionsCall) async throws -> JSONValue {
        let (machineARN, name, input, parsed) = try Self.executionStart(call)
        let execution = try await backend.startExecution(machineARN: machineARN, name: name, input: input, parsedInput: parsed)
        return ["executionArn": .string(execution.arn), "startDate": execution.startDate.epochJSON]
    }

    func startSyncExecution(_ call: StepFunctionsCall) async throws -> JSONValue {
        let (machineARN, name, input, parsed) = try Self.executionStart(call)
        let execution = try await backend.startSyncExecution(machineARN: machineARN, name: name, input: input, parsedInput: parsed)
        var output: JSONObject = [
            "executionArn": .string(execution.arn), "stateMachineArn": .string(execution.stateMachineARN), "name": .string(execution.name),
            "startDate": execution.startDate.epochJSON, "stopDate": (execution.stopDate ?? execution.startDate).epochJSON,
            "status": .string(execution.status == .succeeded ? "SUCCEEDED" : execution.status == .timedOut ? "TIMED_OUT" : "FAILED"),
            "input": .string(execution.input), "inputDetails": ["included": true],
        ]
        if let result = execution.output {
            output["output"] = .string(result)
            output["outputDetails"] = ["included": true]
        }
        if let error = execution.error { output["error"] = .string(error) }
        if let cause = execution.cause { output["cause"] = .string(cause) }
        output["billingDetails"] = [
            "billedMemoryUsedInMB": 64,
            "billedDurationInMilliseconds": .int(Int64(max(100, ((execution.stopDate ?? execution.startDate).timeIntervalSince(execution.startDate) * 1000).rounded(.up)))),
        ]
        return .object(output)
    }

    /// The state machine, name (a UUID when absent) and input (`{}` when absent) of a start.
    private static func executionStart(_ call: StepFunctionsCall) throws(StepFunctionsError) -> (String, String, String, JSONValue) {
        let machineARN = try call.input.requiredString("stateMachineArn")
        try checkStateMachineARN(machineARN)
        let name = try call.input.string("name") ?? UUID().uuidString.lowercased()
        guard StepFunctionsNames.isValid(name) else { throw .invalidName(name) }
        let input = try call.input.string("input") ?? "{}"
        guard input.utf8.count <= maximumInputSize else {
            throw .invalidExecutionInput("Input exceeds the maximum size of \(maximumInputSize) bytes.")
        }
        let parsed: JSONValue
        do {
            parsed = try JSONValue.parse(Array(input.utf8))
        } catch {
            throw .invalidExecutionInput("Invalid State Machine Execution Input: '\(error.message)'")
        }
        return (machineARN, name, input, parsed)
    }

    func describeExecution(_ call: StepFunctionsCall) async throws -> JSONValue {
        let arn = try call.input.requiredString("executionArn")
        try Self.checkExecutionARN(arn)
        let execution = try await backend.execution(arn)
        var output: JSONObject = [
            "executionArn": .string(execution.arn), "stateMachineArn": .string(execution.stateMachineARN), "name": .string(execution.name),
            "status": .string(execution.status.rawValue), "startDate": execution.startDate.epochJSON,
        ]
        if let stop = execution.stopDate { output["stopDate"] = stop.epochJSON }
        output["input"] = .string(execution.input)
        output["inputDetails"] = ["included": true]
        if let result = execution.output {
            output["output"] = .string(result)
            output["outputDetails"] = ["included": true]
        }
        if let error = execution.error { output["error"] = .string(error) }
        if let cause = execution.cause { output["cause"] = .string(cause) }
        if let mapRun = execution.mapRunARN { output["mapRunArn"] = .string(mapRun) }
        output["redriveCount"] = 0
        if execution.status == .running || execution.status == .succeeded {
            output["redriveStatus"] = "NOT_REDRIVABLE"
            output["redriveStatusReason"] = .string("Execution is \(execution.status.rawValue) and cannot be redriven")
        }
        return .object(output)
    }

    func stopExecution(_ call: StepFunctionsCall) async throws -> JSONValue {
        let arn = try call.input.requiredString("executionArn")
        try Self.checkExecutionARN(arn)
        let execution = try await backend.stopExecution(arn, error: try call.input.string("error"), cause: try call.input.string("cause"))
        return ["stopDate": (execution.stopDate ?? execution.startDate).epochJSON]
    }

    func listExecutions(_ call: StepFunctionsCall) async throws -> JSONValue {
        let machineARN = try call.input.string("stateMachineArn")
        let mapRunARN = try call.input.string("mapRunArn")
        var all: [ExecutionRecord]
        switch (machineARN, mapRunARN) {
        case (let machineARN?, nil):
            try Self.checkStateMachineARN(machineARN)
            let machine = try await backend.stateMachine(machineARN)
            guard machine.type == .standard else {
                throw StepFunctionsError.stateMachineTypeNotSupported("This operation is not supported by this type of state machine")
            }
            all = await backend.executions(of: machineARN)
        case (nil, let mapRunARN?):
            try Self.checkMapRunARN(mapRunARN)
            all = try await backend.executions(ofMapRun: mapRunARN)
        case (.some, .some):
            throw StepFunctionsError.validation("Only one of StateMachine ARN or MapRun ARN can be provided")
        case (nil, nil):
            throw StepFunctionsError.validation("Must provide a StateMachine ARN or MapRun ARN")
        }
        if let redrive = try call.input.string("redriveFilter") {
            guard redrive == "REDRIVEN" || redrive == "NOT_REDRIVEN" else {
                throw StepFunctionsError.validation(
                    "1 validation error detected: Value '\(redrive)' at 'redriveFilter' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[REDRIVEN, NOT_REDRIVEN]"
                )
            }
            // Brume has no RedriveExecution, so no execution has been redriven.
            if redrive == "REDRIVEN" { all = [] }
        }
        var status: ExecutionStatus?
        if let text = try call.input.string("statusFilter") {
            guard let filter = ExecutionStatus(rawValue: text) else {
                throw StepFunctionsError.validation(
                    "1 validation error detected: Value '\(text)' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[\(ExecutionStatus.allCases.map(\.rawValue).joined(separator: ", "))]"
                )
            }
            status = filter
        }
        let size = try call.input.pageSize()
        let executions = all.filter { status == nil || $0.status == status }
        let (page, next) = try PageToken.page(executions, token: try call.input.string("nextToken"), size: size)
        var output: JSONObject = [
            "executions": .array(page.map { execution in
                var item: JSONObject = [
                    "executionArn": .string(execution.arn), "stateMachineArn": .string(execution.stateMachineARN),
                    "name": .string(execution.name), "status": .string(execution.status.rawValue), "startDate": execution.startDate.epochJSON,
                ]
                if let stop = execution.stopDate { item["stopDate"] = stop.epochJSON }
                // AWS names the Map Run only when the listing asked by it.
                if mapRunARN != nil, let mapRun = execution.mapRunARN { item["mapRunArn"] = .string(mapRun) }
                item["redriveCount"] = 0
                return .object(item)
            }),
        ]
        if let next { output["nextToken"] = .string(next) }
        return .object(output)
    }

    func describeStateMachineForExecution(_ call: StepFunctionsCall) async throws -> JSONValue {
        let arn = try call.input.requiredString("executionArn")
        try Self.checkExecutionARN(arn)
        let execution = try await backend.execution(arn)
        let machine = try? await backend.stateMachine(execution.stateMachineARN)
        let name = StepFunctionsNames.parse(execution.stateMachineARN)?.rest.first ?? ""
        var output: JSONObject = [
            "stateMachineArn": .string(execution.stateMachineARN), "name": .string(name), "definition": .string(execution.definition),
            "roleArn": .string(execution.roleARN), "updateDate": execution.stateMachineUpdateDate.epochJSON,
            "loggingConfiguration": machine?.logging ?? StateMachineRecord.defaultLogging,
            "tracingConfiguration": machine?.tracing ?? StateMachineRecord.defaultTracing,
        ]
        // A Distributed Map's child names its Map Run, and the label its state machine ARN ends with.
        if let mapRun = execution.mapRunARN {
            output["mapRunArn"] = .string(mapRun)
            output["label"] = .string(name.split(separator: "/").last.map(String.init) ?? name)
        }
        return .object(output)
    }

    static func checkExecutionARN(_ arn: String) throws(StepFunctionsError) {
        guard let parsed = StepFunctionsNames.parse(arn), parsed.kind == "execution" || parsed.kind == "express", parsed.rest.count >= 2 else {
            throw .invalidArn(arn)
        }
    }
}
