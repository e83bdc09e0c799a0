import BrumeStates
import BrumeWire

/// TestState: one state run in isolation, with a mocked or real task, reported at INFO, DEBUG
/// or TRACE level.
extension StepFunctionsService {
    func testState(_ call: StepFunctionsCall) async throws -> JSONValue {
        let input = call.input
        let definition = try input.requiredString("definition")
        if let role = try input.string("roleArn") { try Self.checkRoleARN(role) }
        let level = try input.string("inspectionLevel") ?? "INFO"
        guard ["INFO", "DEBUG", "TRACE"].contains(level) else {
            throw StepFunctionsError.validation(
                "1 validation error detected: Value '\(level)' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [INFO, DEBUG, TRACE]"
            )
        }
        let stateInput = try Self.json(input.string("input") ?? "{}", member: "input")
        let variables = try input.string("variables").map { text throws(StepFunctionsError) -> JSONObject in
            guard let object = try Self.json(text, member: "variables").objectValue else {
                throw StepFunctionsError.validation("The variables must be a JSON object")
            }
            return object
        } ?? [:]
        if try input.string("context") != nil {
            throw StepFunctionsError.validation("TestState with a context object is not supported by Brume yet")
        }
        var retryCount: Int64 = 0
        if let configuration = try input.object("stateConfiguration") {
            for unsupported in ["errorCausedByState", "mapIterationFailureCount", "mapItemReaderData"] where configuration[unsupported] != nil {
                throw StepFunctionsError.validation("stateConfiguration.\(unsupported) is not supported by Brume yet")
            }
            retryCount = configuration["retrierRetryCount"]?.intValue ?? 0
        }
        var mock: StateTester.Mock?
        if let mockInput = try input.object("mock") {
            if let result = mockInput["result"]?.stringValue {
                mock = .result(try Self.json(result, member: "mock.result"))
            } else if let failure = mockInput["errorOutput"]?.objectValue {
                mock = .failure(error: failure["error"]?.stringValue ?? "", cause: failure["cause"]?.stringValue ?? "")
            } else {
                throw StepFunctionsError.validation("A mock needs a result or an errorOutput")
            }
        }
        let request = StateTester.Request(
            definition: definition, stateName: try input.string("stateName"), input: stateInput, variables: variables,
            retryCount: retryCount, mock: mock
        )
        let outcome: StateTester.Outcome
        do {
            outcome = try await StateTester(invoker: backend.invoker).test(request)
        } catch .invalidDefinition(let message) {
            throw StepFunctionsError.invalidDefinition(message)
        } catch .unsupported(let message) {
            throw StepFunctionsError.validation(message)
        }
        var output: JSONObject = [:]
        if let value = outcome.output { output["output"] = .string(value.text) }
        if let error = outcome.error { output["error"] = .string(error) }
        if let cause = outcome.cause { output["cause"] = .string(cause) }
        if level != "INFO" { output["inspectionData"] = .object(outcome.inspection) }
        if let next = outcome.nextState { output["nextState"] = .string(next) }
        output["status"] = .string(outcome.status)
        return .object(output)
    }

    /// A JSON-text member, or InvalidExecutionInput naming it.
    private static func json(_ text: String, member: String) throws(StepFunctionsError) -> JSONValue {
        do {
            return try JSONValue.parse(Array(text.utf8))
        } catch {
            throw .invalidExecutionInput("Invalid State Machine Execution Input: '\(member) is not valid JSON: \(error.description)'")
        }
    }
}
