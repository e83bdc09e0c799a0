@testable import BrumeStepFunctions
import BrumeEdge
import BrumeStates
import BrumeWire
import Foundation
import Testing

/// The task integrations without a network: resource parsing, request building, result and
/// error mapping, and the task-token registry.
@Suite struct TaskIntegrationTests {
    @Test func resourcesBrumeRuns() {
        #expect(TaskIntegration(resource: "arn:aws:states:::sqs:sendMessage") == .sqsSendMessage(callback: false))
        #expect(TaskIntegration(resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken") == .sqsSendMessage(callback: true))
        #expect(TaskIntegration(resource: "arn:aws:states:::aws-sdk:s3:getObject") == .s3(.getObject))
        #expect(TaskIntegration(resource: "arn:aws:states:::states:startExecution.sync:2") == .startExecution(.syncJSON))
        #expect(TaskIntegration(resource: "arn:aws:states:::aws-sdk:s3:listBuckets") == nil)
        #expect(TaskIntegration(resource: "arn:aws:states:::lambda:invoke") == .lambdaInvoke(callback: false))
        #expect(TaskIntegration(resource: "arn:aws:states:::lambda:invoke.waitForTaskToken") == .lambdaInvoke(callback: true))
        let function = "arn:aws:lambda:us-east-1:000000000000:function:f:live"
        #expect(TaskIntegration(resource: function) == .lambdaFunction(function))
        #expect(TaskIntegration(resource: "arn:aws:states:::dynamodb:putItem") == nil)
    }

    @Test func expressMachinesRefuseWaitingPatterns() {
        let text = #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync","End":true}}}"#
        let found = TaskResourceSupport.firstUnsupported(in: text, type: .express)
        #expect(found?.reason == .expressPattern(".sync"))
        #expect(found.map(TaskResourceSupport.message)?.contains("Express state machine does not support '.sync'") == true)
        #expect(TaskResourceSupport.firstUnsupported(in: text, type: .standard) == nil)
    }
}

@Suite struct SQSIntegrationTests {
    @Test func objectBodiesAreSentAsJSONText() throws {
        let request = try SQSIntegration.sendMessageRequest([
            "QueueUrl": "http://q", "MessageBody": ["a": 1, "b": [true]], "DelaySeconds": 5,
        ])
        #expect(request["MessageBody"] == .string(#"{"a":1,"b":[true]}"#))
        #expect(request["DelaySeconds"] == 5)
        let text = try SQSIntegration.sendMessageRequest(["QueueUrl": "http://q", "MessageBody": "plain"])
        #expect(text["MessageBody"] == "plain")
    }

