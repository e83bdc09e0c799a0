public import ServiceLifecycle

/// Runs executions as child tasks of one task group, so none outlives the stack: a
/// swift-service-lifecycle `Service` that the stack's service group runs beside the edge.
///
/// On graceful shutdown it stops taking work and cancels the executions still running; a
/// cancelled STANDARD execution stays RUNNING in storage and continues at the next start.
public final class ExecutionRunner: Service, Sendable {
    typealias Job = @Sendable () async -> Void

    private let jobs: AsyncStream<Job>
    private let continuation: AsyncStream<Job>.Continuation

    init() {
        (jobs, continuation) = AsyncStream.makeStream(of: Job.self)
    }

    /// Queues `job`; it starts as soon as the runner runs.
    func submit(_ job: @escaping Job) {
        continuation.yield(job)
    }

    public func run() async {
        await withDiscardingTaskGroup { group in
            for await job in jobs.cancelOnGracefulShutdown() {
                group.addTask { await job() }
            }
            group.cancelAll()
        }
    }
}
