@testable import BrumeLambda
import Testing

@Suite("Instance lifecycle")
struct InstanceStateMachineTests {
    @Test("an invocation assigned during init waits for the runtime's first next request")
    func assignDuringInit() {
        var machine = InstanceStateMachine()
        #expect(machine.acceptsInvocation)
        #expect(machine.assign("a").isEmpty)
        #expect(!machine.acceptsInvocation)
        #expect(machine.nextRequested() == [.initCompleted, .deliver("a")])
        #expect(machine.answered("a", errored: false) == [.complete("a", .response)])
        #expect(machine.state == .idle)
    }

    @Test("a runtime that asks first gets the next invocation at once")
    func parkedNext() {
        var machine = InstanceStateMachine()
        #expect(machine.nextRequested() == [.initCompleted])
        #expect(machine.nextIsWaiting)
        #expect(machine.assign("a") == [.deliver("a")])
        #expect(machine.answered("a", errored: true) == [.complete("a", .functionError)])
        // The runtime's next ask after answering parks until there is work.
        #expect(machine.nextRequested().isEmpty)
        #expect(machine.assign("b") == [.deliver("b")])
    }

    @Test("an assignment before the runtime asks again is delivered when it asks")
    func assignBeforeNext() {
        var machine = InstanceStateMachine()
        _ = machine.nextRequested()
        _ = machine.assign("a")
        _ = machine.answered("a", errored: false)
        #expect(machine.assign("b").isEmpty)
        #expect(machine.state == .invoking("b", delivered: false))
        #expect(machine.nextRequested() == [.deliver("b")])
    }

    @Test("answers for another request id, and a second concurrent next, are refused")
    func rejections() {
        var machine = InstanceStateMachine()
        _ = machine.nextRequested()
        #expect(machine.nextRequested() == [.reject(.concurrentNext)])
        _ = machine.assign("a")
        #expect(machine.answered("zzz", errored: false) == [.reject(.unknownInvocation)])
        #expect(machine.initErrorReported() == [.reject(.initErrorAfterInit)])
        #expect(machine.state == .invoking("a", delivered: true))
    }

    @Test("an init error fails the waiting invocation and ends the instance")
    func initError() {
        var machine = InstanceStateMachine()
        _ = machine.assign("a")
        #expect(machine.initErrorReported() == [.complete("a", .initError), .terminate])
        #expect(machine.state == .terminated(.initFailed))
        #expect(machine.nextRequested() == [.reject(.instanceGone)])
    }

    @Test("a crash during an invocation reports the exit status; while idle it just ends")
    func crashes() {
        var busy = InstanceStateMachine()
        _ = busy.nextRequested()
        _ = busy.assign("a")
        #expect(busy.processExited(status: 3) == [.complete("a", .exited(3)), .terminate])
        #expect(busy.state == .terminated(.exited(3)))

        var idle = InstanceStateMachine()
        _ = idle.nextRequested()
        #expect(idle.processExited(status: 0) == [.terminate])
        #expect(!idle.acceptsInvocation)

        var initializing = InstanceStateMachine()
        _ = initializing.assign("a")
        #expect(initializing.processExited(status: 1) == [.complete("a", .exited(1)), .terminate])
        #expect(initializing.state == .terminated(.initFailed))
    }

    @Test("a deadline kills the instance; a stale deadline does nothing")
    func deadlines() {
        var machine = InstanceStateMachine()
        _ = machine.nextRequested()
        _ = machine.assign("a")
        #expect(machine.invocationDeadlinePassed("old").isEmpty)
        #expect(machine.invocationDeadlinePassed("a") == [.complete("a", .timedOut), .terminate])
        #expect(machine.state == .terminated(.timedOut))
        // The process's exit after the kill changes nothing more.
        #expect(machine.processExited(status: -9).isEmpty)

        var slowInit = InstanceStateMachine()
        _ = slowInit.assign("a")
        #expect(slowInit.initDeadlinePassed() == [.complete("a", .timedOut), .terminate])
    }

    @Test("retiring drains a busy instance and ends an idle one")
    func retire() {
        var busy = InstanceStateMachine()
        _ = busy.nextRequested()
        _ = busy.assign("a")
        #expect(busy.retire().isEmpty)
        #expect(!busy.acceptsInvocation)
        #expect(busy.answered("a", errored: false) == [.complete("a", .response), .terminate])
        #expect(busy.state == .terminated(.retired))

        var idle = InstanceStateMachine()
        _ = idle.nextRequested()
        #expect(idle.retire() == [.terminate])
    }

    @Test("a runtime that asks again without answering keeps its invocation open")
    func nextWithoutAnswer() {
        var machine = InstanceStateMachine()
        _ = machine.nextRequested()
        _ = machine.assign("a")
        #expect(machine.nextRequested().isEmpty)
        #expect(machine.nextIsWaiting)
        #expect(machine.answered("a", errored: false) == [.complete("a", .response)])
        #expect(machine.assign("b") == [.deliver("b")])
    }
}
