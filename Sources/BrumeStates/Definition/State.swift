import BrumeWire

/// One state of a state machine, as its definition describes it, validated.
///
/// Path fields are `String??`: `nil` means the field is absent (the default `$` applies) and
/// `.some(nil)` means an explicit JSON `null`, which ASL gives its own meaning (discard the
/// input, output or result).
public struct State: Sendable, Equatable {
    /// The state's name: its key in `States`.
    public var name: String
    var kind: Kind
    var comment: String?
    /// Where to go after the state succeeds; nil for Choice, Succeed and Fail, which have neither.
    var transition: Transition?
    var inputPath: String??
    var outputPath: String??
    /// The raw `Assign` template, variables are evaluated by the interpreter.
    var assign: JSONValue?

    /// What follows a state that completes normally.
    enum Transition: Sendable, Equatable {
        case next(String)
        case end
    }

    /// The state type and the fields that only that type has.
    ///
    /// Indirect so a `State` stays a few words: it is copied into every running state's frame,
    /// and a Map's iterations each hold those frames in their own task at once.
    indirect enum Kind: Sendable, Equatable {
        case pass(Pass)
        case task(Task)
        case choice(Choice)
        case wait(Wait)
        case succeed
        case fail(Fail)
        case parallel(Parallel)
        case map(Map)

        /// Whether a state of this type only computes (Pass, Choice, Succeed, Fail): it never
        /// waits for a task, a clock or another branch, so it runs without suspending.
        var neverWaits: Bool {
            switch self {
            case .pass, .choice, .succeed, .fail: true
            case .task, .wait, .parallel, .map: false
            }
        }
    }

    struct Pass: Sendable, Equatable {
        var result: JSONValue?
        var resultPath: String??
        var parameters: JSONValue?
    }

    struct Task: Sendable, Equatable {
        /// Kept verbatim: which resources Brume can run is decided elsewhere.
        var resource: String
        var parameters: JSONValue?
        var resultSelector: JSONValue?
        var resultPath: String??
        var retry: [Retrier]
        var `catch`: [Catcher]
        var timeout: Seconds?
        var heartbeat: Seconds?
        var credentials: JSONValue?
    }

    /// The rules are kept as raw JSON; a separate parser turns them into conditions.
    struct Choice: Sendable, Equatable {
        var choices: [JSONValue]
        /// The parsed rules, in order.
        var branches: [ChoiceBranch]
        var `default`: String?
    }

    /// A Wait state waits for exactly one of these.
    enum Wait: Sendable, Equatable {
        case seconds(Int64)
        case secondsPath(String)
        case timestamp(String)
        case timestampPath(String)
    }

    struct Fail: Sendable, Equatable {
        var error: String?
        var errorPath: String?
        var cause: String?
        var causePath: String?
    }

    struct Parallel: Sendable, Equatable {
        var branches: [StateGraph]
        var parameters: JSONValue?
        var resultSelector: JSONValue?
        var resultPath: String??
        var retry: [Retrier]
        var `catch`: [Catcher]
    }

    /// A Map state, inline or (with `distributed` set) in Distributed mode.
    struct Map: Sendable, Equatable {
        /// `ItemProcessor`, or the legacy `Iterator`.
        var processor: StateGraph
        var itemsPath: String?
        /// `ItemSelector`, or the legacy `Parameters`.
        var itemSelector: JSONValue?
        var maxConcurrency: Count?
        var toleratedFailureCount: Count?
        var toleratedFailurePercentage: Percentage?
        var resultSelector: JSONValue?
        var resultPath: String??
        var retry: [Retrier]
        var `catch`: [Catcher]
        /// Set in Distributed mode: each item (or batch) runs as a child workflow execution.
        var distributed: DistributedMapSettings?
    }

    /// A duration given literally or read from the input at run time.
    enum Seconds: Sendable, Equatable {
        case literal(Int64)
        case path(String)
    }

    /// A count given literally or read from the input at run time.
    enum Count: Sendable, Equatable {
        case literal(Int64)
        case path(String)
    }

    /// A percentage given literally or read from the input at run time.
    enum Percentage: Sendable, Equatable {
        case literal(Double)
        case path(String)
    }
}

/// One element of a `Retry` list, with ASL's defaults filled in.
struct Retrier: Sendable, Equatable {
    var errorEquals: [String]
    var intervalSeconds: Int64 = 1
    var maxAttempts: Int64 = 3
    var backoffRate: Double = 2.0
    var maxDelaySeconds: Int64?
    var jitterStrategy: JitterStrategy = .none

    enum JitterStrategy: String, Sendable, Equatable {
        case full = "FULL"
        case none = "NONE"
    }
}

/// One element of a `Catch` list.
struct Catcher: Sendable, Equatable {
    var errorEquals: [String]
    var next: String
    var resultPath: String??
    var assign: JSONValue?
}

extension State {
    /// Every state this one can move to, with the location AWS reports a dangling target at
    /// (relative to the state: `/Next`, `/Choices[0]/Next`, `/Default`, `/Catch[1]/Next`).
    var targets: [(name: String, location: String)] {
        var result: [(name: String, location: String)] = []
        if case .next(let name) = transition { result.append((name, "/Next")) }
        switch kind {
        case .choice(let choice):
            for (index, rule) in choice.choices.enumerated() {
                if let name = rule["Next"]?.stringValue { result.append((name, "/Choices[\(index)]/Next")) }
            }
            if let name = choice.default { result.append((name, "/Default")) }
        case .task(let task): result += Self.catchTargets(task.catch)
        case .parallel(let parallel): result += Self.catchTargets(parallel.catch)
        case .map(let map): result += Self.catchTargets(map.catch)
        case .pass, .wait, .succeed, .fail: break
        }
        return result
    }

    /// Whether the state can end the workflow (or branch) it belongs to.
    var isTerminal: Bool {
        switch kind {
        case .succeed, .fail: true
        default: transition == .end
        }
    }

    /// The sub-machines a Parallel or Map state runs, with their locations relative to the state.
    var subGraphs: [(graph: StateGraph, location: String)] {
        switch kind {
        case .parallel(let parallel): parallel.branches.enumerated().map { ($1, "/Branches[\($0)]") }
        case .map(let map): [(map.processor, "/ItemProcessor")]
        default: []
        }
    }

    private static func catchTargets(_ catchers: [Catcher]) -> [(name: String, location: String)] {
        catchers.enumerated().map { ($1.next, "/Catch[\($0)]/Next") }
    }
}
