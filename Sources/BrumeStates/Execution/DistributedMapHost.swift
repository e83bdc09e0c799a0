public import BrumeWire
public import Foundation

/// What a Distributed Map needs from the service that runs it: a Map Run resource, child
/// workflow executions, and the reads and writes of its ItemReader and ResultWriter.
///
/// The interpreter decides what runs and when (items, selection, batches, concurrency, failure
/// thresholds, output); the host keeps the records and does the I/O.
public protocol DistributedMapHost: Sendable {
    /// Creates the Map Run of one run of a Distributed Map state (each retry of the state
    /// starts a new one, as in AWS).
    func startMapRun(_ request: MapRunRequest) async throws(StatesError) -> any MapRunSession
}

/// One Distributed Map state's run, as the interpreter asks the host to start it.
public struct MapRunRequest: Sendable {
    /// The execution that runs the Map state.
    public var parent: ExecutionIdentity
    public var stateName: String
    public var settings: DistributedMapSettings
    /// The Map's ItemProcessor, which each child execution runs as a state machine of its own.
    public var processor: StateMachineDefinition
    /// The limits the definition asks for, resolved against the state input.
    public var limits: MapRunLimits
    /// The ResultWriter's Parameters (`Bucket`, `Prefix`) evaluated against the state input;
    /// nil when the Map has no ResultWriter.
    public var writerParameters: JSONValue?
}

/// The limits of a Map Run that UpdateMapRun can change while it runs.
public struct MapRunLimits: Sendable, Equatable {
    /// At most this many child executions at once; 0 means no limit of the definition's own.
    public var maxConcurrency: Int
    /// The failed or timed-out items tolerated; nil when the definition sets no count.
    public var toleratedFailureCount: Int64?
    /// The percentage of failed or timed-out items tolerated; nil when the definition sets none.
    public var toleratedFailurePercentage: Double?

    public init(maxConcurrency: Int, toleratedFailureCount: Int64?, toleratedFailurePercentage: Double?) {
        self.maxConcurrency = maxConcurrency
        self.toleratedFailureCount = toleratedFailureCount
        self.toleratedFailurePercentage = toleratedFailurePercentage
    }

    /// How many children run at once: AWS runs up to 10,000 when the definition sets no limit.
    public var effectiveConcurrency: Int { maxConcurrency > 0 ? maxConcurrency : 10_000 }

    /// Whether `failed` failed or timed-out items out of `total` exceed what is tolerated.
    ///
    /// With neither threshold set, no failure is tolerated. The percentage is judged against
    /// `total`, the items known so far; the run judges it again once every item is known.
    public func isExceeded(failed: Int64, total: Int64) -> Bool {
        guard failed > 0 else { return false }
        if toleratedFailureCount == nil, toleratedFailurePercentage == nil { return true }
        if let count = toleratedFailureCount, failed > count { return true }
        if let percentage = toleratedFailurePercentage, total > 0, Double(failed) * 100 / Double(total) > percentage { return true }
        return false
    }
}

/// How one child workflow execution ended.
public enum ChildExecutionOutcome: Sendable, Equatable {
    case succeeded(JSONValue)
    case failed(StatesError)
    case timedOut(StatesError)
    /// Stopped before it ended: the Map Run failed or was stopped, or the execution was.
    case aborted
}

/// A running Map Run, kept by the host.
public protocol MapRunSession: Sendable {
    /// The Map Run's ARN, which the parent's MapRunStarted event and the ResultWriter quote.
    var arn: String { get }
    /// The current limits: UpdateMapRun may change them while the run goes on.
    var limits: MapRunLimits { get }
    /// Reads the ItemReader's dataset in order, handing each item to `consume` until it returns
    /// false or the dataset ends; a read that fails throws `States.ItemReaderFailed`.
    func readItems(
        _ reader: ItemReaderSettings, parameters: JSONValue, consume: (JSONValue) async throws(StatesError) -> Bool
    ) async throws(StatesError)
    /// Runs one child execution with `input`, which holds `itemCount` items, to its end.
    func runChild(input: JSONValue, itemCount: Int) async -> ChildExecutionOutcome
    /// Ends the run: exports the results when the request had a ResultWriter, and records the
    /// final status. Returns the Map's result for an export (`{MapRunArn, ResultWriterDetails}`),
    /// nil without one; a failed export throws `States.ResultWriterFailed`.
    func finish(succeeded: Bool) async throws(StatesError) -> JSONValue?
}
