#if os(Linux)
@testable import BrumeLambda
import Foundation
import Synchronization
import Testing

@Suite("Hot reload from the kernel's file notifications")
struct CodeWatcherTests {
    /// A fresh folder with one file, removed by the caller.
    private func makeFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brume-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("def handler(event, context):\n    return 1\n".utf8).write(to: folder.appendingPathComponent("app.py"))
        return folder
    }

    /// Waits for `watcher` to report a change; false if none came within a bound far above any
    /// normal delivery (the bound only keeps a broken watcher from hanging the suite).
    private func nextChange(_ watcher: DirectoryWatcher) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await _ in watcher.changes { return true }
                return false
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(30))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    @Test("a file written in a watched folder is a change of that folder's tree")
    func writtenFile() async throws {
        let first = try makeFolder(), second = try makeFolder()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        let watcher = try DirectoryWatcher(roots: [first.path, second.path])
        defer { watcher.stop() }
        try Data("def handler(event, context):\n    return 2\n".utf8).write(to: second.appendingPathComponent("app.py"))
        #expect(await nextChange(watcher))
        #expect(watcher.takeChangedRoots() == [1])
    }

    @Test("a folder created after the start is watched too, with what it already holds")
    func newSubfolder() async throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let watcher = try DirectoryWatcher(roots: [folder.path])
        defer { watcher.stop() }
        let nested = folder.appendingPathComponent("node_modules/left-pad/lib")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        // Each level is watched once its creation is read (or found by the scan of its parent).
        while !watcher.watchedPaths.contains(nested.path) {
            guard await nextChange(watcher) else { break }
        }
        #expect(watcher.watchedPaths.contains(nested.path))
        _ = watcher.takeChangedRoots()
        try Data("module.exports = 1\n".utf8).write(to: nested.appendingPathComponent("index.js"))
        // A signal left from the folders' creation may come first, with no tree changed since.
        var changed: Set<Int> = []
        while changed.isEmpty, await nextChange(watcher) { changed = watcher.takeChangedRoots() }
        #expect(changed == [0])
    }

    @Test("a folder that cannot be watched is an error, not a silent lack of reloads")
    func missingFolder() {
        #expect(throws: WatchError.self) {
            _ = try DirectoryWatcher(roots: ["/nonexistent/brume-\(UUID().uuidString)"])
        }
    }

    @Test("a changed function is reloaded; its unchanged neighbour is not")
    func reloadsChangedFunction() async throws {
        let changed = try makeFolder(), unchanged = try makeFolder()
        defer { try? FileManager.default.removeItem(at: changed); try? FileManager.default.removeItem(at: unchanged) }
        let (reloads, reloaded) = AsyncStream.makeStream(of: String.self)
        let watcher = CodeWatcher(functions: [("orders", changed.path), ("audit", unchanged.path)]) { name, _ in
            reloaded.yield(name)
        }
        let directories = try DirectoryWatcher(roots: [changed.path, unchanged.path])
        let watching = Task { await watcher.watch(directories) }
        defer { watching.cancel() }
        // An interpreter's cache is not code: it alone reloads nothing, so "orders" comes first.
        try FileManager.default.createDirectory(at: unchanged.appendingPathComponent("__pycache__"), withIntermediateDirectories: true)
        try Data("x = 1\n".utf8).write(to: changed.appendingPathComponent("extra.py"))
        let first = await withTaskGroup(of: String?.self) { group in
            group.addTask {
                for await name in reloads { return name }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(30))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        #expect(first == "orders")
    }
}
#endif
