import Foundation
import Logging
import ServiceLifecycle

/// Hot reload: watches the directories of functions declared in the config and, when one
/// changes, gives `$LATEST` the new code; the next invoke starts a fresh instance while the old
/// ones finish their invocations and end.
///
/// On Linux the kernel reports changes (inotify, through ``DirectoryWatcher``), so an idle stack
/// does no work for it. A burst of events (an editor's save, `npm install`) is let settle for
/// ``settleTime``, then the changed folders' fingerprints (``LocalCode/signature(of:)``) are
/// compared with the loaded ones: only a real change of the code reloads, so `__pycache__`
/// writes do not. `node_modules` is watched like any other folder, as it is part of the code.
/// Elsewhere the folders are fingerprinted every ``pollInterval``.
struct CodeWatcher: Service {
    let functions: [(name: String, folder: String)]
    let reload: @Sendable (String, String) async -> Void
    /// Each function's fingerprint when the watcher was made (just after the stack deployed it).
    private let loaded: [String: String]
    private let logger = Logger(label: "brume.lambda.code")
    /// How long a burst of file events is let settle before the code is fingerprinted.
    static let settleTime = Duration.milliseconds(100)
    /// Where inotify is missing: how often the folders are fingerprinted.
    static let pollInterval = Duration.milliseconds(250)

    init(functions: [(name: String, folder: String)], reload: @escaping @Sendable (String, String) async -> Void) {
        self.functions = functions
        self.reload = reload
        loaded = Dictionary(functions.map { ($0.name, LocalCode.signature(of: $0.folder)) }, uniquingKeysWith: { first, _ in first })
    }

    func run() async throws {
        // A service that returns early stops the whole group, so with nothing to watch it waits.
        guard !functions.isEmpty else {
            try? await gracefulShutdown()
            return
        }
        #if os(Linux)
        let watcher: DirectoryWatcher
        do {
            watcher = try DirectoryWatcher(roots: functions.map(\.folder))
        } catch {
            logger.error("hot reload is off: \(error)")
            try? await gracefulShutdown()
            return
        }
        await watch(watcher)
        #else
        await poll()
        #endif
    }

    #if os(Linux)
    /// Reloads functions as `watcher` reports their folders changed, until shutdown or until the
    /// watcher stops; the watcher must watch ``functions``' folders, in order.
    func watch(_ watcher: DirectoryWatcher) async {
        defer { watcher.stop() }
        var signatures = loaded
        for await _ in watcher.changes.cancelOnGracefulShutdown() {
            // Sleeping here is the settling time of a burst, not a poll: it runs only after events.
            guard (try? await cancelWhenGracefulShutdown({ try await Task.sleep(for: Self.settleTime) })) != nil else { break }
            for index in watcher.takeChangedRoots().sorted() where functions.indices.contains(index) {
                let function = functions[index]
                let signature = LocalCode.signature(of: function.folder)
                if signatures[function.name] != signature {
                    signatures[function.name] = signature
                    await reload(function.name, function.folder)
                }
            }
        }
    }
    #else
    /// Fingerprints every folder each ``pollInterval`` where the kernel's notifications are not used.
    private func poll() async {
        var signatures = loaded
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            guard (try? await cancelWhenGracefulShutdown({ try await Task.sleep(for: Self.pollInterval) })) != nil else { break }
            for function in functions {
                let signature = LocalCode.signature(of: function.folder)
                if signatures[function.name] != signature {
                    signatures[function.name] = signature
                    await reload(function.name, function.folder)
                }
            }
        }
    }
    #endif
}
