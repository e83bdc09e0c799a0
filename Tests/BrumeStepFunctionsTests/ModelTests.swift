@testable import BrumeStepFunctions
import BrumeCore
import Foundation
import Testing

@Suite struct StepFunctionsNamesTests {
    @Test(arguments: ["a", "My-Machine_1", String(repeating: "x", count: 80), "été"])
    func validNames(_ name: String) {
        #expect(StepFunctionsNames.isValid(name))
    }

    @Test(arguments: ["", String(repeating: "x", count: 81), "a b", "a:b", "a/b", "a*", "a{b}", "a\u{7}", "a$b"])
    func invalidNames(_ name: String) {
        #expect(!StepFunctionsNames.isValid(name))
    }

    @Test func executionARNNamesItsStateMachine() {
        let arn = StepFunctionsNames.executionARN(region: "us-east-1", account: "000000000000", stateMachine: "m", name: "e")
        #expect(arn == "arn:aws:states:us-east-1:000000000000:execution:m:e")
        #expect(StepFunctionsNames.stateMachineARN(ofExecution: arn) == "arn:aws:states:us-east-1:000000000000:stateMachine:m")
        #expect(StepFunctionsNames.parse("arn:aws:sqs:us-east-1:000000000000:q:x") == nil)
    }
}

@Suite struct PageTokenTests {
    @Test func pagesThroughEveryItemOnce() throws {
        let items = Array(0..<7)
        var seen: [Int] = []
        var token: String?
        repeat {
            let (page, next) = try PageToken.page(items, token: token, size: 3)
            seen += page
            token = next
        } while token != nil
        #expect(seen == items)
    }

    @Test func refusesForeignTokens() {
        #expect(throws: StepFunctionsError.invalidToken("nope")) { try PageToken.page([1], token: "nope", size: 1) }
    }
}

@Suite struct TaskResourceSupportTests {
    @Test func findsTaskStatesInsideBranchesAndProcessors() {
        let text = #"""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"T","States":{
                "T":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","End":true}}}}}}]}}}
            """#
        let found = TaskResourceSupport.firstUnsupported(in: text)
        #expect(found?.state == "T")
        #expect(found?.location == "/States/P/Branches/0/States/M/ItemProcessor/States/T/Resource")
    }

    @Test func passOnlyMachinesNeedNothing() {
        #expect(TaskResourceSupport.firstUnsupported(in: #"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#) == nil)
    }
}

@Suite struct StackStatesClockTests {
    @Test func executionsReadTheScaledStackClock() throws {
        let wall = ManualWallClock()
        let clock = StackStatesClock(StackClock(real: wall, scale: 10))
        let start = clock.now()
        wall.advance(by: 2)
        #expect(clock.now().timeIntervalSince(start) == 20)
    }

    @Test func aWaitEndsWhenTheStackClockIsAdvancedPastIt() async throws {
        let stack = StackClock(real: ManualWallClock())
        let clock = StackStatesClock(stack)
        let deadline = clock.now().addingTimeInterval(3600)
        let wait = Task { try await clock.sleep(until: deadline) }
        while stack.sleeperCount == 0 { await Task.yield() }
        try stack.advance(by: 3600)
        try await wait.value
        #expect(clock.now() >= deadline)
    }
}

@Suite struct ExecutionControlTests {
    @Test func stopCancelsTheBodyAndDropsItsResult() async {
        let control = ExecutionControl()
        async let result: Int? = control.run {
            try? await Task.sleep(for: .seconds(30))
            return 1
        }
        try? await Task.sleep(for: .milliseconds(50))
        #expect(control.stop())
        #expect(await result == nil)
        #expect(!control.stop())
    }

    @Test func aFinishedBodyKeepsItsResult() async {
        let control = ExecutionControl()
        #expect(await control.run { 7 } == 7)
    }
}

@Suite struct ExecutionControlCancellationTests {
    @Test func cancellingTheRunningTaskStopsTheExecution() async {
        let control = ExecutionControl()
        let task = Task { await control.run { () async -> Int in
            try? await Task.sleep(for: .seconds(30))
            return 1
        } }
        try? await Task.sleep(for: .milliseconds(50))
        task.cancel()
        #expect(await task.value == nil)
        #expect(control.isStopped)
    }
}
