// In-process throughput of the Step Functions interpreter (no HTTP, no storage).
//
// Builds two definitions -- a chain of Pass states and an inline Map whose processor is one
// Pass state -- runs each through `Interpreter.run` several times with a history recorder that
// only counts, a clock whose sleeps return at once and a task invoker that echoes its input,
// and prints one JSON object per workload on stdout. Used by bench/states_bench.py.
//
// Usage: brume-bench-states [--chain N] [--map-items N] [--map-concurrency N (0: unlimited)]
//                           [--runs N] [--warmup N] [--only chain|map|paths] [--details yes|no]
//
// --details no: the recorder declares it does not read event details (as a synchronous EXPRESS
// execution's does), so the interpreter skips building them; the default builds them all.
// --only paths: a chain of --chain Pass states using InputPath, Parameters paths and ResultPath
// (not run by default).
import BrumeStates
import BrumeWire
import Foundation
import Synchronization

/// Counts events and the states entered (every `...StateEntered` event is one state transition).
final class CountingRecorder: HistoryRecorder {
    private let counts = Mutex<(events: Int, entered: Int)>((0, 0))
    /// With `--details no` the recorder declares it ignores details, as StartSyncExecution's does.
    let recordsDetails: Bool

    init(recordsDetails: Bool) { self.recordsDetails = recordsDetails }

    func record(_ event: HistoryEvent) -> Int {
        let entered = event.type.hasSuffix("StateEntered")
        return counts.withLock {
            $0.events += 1
            if entered { $0.entered += 1 }
            return $0.events
        }
    }

    var snapshot: (events: Int, entered: Int) { counts.withLock { $0 } }
}

/// A fixed time; sleeps return at once.
struct InstantClock: StatesClock {
    let fixed = Date(timeIntervalSince1970: 1_700_000_000)
    func now() -> Date { fixed }
    func sleep(until deadline: Date) async throws { try Task.checkCancellation() }
}

/// Echoes the task's input.
struct EchoInvoker: TaskInvoker {
    func invoke(_ request: TaskRequest) async throws(StatesError) -> JSONValue { request.input }
}

struct Options {
    var chain = 1000
    var mapItems = 10000
    var runs = 20
    var warmup = 2
    var mapConcurrency = 0
    var only: String?
    var details = true

    init(_ arguments: [String]) {
        var it = arguments.makeIterator()
        while let flag = it.next() {
            let value = it.next()
            switch (flag, value.flatMap(Int.init)) {
            case ("--chain", let n?): chain = max(1, n)
            case ("--map-items", let n?): mapItems = max(0, n)
            case ("--runs", let n?): runs = max(1, n)
            case ("--warmup", let n?): warmup = max(0, n)
            case ("--map-concurrency", let n?): mapConcurrency = max(0, n)
            case ("--only", _) where value == "chain" || value == "map" || value == "paths": only = value
            case ("--details", _) where value == "yes" || value == "no": details = value == "yes"
            default:
                FileHandle.standardError.write(Data("unknown or invalid option: \(flag) \(value ?? "")\n".utf8))
                exit(64)
            }
        }
    }
}

func chainDefinition(_ count: Int) -> String {
    var states: [String] = []
    for i in 0..<count {
        let tail = i == count - 1 ? "\"End\": true" : "\"Next\": \"S\(i + 1)\""
        states.append("\"S\(i)\": {\"Type\": \"Pass\", \(tail)}")
    }
    return "{\"StartAt\": \"S0\", \"States\": {\(states.joined(separator: ", "))}}"
}

/// A Pass chain whose states use paths in every data-flow field, as real definitions do.
func pathsDefinition(_ count: Int) -> String {
    var states: [String] = []
    for i in 0..<count {
        let tail = i == count - 1 ? "\"End\": true" : "\"Next\": \"S\(i + 1)\""
        states.append(
            "\"S\(i)\": {\"Type\": \"Pass\", \"InputPath\": \"$.doc\", \"Parameters\": {\"id.$\": \"$.order.id\", \"n.$\": \"$.n\"}, "
                + "\"ResultPath\": \"$.doc.last\", \(tail)}"
        )
    }
    return "{\"StartAt\": \"S0\", \"States\": {\(states.joined(separator: ", "))}}"
}

func mapDefinition(maxConcurrency: Int) -> String {
    """
    {"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": \(maxConcurrency),
      "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Item",
        "States": {"Item": {"Type": "Pass", "End": true}}},
      "End": true}}}
    """
}

let identity = ExecutionIdentity(
    executionARN: "arn:aws:states:us-east-1:000000000000:execution:bench:run", name: "run",
    stateMachineARN: "arn:aws:states:us-east-1:000000000000:stateMachine:bench", stateMachineName: "bench",
    roleARN: "arn:aws:iam::000000000000:role/bench", startTime: Date(timeIntervalSince1970: 1_700_000_000)
)

func measure(name: String, definitionText: String, input: JSONValue, options: Options) async -> String {
    let definition: StateMachineDefinition
    do {
        definition = try StateMachineDefinition.parse(definitionText)
    } catch {
        return #"{"workload": "\#(name)", "error": "definition refused: \#(error)"}"#
    }
    var seconds: [Double] = []
    var transitions = 0
    var events = 0
    var failure: String?
    for run in 0..<(options.warmup + options.runs) {
        let recorder = CountingRecorder(recordsDetails: options.details)
        let interpreter = Interpreter(invoker: EchoInvoker(), clock: InstantClock(), history: recorder)
        let start = ContinuousClock.now
        let outcome = await interpreter.run(definition, input: input, identity: identity)
        let elapsed = ContinuousClock.now - start
        if case .failed(let error) = outcome { failure = "\(error.error): \(error.cause)" }
        guard run >= options.warmup else { continue }
        let counts = recorder.snapshot
        transitions = counts.entered
        events = counts.events
        seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    let total = seconds.reduce(0, +)
    let sorted = seconds.sorted()
    var fields: [String] = [
        #""workload": "\#(name)""#,
        #""runs": \#(seconds.count)"#,
        #""transitions_per_run": \#(transitions)"#,
        #""events_per_run": \#(events)"#,
        #""details": \#(options.details)"#,
        #""total_s": \#(total)"#,
        #""median_run_s": \#(sorted[sorted.count / 2])"#,
        #""best_run_s": \#(sorted[0])"#,
        #""transitions_per_s": \#(Double(transitions * seconds.count) / total)"#,
    ]
    if let failure {
        let escaped = failure.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        fields.append(#""error": "execution failed: \#(escaped)""#)
    }
    return "{" + fields.joined(separator: ", ") + "}"
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
if options.only == nil || options.only == "chain" {
    print(await measure(name: "chain", definitionText: chainDefinition(options.chain), input: ["n": 1], options: options))
}
if options.only == "paths" {
    let document: JSONValue = ["doc": ["order": ["id": "o-1"], "n": 1]]
    print(await measure(name: "paths", definitionText: pathsDefinition(options.chain), input: document, options: options))
}
if options.only == nil || options.only == "map" {
    let items = JSONValue.array((0..<options.mapItems).map { .int(Int64($0)) })
    print(await measure(name: "map", definitionText: mapDefinition(maxConcurrency: options.mapConcurrency), input: ["items": items], options: options))
}
