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
        ]
        for name in unimplemented { table[name] = { _ in { _ in throw StepFunctionsError.notImplemented(name) } } }
        return table
    }()

    /// Operations of the Step Functions model Brume does not implement yet.
    static let unimplemented = [
        "CreateActivity", "CreateStateMachineAlias", "DeleteActivity", "DeleteStateMachineAlias", "DeleteStateMachineVersion",
        "DescribeActivity", "DescribeMapRun", "DescribeStateMachineAlias", "GetActivityTask", "ListActivities", "ListMapRuns",
        "ListStateMachineAliases", "ListStateMachineVersions", "PublishStateMachineVersion", "RedriveExecution",
        "TestState", "UpdateMapRun", "UpdateStateMachineAlias",
    ]
}

extension StepFunctionsService {
    /// SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat. Brume runs no callback task yet
    /// (`.waitForTaskToken` is refused at CreateStateMachine), so it has issued no token and
    /// every token is `InvalidToken`, as AWS answers a token it did not issue.
    func sendTaskResult(_ call: StepFunctionsCall) async throws -> JSONValue {
        _ = try call.input.requiredString("taskToken")
        throw StepFunctionsError.invalidToken("Invalid token")
    }
}
