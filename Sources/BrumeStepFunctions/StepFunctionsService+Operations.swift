import BrumeStates
import BrumeWire

extension StepFunctionsService {
    typealias Operation = @Sendable (StepFunctionsService) -> @Sendable (StepFunctionsCall) async throws -> JSONValue

    /// The operations Brume implements; the others of the model answer ``notImplemented``.
    static let operations: [String: Operation] = {
        var table: [String: Operation] = [
            "CreateStateMachine": StepFunctionsService.createStateMachine,
            "DescribeStateMachine": StepFunctionsService.describeStateMachine,
            "UpdateStateMachine": StepFunctionsService.updateStateMachine,
            "DeleteStateMachine": StepFunctionsService.deleteStateMachine,
            "ListStateMachines": StepFunctionsService.listStateMachines,
            "ValidateStateMachineDefinition": StepFunctionsService.validateStateMachineDefinition,
            "TagResource": StepFunctionsService.tagResource,
            "UntagResource": StepFunctionsService.untagResource,
            "ListTagsForResource": StepFunctionsService.listTagsForResource,
            "StartExecution": StepFunctionsService.startExecution,
            "StartSyncExecution": StepFunctionsService.startSyncExecution,
            "DescribeExecution": StepFunctionsService.describeExecution,
            "StopExecution": StepFunctionsService.stopExecution,
            "ListExecutions": StepFunctionsService.listExecutions,
            "GetExecutionHistory": StepFunctionsService.getExecutionHistory,
            "DescribeStateMachineForExecution": StepFunctionsService.describeStateMachineForExecution,
            "SendTaskSuccess": StepFunctionsService.sendTaskResult,
            "SendTaskFailure": StepFunctionsService.sendTaskResult,
            "SendTaskHeartbeat": StepFunctionsService.sendTaskResult,
            "TestState": StepFunctionsService.testState,
            "DescribeMapRun": StepFunctionsService.describeMapRun,
            "ListMapRuns": StepFunctionsService.listMapRuns,
            "UpdateMapRun": StepFunctionsService.updateMapRun,
        ]
        for name in unimplemented { table[name] = { _ in { _ in throw StepFunctionsError.notImplemented(name) } } }
        return table
    }()

    /// Operations of the Step Functions model Brume does not implement yet.
    static let unimplemented = [
        "CreateActivity", "CreateStateMachineAlias", "DeleteActivity", "DeleteStateMachineAlias", "DeleteStateMachineVersion",
        "DescribeActivity", "DescribeStateMachineAlias", "GetActivityTask", "ListActivities",
        "ListStateMachineAliases", "ListStateMachineVersions", "PublishStateMachineVersion", "RedriveExecution",
        "UpdateStateMachineAlias",
    ]
}

extension StepFunctionsService {
    /// SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat for the tokens of waiting callback
    /// tasks. A token whose task ended is `TaskTimedOut` ("Provided task does not exist
    /// anymore", as AWS answers); one Brume never issued is `InvalidToken`.
    func sendTaskResult(_ call: StepFunctionsCall) async throws -> JSONValue {
        let token = try call.input.requiredString("taskToken")
        guard (1...2048).contains(token.utf8.count) else { throw StepFunctionsError.invalidToken(token) }
        switch call.operation {
        case "SendTaskSuccess":
            let text = try call.input.requiredString("output")
            guard text.utf8.count <= 256 * 1024 else {
                throw StepFunctionsError.invalidOutput("Invalid Output: 'The output is larger than 262144 bytes.'")
            }
            guard let output = try? JSONValue.parse(Array(text.utf8)) else {
                throw StepFunctionsError.invalidOutput("Invalid Output: '\(text)'")
            }
            try await tokens.complete(token, with: .success(output))
        case "SendTaskFailure":
            let error = try call.input.string("error") ?? ""
            let cause = try call.input.string("cause") ?? ""
            try await tokens.complete(token, with: .failure(StatesError(error, cause)))
        default:
            try await tokens.heartbeat(token, now: clock.now())
        }
        return .object([:])
    }
}
