public import BrumeCore
public import BrumeEdge
public import BrumeWire
public import Hummingbird

/// CloudWatch Logs: log groups, log streams and their events over awsJson1.1
/// (`X-Amz-Target: Logs_20140328.<Operation>`), kept in SQLite under `<data>/logs`.
///
/// Function logs arrive here the way any client's do: the function runtime calls
/// CreateLogGroup, CreateLogStream and PutLogEvents through the edge.
public final class LogsService: EdgeService {
    public let name = "logs"
    public let wireProtocol = WireProtocol.awsJson1_1
    public var internalError: AWSError { LogsError.storage("").awsError }

    let backend: LogsBackend

    /// A PutLogEvents batch is at most 1 MiB of messages plus JSON framing; leave room for it.
    static let maximumRequestSize = 4 * 1024 * 1024
    static let targetPrefix = "Logs_20140328."

    /// Opens the store under `<data>/logs`; event ages and ingestion times are read from `clock`.
    public init(config: StackConfig, dataDirectory: DataDirectory, clock: any WallClock = SystemWallClock()) throws {
        backend = try LogsBackend(store: LogsStore(folder: try dataDirectory.folder("logs")), clock: clock)
    }

    public func respond(to request: Request, context: EdgeContext) async throws -> Response {
        let call = try await AWSJSONRequest.read(request, targetPrefix: Self.targetPrefix, maximumSize: Self.maximumRequestSize)
        guard let operation = Self.operations[call.operation] else {
            throw AWSError(code: "UnknownOperationException", message: "", status: 400)
        }
        let output = try await operation(self)(LogsCall(input: LogsInput(call.input), caller: context.caller))
        return AWSJSONRequest.response(output, .awsJson1_1)
    }

    public func resourceSummary() async throws -> [String: [String]] {
        ["logGroups": await backend.allGroupNames()]
    }
}

/// One decoded request.
struct LogsCall: Sendable {
    let input: LogsInput
    let caller: Caller

    /// The log group `name` in the caller's account and region.
    func groupKey(_ name: String) -> LogGroupKey {
        LogGroupKey(account: caller.accountID, region: caller.region, name: name)
    }

    /// The required `logGroupName`, checked.
    func requiredGroup() throws(LogsError) -> LogGroupKey {
        let name = try input.requiredString("logGroupName")
        try LogsNames.checkGroupName(name)
        return groupKey(name)
    }

    /// The group named by `logGroupName` or `logGroupIdentifier` (a name or an ARN); exactly one
    /// must be given, as AWS requires.
    func groupFromNameOrIdentifier() throws(LogsError) -> LogGroupKey {
        let name = try input.string("logGroupName")
        let identifier = try input.string("logGroupIdentifier")
        switch (name, identifier) {
        case (let name?, nil):
            try LogsNames.checkGroupName(name)
            return groupKey(name)
        case (nil, let identifier?):
            guard let key = LogsNames.groupKey(identifier: identifier, account: caller.accountID, region: caller.region) else {
                throw .invalidParameter("Invalid logGroupIdentifier: '\(identifier)'")
            }
            try LogsNames.checkGroupName(key.name, member: "logGroupIdentifier")
            return key
        case (nil, nil): throw .invalidParameter("Should provide either logGroupName or logGroupIdentifier.")
        case (_?, _?): throw .invalidParameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.")
        }
    }
}
