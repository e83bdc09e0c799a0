import BrumeCore
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

        let stack: Stack
        do {
            var stackConfig = config
            if let only { for name in only where stackConfig.services[name] == nil { stackConfig.services[name] = .init() } }
            stack = try await Stack.open(config: stackConfig, dataDirectory: dataDirectory, only: only)
        } catch {
            dataDirectory.close()
            fail("\(error)")
        }

        let host = config.edge.host
        let serviceNames = stack.services.map(\.name).joined(separator: ", ")
        do {
            try await stack.run(host: host, port: config.edge.port, logger: logger) { port in
                let elapsed = ContinuousClock.now - started
                let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
                let displayHost = host.contains(":") ? "[\(host)]" : host
                // Written unbuffered: scripts wait for this line on a pipe.
                FileHandle.standardOutput.write(Data((
                    "Brume ready at http://\(displayHost):\(port) · services: \(serviceNames) · data: \(dataDirectory.url.path)"
                        + (dataDirectory.isEphemeral ? " (ephemeral)" : "") + " · \(milliseconds) ms\n"
                ).utf8))
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
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("brume: error: \(message)\n".utf8))
        exit(1)
    }
}
