import BrumeEdge
import BrumeStates
import BrumeWire
import Foundation

/// Runs Task states by calling Brume's own services through the edge, as AWS's integrations
/// call theirs: SQS SendMessage (with or without a task token), Lambda Invoke (optimized, with
/// a task token, or a function ARN), S3 through the AWS SDK integration, and nested Step
/// Functions executions.
struct IntegrationTaskInvoker: TaskInvoker {
    let client: EdgeClient
    let tokens: TaskTokenRegistry
    let clock: any StatesClock
    /// Rings when a child execution ends, for `.sync` tasks.
    let endings: ExecutionEndings
    /// Runs follow-up work that must outlive a stopped task (stopping a `.sync` child): the
    /// execution runner, which owns it and drops it at shutdown.
    let followUp: @Sendable (@escaping @Sendable () async -> Void) -> Void
    /// How long a `.sync` task waits without news before it reads its child's status again (the
    /// child's end wakes it at once; this only bounds a wait whose news went missing).
    static let childCheckInterval = Duration.seconds(60)

    func invoke(_ request: TaskRequest) async throws(StatesError) -> JSONValue {
        guard let integration = TaskIntegration(resource: request.resource) else {
            throw StatesError(StatesErrorName.taskFailed, "The resource '\(request.resource)' is not supported by Brume yet")
        }
        switch integration {
        case .sqsSendMessage(callback: false):
            return SQSIntegration.result(try await sendMessage(request.input))
        case .sqsSendMessage(callback: true):
            return try await waitForTaskToken(request) { () async throws(StatesError) -> JSONValue in
                SQSIntegration.result(try await sendMessage(request.input))
            }
        case .s3(let operation):
            let call = try S3Integration.request(operation, parameters: request.input)
            let response = try await send("s3", method: call.method, path: call.path, headers: call.headers.map { ($0.name, $0.value) }, body: call.body)
            guard (200..<300).contains(response.status) else { throw S3Integration.error(response) }
            return S3Integration.result(operation, response)
        case .lambdaInvoke(callback: false):
            return LambdaIntegration.invokeResult(try await invokeFunction(try LambdaIntegration.invokeCall(request.input)))
        case .lambdaInvoke(callback: true):
            return try await waitForTaskToken(request) { () async throws(StatesError) -> JSONValue in
                LambdaIntegration.invokeResult(try await invokeFunction(try LambdaIntegration.invokeCall(request.input)))
            }
        case .lambdaFunction(let arn):
            return LambdaIntegration.functionResult(try await invokeFunction(LambdaIntegration.functionCall(arn: arn, input: request.input)))
        case .startExecution(let mode):
            let started = try await callStates(NestedExecutionIntegration.startTarget, NestedExecutionIntegration.startRequest(request.input))
            let startResult = NestedExecutionIntegration.startResult(started)
            guard mode != .fireAndForget else { return startResult }
            await request.submitted(startResult)
            return try await waitForChild(started["executionArn"] ?? .null, parseOutput: mode == .syncJSON)
        }
    }

    // MARK: SQS

    private func sendMessage(_ parameters: JSONValue) async throws(StatesError) -> EdgeClient.Response {
        let body = try SQSIntegration.sendMessageRequest(parameters)
        let response = try await send("sqs", method: "POST", path: "/", headers: [
            ("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", SQSIntegration.target),
        ], body: body.serialized)
        guard response.status == 200 else { throw SQSIntegration.error(response) }
        return response
    }

    // MARK: Lambda

    /// Invokes a function; a function error or a refused call fails the task.
    private func invokeFunction(_ call: LambdaIntegration.Call) async throws(StatesError) -> EdgeClient.Response {
        let response: EdgeClient.Response
        do throws(EdgeClient.Failure) {
            // A synchronous invoke may run up to the function's 15-minute limit.
            response = try await client.send(service: "lambda", method: "POST", path: call.path, query: call.query, headers: call.headers,
                                             body: call.body, timeout: .seconds(960))
        } catch {
            throw IntegrationError.transport(error, service: "lambda")
        }
        guard (200..<300).contains(response.status) else { throw LambdaIntegration.serviceError(response) }
        if response.header("X-Amz-Function-Error") != nil { throw LambdaIntegration.functionError(response) }
        return response
    }

