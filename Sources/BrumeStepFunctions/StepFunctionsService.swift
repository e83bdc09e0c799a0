public import BrumeCore
public import BrumeEdge
public import BrumeWire
public import Hummingbird
public import ServiceLifecycle
import BrumeStates
import Foundation
import HTTPTypes

/// Step Functions: state machines and their executions over awsJson1.0
/// (`X-Amz-Target: AWSStepFunctions.<Operation>`), driving the `BrumeStates` interpreter.
public final class StepFunctionsService: EdgeService {
    public let name = "stepfunctions"
    public let wireProtocol = WireProtocol.awsJson1_0

    let backend: StepFunctionsBackend
    let config: StackConfig
    let runner: ExecutionRunner
    /// The stack's own AWS client, for task integrations.
    let client: EdgeClient
    /// Task tokens of waiting callback tasks.
    let tokens: TaskTokenRegistry
    let clock: ScaledStatesClock

    /// A definition is at most 1 MiB; inputs at most 256 KiB. Requests carry one of each at most.
    static let maximumRequestSize = 4 * 1024 * 1024

    /// Opens the store under `<data>/stepfunctions`; executions run on `clock` sped up by the
    /// config's time scale, and their tasks call the other services through the edge at `edge`.
    public init(config: StackConfig, dataDirectory: DataDirectory, edge: EdgeAddress, clock: any WallClock = SystemWallClock()) throws {
        self.config = config
        runner = ExecutionRunner()
        client = EdgeClient(address: edge, config: config, clock: clock)
        tokens = TaskTokenRegistry()
        let statesClock = ScaledStatesClock(wall: clock, scale: config.timeScale)
        self.clock = statesClock
        backend = try StepFunctionsBackend(
            store: StepFunctionsStore(folder: try dataDirectory.folder("stepfunctions")),
            clock: statesClock, runner: runner,
            invoker: IntegrationTaskInvoker(client: client, tokens: tokens, clock: statesClock, followUp: { [runner] in runner.submit($0) }),
            objects: MapRunObjects(client: client)
        )
    }

    // The service group stops services in reverse order: the runner cancels executions before
    // the client closes, so no task sees a closed client and fails for it.
    public var backgroundServices: [any Service] { [client, runner] }

    public func respond(to request: Request, context: EdgeContext) async throws -> Response {
        let body = try await request.body.collect(upTo: Self.maximumRequestSize)
        guard let target = request.headers[HTTPField.Name("X-Amz-Target")!], target.hasPrefix("AWSStepFunctions.") else {
            throw AWSError(code: "UnknownOperationException", message: "", status: 400)
        }
        let operationName = String(target.dropFirst("AWSStepFunctions.".count))
        let input: StepFunctionsInput
        if body.readableBytes == 0 {
            input = StepFunctionsInput(.object([:]))
        } else {
            do {
                input = StepFunctionsInput(try JSONValue.parse(body.readableBytesView))
            } catch {
                throw AWSError(code: "SerializationException", message: "Start of structure or map found where not expected.", status: 400)
            }
        }
        guard let operation = Self.operations[operationName] else {
            throw AWSError(code: "UnknownOperationException", message: "", status: 400)
        }
        let output = try await operation(self)(StepFunctionsCall(operation: operationName, input: input, caller: context.caller))
        var wire = WireResponse(status: 200)
        wire.body = output.serialized
        wire.headers.append(.init("Content-Type", WireProtocol.awsJson1_0.contentType))
        return Response(wire)
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
