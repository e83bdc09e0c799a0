import AsyncHTTPClient
import BrumeCore
import BrumeSigV4
import BrumeTesting
import BrumeWire
import Foundation
import NIOCore
import Testing

/// Task integrations through a real socket on a stack with `auth: strict`: the service's own
/// calls to SQS and to Step Functions go through the edge and must carry valid signatures.
@Suite struct StepFunctionsIntegrationInProcessTests {
    static var config: StackConfig {
        var config = StackConfig()
        config.services = ["stepfunctions": .init(), "sqs": .init()]
        config.auth = .strict
        return config
    }

    /// Sends one signed awsJson1.0 request (`target` is `AWSStepFunctions.X` or `AmazonSQS.X`).
    static func call(_ endpoint: String, service: String, _ target: String, _ body: JSONValue) async throws -> (Int, JSONValue) {
        let bytes = body.serialized
        let signer = SigV4Signer(accessKeyID: "test", secret: "test", region: "us-east-1", service: service)
        let headers = signer.sign(
            method: "POST", host: String(endpoint.dropFirst("http://".count)), path: "/",
            // As SDKs sign JSON requests: the body's hash is signed but not sent in a header.
            headers: [("X-Amz-Target", target), ("Content-Type", "application/x-amz-json-1.0")],
            payloadHash: SigV4.payloadHash(bytes), date: Date()
        )
        var request = HTTPClientRequest(url: endpoint + "/")
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: bytes))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let collected = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), try JSONValue.parse(collected.readableBytesView))
    }

    static func finished(_ endpoint: String, _ execution: JSONValue) async throws -> JSONValue {
        for _ in 0..<100 {
            let (_, described) = try await call(endpoint, service: "states", "AWSStepFunctions.DescribeExecution", ["executionArn": execution])
            if described["status"] != "RUNNING" { return described }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the execution did not finish")
        return .null
    }

    @Test func sendMessageAndNestedExecutionsAreSignedForAStrictStack() async throws {
        try await withStack(Self.config) { endpoint in
            let (_, queue) = try await Self.call(endpoint, service: "sqs", "AmazonSQS.CreateQueue", ["QueueName": "jobs"])
            let queueURL = try #require(queue["QueueUrl"], "\(queue)")
            let role: JSONValue = "arn:aws:iam::000000000000:role/r"
            let (_, child) = try await Self.call(endpoint, service: "states", "AWSStepFunctions.CreateStateMachine", [
                "name": "child", "roleArn": role,
                "definition": .string(#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#),
            ])
            let childARN = try #require(child["stateMachineArn"]?.stringValue)
            let definition: JSONValue = [
                "StartAt": "Send", "States": [
                    "Send": ["Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "ResultPath": "$.sent", "Next": "Nested",
                             "Parameters": ["QueueUrl": queueURL, "MessageBody": ["n.$": "$.n"]]],
                    "Nested": ["Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "ResultPath": "$.child", "End": true,
                               "Parameters": ["StateMachineArn": .string(childARN), "Input": ["from": "parent"]]],
                ],
            ]
            let (status, parent) = try await Self.call(endpoint, service: "states", "AWSStepFunctions.CreateStateMachine", [
                "name": "parent", "roleArn": role, "definition": .string(String(decoding: definition.serialized, as: UTF8.self)),
            ])
            #expect(status == 200)
            let (_, started) = try await Self.call(endpoint, service: "states", "AWSStepFunctions.StartExecution", [
                "stateMachineArn": try #require(parent["stateMachineArn"]), "input": #"{"n":3}"#,
            ])
            let described = try await Self.finished(endpoint, try #require(started["executionArn"]))
            #expect(described["status"] == "SUCCEEDED", "\(described)")
            let output = try JSONValue.parse(Array((described["output"]?.stringValue ?? "").utf8))
            #expect(output["child"]?["Output"] == ["from": "parent"])
            #expect(output["child"]?["Status"] == "SUCCEEDED")

            let (_, received) = try await Self.call(endpoint, service: "sqs", "AmazonSQS.ReceiveMessage", ["QueueUrl": queueURL])
            let message = received["Messages"]?.arrayValue?.first
            #expect(message?["Body"] == .string(#"{"n":3}"#))
            #expect(message?["MessageId"] == output["sent"]?["MessageId"])
        }
    }

    @Test func stoppingASyncParentStopsItsChild() async throws {
        try await withStack(Self.config) { endpoint in
            let role: JSONValue = "arn:aws:iam::000000000000:role/r"
            let (_, child) = try await Self.call(endpoint, service: "states", "AWSStepFunctions.CreateStateMachine", [
                "name": "slow-child", "roleArn": role,
                "definition": .string(#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":600,"End":true}}}"#),
            ])
            let definition: JSONValue = [
                "StartAt": "Nested", "States": [
                    "Nested": ["Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync", "End": true,
                               "Parameters": ["StateMachineArn": try #require(child["stateMachineArn"])]],
                ],
            ]
            let (_, parent) = try await Self.call(endpoint, service: "states", "AWSStepFunctions.CreateStateMachine", [
                "name": "parent", "roleArn": role, "definition": .string(String(decoding: definition.serialized, as: UTF8.self)),
            ])
            let (_, started) = try await Self.call(endpoint, service: "states", "AWSStepFunctions.StartExecution", [
                "stateMachineArn": try #require(parent["stateMachineArn"]),
            ])
            let parentARN = try #require(started["executionArn"])
            // Wait until the child runs (the parent recorded TaskSubmitted with its ARN).
            var childARN: JSONValue?
            for _ in 0..<100 where childARN == nil {
                let (_, history) = try await Self.call(endpoint, service: "states", "AWSStepFunctions.GetExecutionHistory", ["executionArn": parentARN])
                let submitted = history["events"]?.arrayValue?.first { $0["type"] == "TaskSubmitted" }
                if let output = submitted?["taskSubmittedEventDetails"]?["output"]?.stringValue {
                    childARN = try JSONValue.parse(Array(output.utf8))["ExecutionArn"]
                } else {
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            let childExecution = try #require(childARN)
            _ = try await Self.call(endpoint, service: "states", "AWSStepFunctions.StopExecution", ["executionArn": parentARN])
            let stopped = try await Self.finished(endpoint, childExecution)
            #expect(stopped["status"] == "ABORTED")
        }
    }
}
