public import BrumeWire

/// A Step Functions error: a name (`States.Runtime`, `States.TaskFailed`, a task's own error
/// name) and a cause, as an execution's failure reports them.
public struct StatesError: Error, Sendable, Equatable {
    /// The error name Retry and Catch match on.
    public var error: String
    /// The human-readable cause.
    public var cause: String

    public init(_ error: String, _ cause: String) {
        self.error = error
        self.cause = cause
    }

    /// `States.Runtime`: a path that does not resolve, a payload that cannot be built. Not retryable.
    public static func runtime(_ cause: String) -> StatesError { StatesError(StatesErrorName.runtime, cause) }

    /// `States.IntrinsicFailure`: an intrinsic function given arguments it cannot use.
    public static func intrinsicFailure(_ cause: String) -> StatesError { StatesError(StatesErrorName.intrinsicFailure, cause) }
}

/// The predefined error names of the Amazon States Language.
public enum StatesErrorName {
    public static let all = "States.ALL"
    public static let dataLimitExceeded = "States.DataLimitExceeded"
    public static let exceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold"
    public static let heartbeatTimeout = "States.HeartbeatTimeout"
    public static let intrinsicFailure = "States.IntrinsicFailure"
    public static let itemReaderFailed = "States.ItemReaderFailed"
    public static let noChoiceMatched = "States.NoChoiceMatched"
    public static let parameterPathFailure = "States.ParameterPathFailure"
    public static let permissions = "States.Permissions"
    public static let resultPathMatchFailure = "States.ResultPathMatchFailure"
    public static let resultWriterFailed = "States.ResultWriterFailed"
    public static let runtime = "States.Runtime"
    public static let taskFailed = "States.TaskFailed"
    public static let timeout = "States.Timeout"
    public static let branchFailed = "States.BranchFailed"
    public static let queryEvaluationError = "States.QueryEvaluationError"
}

/// What `$`, `$$` and `$name` resolve against while a state runs.
public struct PathScope: Sendable {
    /// The state's effective input (`$`).
    public var input: JSONValue
    /// Builds the Context object; most states never read `$$`, so it is built only when asked for.
    private var makeContext: @Sendable () -> JSONValue
    /// Variables set by `Assign` and visible here (`$name`).
    public var variables: JSONObject
    /// The running definition's paths, parsed with it.
    var paths = ParsedPaths.empty

    /// The Context object (`$$`).
    public var context: JSONValue {
        get { makeContext() }
        set { makeContext = { newValue } }
    }

    public init(input: JSONValue, context: JSONValue = .object([:]), variables: JSONObject = [:]) {
        self.init(input: input, lazyContext: { context }, variables: variables)
    }

    /// A scope whose Context object is built on first use.
    public init(input: JSONValue, lazyContext: @escaping @Sendable () -> JSONValue, variables: JSONObject = [:]) {
        self.input = input
        makeContext = lazyContext
        self.variables = variables
    }
}
