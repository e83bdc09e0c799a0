#if os(Linux)
import Dispatch
import Foundation
import Glibc
import Synchronization

/// Tells when anything changes under some directory trees, from the kernel's inotify events:
/// nothing runs while nothing changes.
///
/// Every directory of each tree gets a watch, and a directory created (or moved in) later gets
/// one as soon as its creation is read, with its own subdirectories; files made in it before
/// its watch existed count as a change. `__pycache__` and `.git` are not watched: interpreters
/// and tools write there, and ``LocalCode`` leaves them out of a function's code. The descriptor
/// is non-blocking and read by a dispatch read source, so no thread waits on it.
///
/// Changes are reported per tree, by index in the `roots` given at creation: ``changes`` yields
/// once for one or many events, and ``takeChangedRoots()`` says which trees changed since the last
/// call. A queue overflow (events lost) counts as a change of every tree.
final class DirectoryWatcher: Sendable {
    /// A watched directory and the trees it belongs to (two functions may share a folder).
    private struct Watch {
        let path: String
        var roots: Set<Int> = []
    }

    private struct State {
        /// Watched directories by watch descriptor.
        var watches: [Int32: Watch] = [:]
        var changedRoots: Set<Int> = []
    }

    let roots: [String]
    private let descriptor: Int32
    private let state = Mutex(State())
    /// Dispatch sources are safe to use from any thread; the type just does not say so.
    nonisolated(unsafe) private let source: any DispatchSourceRead
    private let signal: AsyncStream<Void>.Continuation
    /// Yields after changes; several changes before the consumer looks give one element.
    let changes: AsyncStream<Void>

    /// What inotify reports: entries made, removed, written, renamed or touched, and the
    /// watched directory itself going away.
    private static let mask = UInt32(
        IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
            | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR
    )
    /// Directories whose contents are not code (see ``LocalCode``).
    static let skippedNames: Set<String> = ["__pycache__", ".git"]

    /// Starts watching every directory under each of `roots`.
    /// - Throws: ``WatchError`` when inotify cannot be set up or a root cannot be watched.
    init(roots: [String]) throws(WatchError) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { throw WatchError(path: nil, errno: errno) }
        var watches: [Int32: Watch] = [:]
        for (index, root) in roots.enumerated() {
            guard Self.addWatch(root, root: index, descriptor: descriptor, into: &watches) else {
                let code = errno
                Glibc.close(descriptor)
                throw WatchError(path: root, errno: code)
            }
            Self.addWatches(under: root, root: index, descriptor: descriptor, into: &watches)
        }
        self.roots = roots
        self.descriptor = descriptor
        state.withLock { $0.watches = watches }
        (changes, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: DispatchQueue(label: "brume.lambda.code-watch"))
        source.setEventHandler { [weak self] in self?.readEvents() }
        source.setCancelHandler { Glibc.close(descriptor) }
        source.activate()
    }

    deinit {
        source.cancel()
        signal.finish()
    }

    /// Stops watching; ``changes`` ends.
    func stop() {
        source.cancel()
        signal.finish()
    }

    /// The indexes of the trees that changed since the last call.
    func takeChangedRoots() -> Set<Int> {
        state.withLock { state in
            defer { state.changedRoots.removeAll() }
            return state.changedRoots
        }
    }

    /// The directories watched now.
    var watchedPaths: Set<String> {
        state.withLock { Set($0.watches.values.map(\.path)) }
    }

    // MARK: Watches

    @discardableResult
    private static func addWatch(_ path: String, root: Int, descriptor: Int32, into watches: inout [Int32: Watch]) -> Bool {
        let watch = inotify_add_watch(descriptor, path, mask)
        guard watch >= 0 else { return false }
        // A directory moved inside the tree keeps its watch: the path is refreshed.
        watches[watch] = Watch(path: path, roots: (watches[watch]?.roots ?? []).union([root]))
        return true
    }

    /// Watches every directory below `folder` (not `folder` itself). A directory that vanishes
    /// meanwhile is simply not watched.
    private static func addWatches(under folder: String, root: Int, descriptor: Int32, into watches: inout [Int32: Watch]) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in entries where !skippedNames.contains(name) {
            let path = "\(folder)/\(name)"
            // Symbolic links are not followed, as the code's fingerprint does not follow them.
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { continue }
            if addWatch(path, root: root, descriptor: descriptor, into: &watches) {
                addWatches(under: path, root: root, descriptor: descriptor, into: &watches)
            }
        }
    }

    /// Watches a directory created after the start, and everything already below it.
    private func watchNewDirectory(_ path: String, root: Int) {
        var added: [Int32: Watch] = [:]
        if Self.addWatch(path, root: root, descriptor: descriptor, into: &added) {
            Self.addWatches(under: path, root: root, descriptor: descriptor, into: &added)
        }
        state.withLock { state in
            for (watch, entry) in added {
                state.watches[watch] = Watch(path: entry.path, roots: entry.roots.union(state.watches[watch]?.roots ?? []))
            }
        }
    }

    // MARK: Events

    /// Reads every pending event (the descriptor is non-blocking), then signals once.
    private func readEvents() {
        var changed = false
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, capacity)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameLength = Int(event.len)
                let name = nameLength > 0
                    ? String(cString: buffer.advanced(by: nameStart).assumingMemoryBound(to: CChar.self))
                    : ""
                handle(watch: event.wd, mask: event.mask, name: name)
                changed = true
                offset = nameStart + nameLength
            }
        }
        if changed { signal.yield() }
    }

    private func handle(watch: Int32, mask: UInt32, name: String) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            state.withLock { $0.changedRoots.formUnion(roots.indices) }
            return
        }
        guard let entry = state.withLock({ $0.watches[watch] }) else { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            // The directory is gone (or moved away): the kernel dropped its watch.
            state.withLock { $0.watches[watch] = nil }
        }
        if Self.skippedNames.contains(name) { return }
        let isDirectory = mask & UInt32(IN_ISDIR) != 0
        if isDirectory, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
            for root in entry.roots { watchNewDirectory("\(entry.path)/\(name)", root: root) }
        }
        state.withLock { $0.changedRoots.formUnion(entry.roots) }
    }
}

/// inotify could not be set up, or a directory could not be watched.
struct WatchError: Error, CustomStringConvertible {
    /// The directory, or nil when inotify itself could not start.
    let path: String?
    let errno: Int32

    var description: String {
        let reason = String(cString: strerror(errno))
        return path.map { "cannot watch \($0): \(reason)" } ?? "cannot start inotify: \(reason)"
    }
}
#endif
