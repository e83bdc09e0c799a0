public import BrumeCore
public import BrumeEdge
public import BrumeWire
public import Hummingbird
public import ServiceLifecycle
import BrumeStates
import Foundation

/// Step Functions: state machines and their executions over awsJson1.0
/// (`X-Amz-Target: AWSStepFunctions.<Operation>`), driving the `BrumeStates` interpreter.
public final class StepFunctionsService: EdgeService {
    public let name = "stepfunctions"
    public let wireProtocol = WireProtocol.awsJson1_0
    public var internalError: AWSError { .commonInternalFailure }

    let backend: StepFunctionsBackend
    let config: StackConfig
    let runner: ExecutionRunner
    /// The stack's own AWS client, for task integrations.
    let client: EdgeClient
    /// Task tokens of waiting callback tasks.
    let tokens: TaskTokenRegistry
    let clock: StackStatesClock

    /// A definition is at most 1 MiB; inputs at most 256 KiB. Requests carry one of each at most.
    static let maximumRequestSize = 4 * 1024 * 1024

    /// Opens the store under `<data>/stepfunctions`; executions run on the stack clock (by
    /// default one at the config's time scale), and their tasks call the other services through
    /// the edge at `edge`.
    public init(config: StackConfig, dataDirectory: DataDirectory, edge: EdgeAddress, clock: StackClock? = nil) throws {
        let clock = clock ?? StackClock(scale: config.timeScale)
        self.config = config
        runner = ExecutionRunner()
        client = EdgeClient(address: edge, config: config, clock: clock.realClock)
        tokens = TaskTokenRegistry()
        let statesClock = StackStatesClock(clock)
        self.clock = statesClock
        let endings = ExecutionEndings()
        backend = try StepFunctionsBackend(
            store: StepFunctionsStore(folder: try dataDirectory.folder("stepfunctions")),
            clock: statesClock, runner: runner,
            invoker: IntegrationTaskInvoker(
                client: client, tokens: tokens, clock: statesClock, endings: endings, followUp: { [runner] in runner.submit($0) }
            ),
            objects: MapRunObjects(client: client), endings: endings
        )
    }

    // The service group stops services in reverse order: the runner cancels executions before
    // the client closes, so no task sees a closed client and fails for it.
    public var backgroundServices: [any Service] { [client, runner] }

    public func respond(to request: Request, context: EdgeContext) async throws -> Response {
        let call = try await AWSJSONRequest.read(request, targetPrefix: "AWSStepFunctions.", maximumSize: Self.maximumRequestSize)
        guard let operation = Self.operations[call.operation] else {
            throw AWSError(code: "UnknownOperationException", message: "", status: 400)
        }
        let output = try await operation(self)(StepFunctionsCall(operation: call.operation, input: StepFunctionsInput(call.input), caller: context.caller))
        return AWSJSONRequest.response(output, .awsJson1_0)
    }

    public func resourceSummary() async throws -> [String: [String]] {
        ["stateMachines": await backend.allStateMachines().map(\.arn)]
    }
}

/// One decoded request.
struct StepFunctionsCall: Sendable {
    let operation: String
    let input: StepFunctionsInput
    let caller: Caller
}