    @Test func resultKeepsTheResponseMembers() {
        let response = EdgeClient.Response(
            status: 200, headers: [("x-amzn-RequestId", "req-1")],
            body: Array(#"{"MD5OfMessageBody":"abc","MessageId":"m-1","SequenceNumber":"1"}"#.utf8)
        )
        let result = SQSIntegration.result(response)
        #expect(result["MessageId"] == "m-1")
        #expect(result["MD5OfMessageBody"] == "abc")
        #expect(result["SequenceNumber"] == "1")
        #expect(result["SdkResponseMetadata"]?["RequestId"] == "req-1")
        #expect(result["SdkHttpMetadata"]?["HttpStatusCode"] == 200)
    }

    @Test func errorsAreNamedAfterTheSDKException() {
        let response = EdgeClient.Response(
            status: 400, headers: [("x-amzn-RequestId", "r")],
            body: Array(#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}"#.utf8)
        )
        let error = SQSIntegration.error(response)
        #expect(error.error == "SQS.QueueDoesNotExistException")
        #expect(error.cause.hasPrefix("The specified queue does not exist. (Service: AmazonSQS; Status Code: 400; Error Code: QueueDoesNotExist"))
    }
}

@Suite struct S3IntegrationTests {
    @Test func putObjectRequest() throws {
        let call = try S3Integration.request(.putObject, parameters: [
            "Bucket": "b", "Key": "dir/a b.json", "Body": ["k": "v"], "ContentType": "application/json", "Metadata": ["who": "sfn"],
        ])
        #expect(call.method == "PUT")
        #expect(call.path == "/b/dir/a b.json")
        #expect(call.body == Array(#"{"k":"v"}"#.utf8))
        #expect(call.headers.contains(.init(name: "Content-Type", value: "application/json")))
        #expect(call.headers.contains(.init(name: "x-amz-meta-who", value: "sfn")))
        #expect(throws: StatesError.self) { try S3Integration.request(.getObject, parameters: ["Bucket": "b"]) }
    }

    @Test func getObjectResult() {
        let response = EdgeClient.Response(status: 200, headers: [
            ("ETag", "\"abc\""), ("Content-Length", "5"), ("Content-Type", "text/plain"),
            ("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT"), ("x-amz-meta-who", "sfn"), ("Accept-Ranges", "bytes"),
        ], body: Array("hello".utf8))
        let result = S3Integration.result(.getObject, response)
        #expect(result["Body"] == "hello")
        #expect(result["ContentLength"] == 5)
        #expect(result["ETag"] == "\"abc\"")
        #expect(result["LastModified"] == "2015-10-21T07:28:00Z")
        #expect(result["Metadata"] == ["who": "sfn"])
        #expect(result["AcceptRanges"] == "bytes")
    }

    @Test func putObjectResultHasNoBodyMembers() {
        let response = EdgeClient.Response(status: 200, headers: [("ETag", "\"e\""), ("Content-Length", "0"), ("x-amz-server-side-encryption", "AES256")], body: [])
        #expect(S3Integration.result(.putObject, response) == ["ETag": "\"e\"", "ServerSideEncryption": "AES256"])
    }

    @Test func errorsAreNamedAfterTheSDKException() {
        let response = EdgeClient.Response(
            status: 404, headers: [("x-amz-request-id", "r"), ("x-amz-id-2", "x")],
            body: Array("<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>".utf8)
        )
        let error = S3Integration.error(response)
        #expect(error.error == "S3.NoSuchKeyException")
        #expect(error.cause == "The specified key does not exist. (Service: S3, Status Code: 404, Request ID: r, Extended Request ID: x)")
    }
}

@Suite struct NestedExecutionIntegrationTests {
    @Test func startRequestSerializesInput() throws {
        let request = try NestedExecutionIntegration.startRequest(["StateMachineArn": "arn:sm", "Input": ["n": 1], "Name": "x"])
        #expect(request == ["stateMachineArn": "arn:sm", "input": #"{"n":1}"#, "name": "x"])
        #expect(NestedExecutionIntegration.startResult(["executionArn": "arn:e", "startDate": 1.5]) == ["ExecutionArn": "arn:e", "StartDate": 1500])
    }

    @Test func syncReturnsOutputAsTextAndSync2AsJSON() {
        let described: JSONValue = [
            "executionArn": "arn:e", "status": "SUCCEEDED", "output": #"{"a":1}"#, "outputDetails": ["included": true], "stopDate": 2,
        ]
        let sync = NestedExecutionIntegration.describeResult(described, parseOutput: false)
        #expect(sync["Output"] == .string(#"{"a":1}"#))
        #expect(sync["OutputDetails"] == ["Included": true])
        #expect(sync["StopDate"] == 2000)
        #expect(NestedExecutionIntegration.describeResult(described, parseOutput: true)["Output"] == ["a": 1])
    }
}

@Suite struct TaskTokenRegistryTests {
    let now = Date(timeIntervalSince1970: 1_000)

    @Test func successReachesTheWaiterOnceThenTheTokenTimesOut() async throws {
        let registry = TaskTokenRegistry()
        let outcomes = await registry.open("t", now: now)
        try await registry.complete("t", with: .success(["ok": true]))
        var iterator = outcomes.makeAsyncIterator()
        guard case .success(let output)? = await iterator.next() else {
            Issue.record("no outcome")
            return
        }
        #expect(output == ["ok": true])
        await #expect(throws: StepFunctionsError.taskTimedOut) { try await registry.complete("t", with: .success(.null)) }
        await #expect(throws: StepFunctionsError.taskTimedOut) { try await registry.heartbeat("t", now: now) }
        await #expect(throws: StepFunctionsError.invalidToken("nope")) { try await registry.heartbeat("nope", now: now) }
    }

    @Test func heartbeatsMoveTheLastSign() async throws {
        let registry = TaskTokenRegistry()
        _ = await registry.open("t", now: now)
        try await registry.heartbeat("t", now: now.addingTimeInterval(5))
        #expect(await registry.lastHeartbeat("t") == now.addingTimeInterval(5))
        await registry.close("t")
        #expect(await registry.lastHeartbeat("t") == nil)
    }

    @Test func oldClosedTokensAreForgotten() async {
        let registry = TaskTokenRegistry(closedLimit: 1)
        for token in ["a", "b"] {
            _ = await registry.open(token, now: now)
            await registry.close(token)
        }
        await #expect(throws: StepFunctionsError.invalidToken("a")) { try await registry.heartbeat("a", now: now) }
        await #expect(throws: StepFunctionsError.taskTimedOut) { try await registry.heartbeat("b", now: now) }
    }
}
