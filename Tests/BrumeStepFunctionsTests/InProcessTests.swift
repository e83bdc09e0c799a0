import AsyncHTTPClient
import BrumeCore
import BrumeTesting
import BrumeWire
import Foundation
import NIOCore
import Testing

/// Step Functions through a real socket: requests as an SDK sends them, against `withStack`.
@Suite struct StepFunctionsInProcessTests {
    static var config: StackConfig {
        var config = StackConfig()
        config.services = ["stepfunctions": .init()]
        config.timeScale = 100
        return config
    }

    /// Sends one awsJson1.0 request and returns the status and the parsed body.
    static func call(_ endpoint: String, _ operation: String, _ body: JSONValue) async throws -> (Int, JSONValue) {
        var request = HTTPClientRequest(url: endpoint + "/")
        request.method = .POST
        request.headers.add(name: "X-Amz-Target", value: "AWSStepFunctions.\(operation)")
        request.headers.add(name: "Content-Type", value: "application/x-amz-json-1.0")
        request.body = .bytes(ByteBuffer(bytes: body.serialized))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), try JSONValue.parse(bytes.readableBytesView))
    }

    @Test func anExecutionWaitsInScaledTimeAndCanBeStopped() async throws {
        try await withStack(Self.config) { endpoint in
            let definition = #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":20,"End":true}}}"#
            let (status, created) = try await Self.call(endpoint, "CreateStateMachine", [
                "name": "waiter", "definition": .string(definition), "roleArn": "arn:aws:iam::000000000000:role/r",
            ])
            #expect(status == 200)
            let machine = try #require(created["stateMachineArn"])

            // 20 virtual seconds at 100x: done in about 0.2 s.
            let (_, started) = try await Self.call(endpoint, "StartExecution", ["stateMachineArn": machine, "input": #"{"a":1}"#])
            let execution = try #require(started["executionArn"])
            var described: JSONValue = .null
            for _ in 0..<50 {
                (_, described) = try await Self.call(endpoint, "DescribeExecution", ["executionArn": execution])
                if described["status"] != "RUNNING" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(described["status"] == "SUCCEEDED")
            #expect(described["output"] == #"{"a":1}"#)

            // A second machine that waits for hours is stopped at once.
            _ = try await Self.call(endpoint, "UpdateStateMachine", [
                "stateMachineArn": machine, "definition": .string(definition.replacingOccurrences(of: "20", with: "3600000")),
            ])
            let (_, long) = try await Self.call(endpoint, "StartExecution", ["stateMachineArn": machine, "name": "long"])
            let (stopStatus, _) = try await Self.call(endpoint, "StopExecution", ["executionArn": long["executionArn"]!, "cause": "enough"])
            #expect(stopStatus == 200)
            let (_, stopped) = try await Self.call(endpoint, "DescribeExecution", ["executionArn": long["executionArn"]!])
            #expect(stopped["status"] == "ABORTED")
            #expect(stopped["cause"] == "enough")
            let (_, history) = try await Self.call(endpoint, "GetExecutionHistory", ["executionArn": long["executionArn"]!, "reverseOrder": true])
            #expect(history["events"]?.arrayValue?.first?["type"] == "ExecutionAborted")
        }
    }

    @Test func errorsUseTheModelsShapeNames() async throws {
        try await withStack(Self.config) { endpoint in
            let (status, body) = try await Self.call(endpoint, "DescribeStateMachine", [
                "stateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine:missing",
            ])
            #expect(status == 400)
            #expect(body["__type"] == "StateMachineDoesNotExist")
            let (_, invalid) = try await Self.call(endpoint, "CreateStateMachine", [
                "name": "t", "roleArn": "arn:aws:iam::000000000000:role/r",
                "definition": #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","End":true}}}"#,
            ])
            #expect(invalid["__type"] == "InvalidDefinition")
            #expect(invalid["message"]?.stringValue?.contains("is not supported by Brume yet") == true)
        }
    }
}