    // MARK: Callbacks

    /// Opens the task's token, runs `start` (which hands the token to a worker), records
    /// TaskSubmitted, then waits for SendTaskSuccess/SendTaskFailure, failing with
    /// `States.HeartbeatTimeout` when HeartbeatSeconds pass without a heartbeat.
    private func waitForTaskToken(
        _ request: TaskRequest, start: () async throws(StatesError) -> JSONValue
    ) async throws(StatesError) -> JSONValue {
        guard let token = request.taskToken else {
            throw StatesError(StatesErrorName.runtime, "A callback task needs a task token")
        }
        let outcomes = await tokens.open(token, now: clock.now())
        let tokens = self.tokens
        let clock = self.clock
        let heartbeat = request.heartbeatSeconds
        let outcome: TaskTokenRegistry.Outcome
        do throws(StatesError) {
            await request.submitted(try await start())
            outcome = await withTaskGroup(of: TaskTokenRegistry.Outcome?.self) { group in
                group.addTask {
                    for await outcome in outcomes { return outcome }
                    return nil
                }
                if let heartbeat {
                    group.addTask {
                        while let last = await tokens.lastHeartbeat(token) {
                            let deadline = last.addingTimeInterval(TimeInterval(heartbeat))
                            if clock.now() >= deadline { return .failure(StatesError(StatesErrorName.heartbeatTimeout, "")) }
                            do { try await clock.sleep(until: deadline) } catch { return nil }
                        }
                        return nil
                    }
                }
                // The first outcome wins; both children give nil when cancelled (the execution stopped).
                var first: TaskTokenRegistry.Outcome?
                for await next in group {
                    if let next { first = next; break }
                }
                group.cancelAll()
                return first ?? .failure(StatesError("States.Cancelled", "The execution was stopped."))
            }
        } catch {
            await tokens.close(token)
            throw error
        }
        await tokens.close(token)
        switch outcome {
        case .success(let output): return output
        case .failure(let error): throw error
        }
    }

    // MARK: Nested executions

    private func waitForChild(_ executionARN: JSONValue, parseOutput: Bool) async throws(StatesError) -> JSONValue {
        // Subscribed before the first read of the status, so an end in between still rings.
        let arn = executionARN.stringValue ?? ""
        let ended = endings.subscribe(arn)
        defer { endings.unsubscribe(ended, from: arn) }
        while true {
            let described = try await callStates(NestedExecutionIntegration.describeTarget, ["executionArn": executionARN])
            let status = described["status"]?.stringValue ?? "RUNNING"
            if status != "RUNNING" {
                let result = NestedExecutionIntegration.describeResult(described, parseOutput: parseOutput)
                guard status == "SUCCEEDED" else { throw NestedExecutionIntegration.childFailure(result) }
                return result
            }
            await ended.wait(timeout: Self.childCheckInterval)
            if Task.isCancelled {
                // The parent was stopped: stop the child too, as Step Functions does. The call
                // cannot run in this cancelled task, so the runner makes it.
                let client = self.client
                followUp {
                    _ = try? await client.send(service: "states", method: "POST", path: "/", headers: [
                        ("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", NestedExecutionIntegration.stopTarget),
                    ], body: JSONValue.object(["executionArn": executionARN]).serialized)
                }
                throw StatesError("States.Cancelled", "The execution was stopped.")
            }
        }
    }

    private func callStates(_ target: String, _ body: JSONValue) async throws(StatesError) -> JSONValue {
        let response = try await send("states", method: "POST", path: "/", headers: [
            ("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", target),
        ], body: body.serialized)
        guard response.status == 200 else { throw NestedExecutionIntegration.error(response) }
        return (try? JSONValue.parse(response.body)) ?? .object([:])
    }

    // MARK: Transport

    private func send(
        _ service: String, method: String, path: String, headers: [(name: String, value: String)], body: [UInt8]
    ) async throws(StatesError) -> EdgeClient.Response {
        do throws(EdgeClient.Failure) {
            return try await client.send(service: service, method: method, path: path, headers: headers, body: body)
        } catch {
            throw IntegrationError.transport(error, service: service)
        }
    }
}
