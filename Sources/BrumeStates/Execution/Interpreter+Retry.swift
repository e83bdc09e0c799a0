import BrumeWire
import Foundation

extension Interpreter {
    /// Runs `attempt` under a state's Retry and Catch lists, as ASL evaluates them: the first
    /// retrier whose ErrorEquals matches decides (until its MaxAttempts are spent), then the first
    /// matching catcher sends `{"Error", "Cause"}` through its ResultPath to its Next.
    func withErrorHandling(
        _ frame: StateFrame, retry: [Retrier], catch catchers: [Catcher],
        _ attempt: (Int) async throws(StatesError) -> (StateStep, JSONObject)
    ) async throws(StatesError) -> (StateStep, JSONObject) {
        var attemptsByRetrier = [Int64](repeating: 0, count: retry.count)
        var retryCount = 0
        while true {
            do {
                return try await attempt(retryCount)
            } catch {
                if let index = retry.firstIndex(where: { Self.matches($0.errorEquals, error) }),
                   attemptsByRetrier[index] < retry[index].maxAttempts {
                    let delay = Self.delay(retry[index], attempt: attemptsByRetrier[index])
                    attemptsByRetrier[index] += 1
                    retryCount += 1
                    do {
                        try await clock.sleep(until: clock.now().addingTimeInterval(delay))
                    } catch {
                        throw StatesError("States.Cancelled", "The execution was stopped.")
                    }
                    continue
                }
                guard let catcher = catchers.first(where: { Self.matches($0.errorEquals, error) }) else { throw error }
                let errorOutput: JSONValue = ["Error": .string(error.error), "Cause": .string(error.cause)]
                return try frame.runtime { () throws(StatesError) in
                    let output = try DataFlow.resultPath(
                        catcher.resultPath ?? "$", input: frame.input, result: errorOutput, paths: frame.execution.paths
                    )
                    var assigned: JSONObject = [:]
                    if let assign = catcher.assign {
                        assigned = try PayloadTemplate.evaluate(assign, in: frame.scope(errorOutput), intrinsic: Self.intrinsic).objectValue ?? [:]
                    }
                    return (.next(catcher.next, output), assigned)
                }
            }
        }
    }

    /// Whether an ErrorEquals list matches `error`.
    ///
    /// `States.ALL` matches every error but the terminal `States.Runtime` and
    /// `States.DataLimitExceeded`; `States.TaskFailed` matches every error but those and
    /// `States.Timeout`. The execution's own stop is never matched.
    static func matches(_ names: [String], _ error: StatesError) -> Bool {
        if error.error == "States.Cancelled" { return false }
        if names.contains(error.error) { return true }
        let terminal = error.error == StatesErrorName.runtime || error.error == StatesErrorName.dataLimitExceeded
        if names.contains(StatesErrorName.all), !terminal { return true }
        if names.contains(StatesErrorName.taskFailed), !terminal, error.error != StatesErrorName.timeout { return true }
        return false
    }

    /// The wait before retry number `attempt + 1`: IntervalSeconds × BackoffRate^attempt, capped at
    /// MaxDelaySeconds, and with FULL jitter a random fraction of that.
    static func delay(_ retrier: Retrier, attempt: Int64) -> TimeInterval {
        var delay = Double(retrier.intervalSeconds) * pow(retrier.backoffRate, Double(attempt))
        if let cap = retrier.maxDelaySeconds { delay = min(delay, Double(cap)) }
        if retrier.jitterStrategy == .full { delay = Double.random(in: 0...delay) }
        return delay
    }
}
