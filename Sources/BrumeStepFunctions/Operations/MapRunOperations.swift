import BrumeStates
import BrumeWire

/// DescribeMapRun, ListMapRuns, UpdateMapRun: the Map Runs of Distributed Map states.
extension StepFunctionsService {
    func describeMapRun(_ call: StepFunctionsCall) async throws -> JSONValue {
        let arn = try call.input.requiredString("mapRunArn")
        try Self.checkMapRunARN(arn)
        let run = try await backend.mapRun(arn)
        var output: JSONObject = [
            "mapRunArn": .string(run.arn), "executionArn": .string(run.executionARN), "status": .string(run.status.rawValue),
            "startDate": run.startDate.epochJSON, "maxConcurrency": .int(Int64(run.maxConcurrency)),
            "toleratedFailurePercentage": .double(run.toleratedFailurePercentage), "toleratedFailureCount": .int(run.toleratedFailureCount),
            "itemCounts": run.itemCounts.json, "executionCounts": run.executionCounts.json, "redriveCount": 0,
        ]
        if let stop = run.stopDate { output["stopDate"] = stop.epochJSON }
        return .object(output)
    }

    func listMapRuns(_ call: StepFunctionsCall) async throws -> JSONValue {
        let executionARN = try call.input.requiredString("executionArn")
        try Self.checkExecutionARN(executionARN)
        let size = try call.input.pageSize()
        let runs = try await backend.mapRuns(of: executionARN)
        let (page, next) = try PageToken.page(runs, token: try call.input.string("nextToken"), size: size)
        var output: JSONObject = [
            "mapRuns": .array(page.map { run in
                var item: JSONObject = [
                    "executionArn": .string(run.executionARN), "mapRunArn": .string(run.arn),
                    "stateMachineArn": .string(run.stateMachineARN), "startDate": run.startDate.epochJSON,
                ]
                if let stop = run.stopDate { item["stopDate"] = stop.epochJSON }
                return .object(item)
            }),
        ]
        if let next { output["nextToken"] = .string(next) }
        return .object(output)
    }

    /// Changes a Map Run's MaxConcurrency or tolerated failures; a running one applies them to
    /// the children it starts from then on.
    func updateMapRun(_ call: StepFunctionsCall) async throws -> JSONValue {
        let arn = try call.input.requiredString("mapRunArn")
        try Self.checkMapRunARN(arn)
        let maxConcurrency = try call.input.int("maxConcurrency")
        let count = try call.input.int("toleratedFailureCount")
        let percentage = try call.input.double("toleratedFailurePercentage")
        guard maxConcurrency != nil || count != nil || percentage != nil else {
            throw StepFunctionsError.validation("At least one of the parameters maxConcurrency, toleratedFailurePercentage or toleratedFailureCount must be provided")
        }
        if let maxConcurrency, maxConcurrency < 0 { throw Self.constraint("maxConcurrency", "\(maxConcurrency)", "greater than or equal to 0") }
        if let count, count < 0 { throw Self.constraint("toleratedFailureCount", "\(count)", "greater than or equal to 0") }
        if let percentage, !(0...100).contains(percentage) {
            throw Self.constraint("toleratedFailurePercentage", "\(percentage)", "between 0 and 100")
        }
        _ = try await backend.updateMapRun(
            arn, maxConcurrency: maxConcurrency.map { Int($0) }, toleratedFailureCount: count, toleratedFailurePercentage: percentage
        )
        return .object([:])
    }

    private static func constraint(_ member: String, _ value: String, _ rule: String) -> StepFunctionsError {
        .validation("1 validation error detected: Value '\(value)' at '\(member)' failed to satisfy constraint: Member must have value \(rule)")
    }

    static func checkMapRunARN(_ arn: String) throws(StepFunctionsError) {
        guard let parsed = StepFunctionsNames.parse(arn), parsed.kind == "mapRun", parsed.rest.count >= 2 else { throw .invalidArn(arn) }
    }
}
