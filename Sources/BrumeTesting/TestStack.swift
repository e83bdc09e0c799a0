public import BrumeCore
import BrumeStack
import Foundation
import Logging
import ServiceLifecycle

/// Runs `body` against a stack started in-process on a free port with an ephemeral data
/// directory, and always stops the stack afterwards, even when `body` throws.
///
/// ```swift
/// try await withStack { endpoint in
///     // endpoint is http://127.0.0.1:<port>
/// }
/// ```
public func withStack<T: Sendable>(
    _ config: StackConfig = StackConfig(),
    clock: any WallClock = SystemWallClock(),
    _ body: @Sendable (_ endpoint: String) async throws -> T
) async throws -> T {
    var config = config
    config.edge.port = 0
    let dataDirectory = try DataDirectory.ephemeral()
    defer { dataDirectory.close() }
    let stack = try await Stack.open(config: config, dataDirectory: dataDirectory, clock: clock)
    let (ready, readyContinuation) = AsyncStream.makeStream(of: Int.self)
    let logger = Logger(label: "brume-test", factory: { _ in SwiftLogNoOpLogHandler() })
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            defer { readyContinuation.finish() }
            try await stack.run(host: "127.0.0.1", port: 0, logger: logger) { port in
                readyContinuation.yield(port)
                readyContinuation.finish()
            }
        }
        var iterator = ready.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestStackError.didNotStart }
        do {
            let result = try await body("http://127.0.0.1:\(port)")
            group.cancelAll()
            return result
        } catch {
            group.cancelAll()
            throw error
        }
    }
}

/// Why a test stack failed.
public enum TestStackError: Error {
    /// The server stopped before it reported its port.
    case didNotStart
}
