import Foundation
import Logging
import ServiceLifecycle

/// Hot reload: polls the directories of functions declared in the config and, when one
/// changes, gives `$LATEST` the new code; the next invoke starts a fresh instance while the old
/// ones finish their invocations and end.
///
/// Polling every ``interval`` (rather than inotify) keeps it portable and makes a change live
/// well within a second.
struct CodeWatcher: Service {
    let functions: [(name: String, folder: String)]
    let reload: @Sendable (String, String) async -> Void
    static let interval = Duration.milliseconds(250)

    func run() async throws {
        // A service that returns early stops the whole group, so with nothing to watch it waits.
        guard !functions.isEmpty else {
            try? await gracefulShutdown()
            return
        }
        var signatures = Dictionary(uniqueKeysWithValues: functions.map { ($0.name, LocalCode.signature(of: $0.folder)) })
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            guard (try? await cancelWhenGracefulShutdown({ try await Task.sleep(for: Self.interval) })) != nil else { break }
            for function in functions {
                let signature = LocalCode.signature(of: function.folder)
                if signatures[function.name] != signature {
                    signatures[function.name] = signature
                    await reload(function.name, function.folder)
                }
            }
        }
    }
}
