import BrumeCore
import BrumeEdge
import BrumeStack
import Foundation
import Logging

/// Starts a stack from the command line: config, data directory, services, ready line, and
/// the exit status a script can rely on.
enum StackLauncher {
    static func run(_ options: StackOptions, only: Set<String>?) async throws {
        let started = ContinuousClock.now
        guard let level = Logger.Level(rawValue: options.logLevel) else {
            fail("unknown --log-level '\(options.logLevel)'")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "brume")

        let config: StackConfig
        let base: URL
        do {
            (config, base) = try options.loadConfig()
        } catch let error as ConfigError {
            fail("invalid config: \(error)")
        }
        if let only {
            for name in only where config.services[name] == nil && !StackConfig.knownServices.contains(name) {
                fail("unknown service '\(name)' (known: \(StackConfig.knownServices.sorted().joined(separator: ", ")))")
            }
        }
        let dataDirectory: DataDirectory
        do {
            dataDirectory = options.ephemeral ? try DataDirectory.ephemeral() : try DataDirectory(path: config.dataDirectory, relativeTo: base)
        } catch {
            fail("\(error)")
        }
        defer { dataDirectory.close() }

        var stack: Stack?
        do {
            var stackConfig = config
            if let only { for name in only where stackConfig.services[name] == nil { stackConfig.services[name] = .init() } }
            stack = try await Stack.open(config: stackConfig, dataDirectory: dataDirectory, only: only)
        } catch {
            dataDirectory.close()
            fail("\(error)")
        }

        let host = config.edge.host
        let serviceNames = stack!.services.map(\.name).joined(separator: ", ")
        let invokeURLs: @Sendable (Int) -> [(name: String, url: String)] = { [stack = stack!] port in stack.declaredInvokeURLs(port: port) }
        do {
            try await stack!.run(host: host, port: config.edge.port, logger: logger) { port in
                let elapsed = ContinuousClock.now - started
                let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
                let displayHost = host.contains(":") ? "[\(host)]" : host
                // Written unbuffered: scripts wait for this line on a pipe.
                FileHandle.standardOutput.write(Data((
                    "Brume ready at http://\(displayHost):\(port) · services: \(serviceNames) · data: \(dataDirectory.url.path)"
                        + (dataDirectory.isEphemeral ? " (ephemeral)" : "") + " · \(milliseconds) ms\n"
                ).utf8))
                // Each declared API's front door, one line each after the ready line.
                for (name, url) in invokeURLs(port) {
                    FileHandle.standardOutput.write(Data("API \(name): \(url)\n".utf8))
                }
            }
        } catch {
            let text = String(describing: error)
            if text.contains("Address already in use") || text.contains("errno: 98") {
                dataDirectory.close()
                fail("port \(config.edge.port) on \(host) is already in use (another Brume? choose one with --port)")
            }
            dataDirectory.close()
            fail("the server stopped: \(text)")
        }
        release(&stack)
    }

    /// Releases the stopped stack's services side by side rather than one after the other.
    ///
    /// Each service's SQLite databases checkpoint their WAL and fsync as they close, which is
    /// most of what SIGTERM -> exit costs once the services have stopped; run together, the
    /// closes take about as long as the slowest one. Every close still completes before the
    /// process exits: `concurrentPerform` returns when all have.
    private static func release(_ stack: inout Stack?) {
        nonisolated(unsafe) var services: [(any EdgeService)?] = stack?.services ?? []
        stack = nil
        services.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: slots.count) { slots[$0] = nil }
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("brume: error: \(message)\n".utf8))
        exit(1)
    }
}
