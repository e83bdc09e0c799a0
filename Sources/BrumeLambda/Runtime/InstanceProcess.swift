import Foundation
import Synchronization

/// The operating-system process behind one function instance.
///
/// Standard output and standard error share one pipe, as Lambda merges them into the log
/// stream; a reader thread splits it into lines (a line longer than a log event into several,
/// see ``LogLineSplitter``) until the process closes it. The exit is reported once, with a
/// negative status for a signal.
final class InstanceProcess: Sendable {
    /// How a process is started.
    struct Launch: Sendable {
        var executable: String
        var arguments: [String]
        var environment: [String: String]
        var workingDirectory: String
    }

    private let process: Process
    let pid: Int32
    /// Whether the reader is between reading and handing lines on, and whether the pipe holds
    /// unread bytes: together they tell whether output the process wrote is still in flight.
    private let readerBusy: BusyFlag

    /// Starts the process.
    /// - Parameters:
    ///   - output: called with each line the process writes, on the reader thread.
    ///   - exited: called once with the exit status (negative for a signal) after the output ends.
    /// - Throws: when the executable cannot be started.
    init(_ launch: Launch, output: @escaping @Sendable (String) -> Void, exited: @escaping @Sendable (Int32) -> Void) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: launch.executable)
        process.arguments = launch.arguments
        process.environment = launch.environment
        process.currentDirectoryURL = URL(fileURLWithPath: launch.workingDirectory, isDirectory: true)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        // The exit is reported after the output is drained, so the last lines a crashing
        // process wrote land in its invocation's log before the failure is.
        let status = ExitStatus()
        process.terminationHandler = { process in
            let code = process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
            status.set(code, then: exited)
        }
        try process.run()
        let reader = pipe.fileHandleForReading
        try? pipe.fileHandleForWriting.close()
        let busy = BusyFlag(descriptor: reader.fileDescriptor)
        Thread.detachNewThread {
            Self.readLines(from: reader.fileDescriptor, busy: busy, into: output)
            busy.end()
            try? reader.close()
            status.outputEnded(then: exited)
        }
        self.process = process
        pid = process.processIdentifier
        readerBusy = busy
    }

    /// Waits (a few milliseconds at most) until everything the process has written so far has
    /// been handed on as lines: a runtime prints, then posts its response, and the print must
    /// land in that invocation's log, though the two travel different ways.
    func settleOutput() async {
        // The reader marks itself busy before it takes bytes out of the pipe and idle only once
        // it has handed them on, so at every moment written output is either still in the pipe
        // or held by a busy reader. The reader wakes this wait when it goes idle on an empty
        // pipe; a process that never stops writing is waited for ``settleLimit`` at most.
        await readerBusy.waitUntilSettled(limit: Self.settleLimit)
    }

    /// The longest ``settleOutput()`` waits for a process that keeps writing.
    static let settleLimit = Duration.milliseconds(20)

    /// Kills the process at once (SIGKILL), as Lambda does at a timeout.
    func kill() {
        _ = Foundation.kill(pid, SIGKILL)
    }

    private static func readLines(from descriptor: Int32, busy: BusyFlag, into output: @Sendable (String) -> Void) {
        var splitter = LogLineSplitter()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            // Wait for bytes without taking them, then mark busy, then read: see settleOutput().
            var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&waiting, 1, -1) < 0, errno == EINTR { continue }
            busy.set(true)
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR {
                busy.set(false)
                continue
            }
            guard count > 0 else {
                busy.set(false)
                break
            }
            buffer.withUnsafeBytes { bytes in
                splitter.append(UnsafeRawBufferPointer(rebasing: bytes[0..<count]), emit: output)
            }
            busy.set(false)
        }
        splitter.finish(emit: output)
    }
}

/// Joins the two ends of a process (its exit and the end of its output) into one report.
private final class ExitStatus: Sendable {
    private let state = Mutex<(code: Int32?, outputEnded: Bool, reported: Bool)>((nil, false, false))

    func set(_ code: Int32, then report: @escaping @Sendable (Int32) -> Void) {
        let ready = state.withLock { state -> Int32? in
            state.code = code
            guard state.outputEnded, !state.reported else { return nil }
            state.reported = true
            return code
        }
        if let ready {
            report(ready)
        } else {
            // A child the function started may hold the pipe open after the process is gone;
            // the exit is reported anyway once the output had a moment to drain.
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { [self] in
                let late = state.withLock { state -> Int32? in
                    guard !state.reported else { return nil }
                    state.reported = true
                    return code
                }
                if let late { report(late) }
            }
        }
    }

    func outputEnded(then report: @Sendable (Int32) -> Void) {
        let ready = state.withLock { state -> Int32? in
            state.outputEnded = true
            guard let code = state.code, !state.reported else { return nil }
            state.reported = true
            return code
        }
        if let ready { report(ready) }
    }
}

/// Whether the output reader is handing lines on, and the waits for it to settle.
///
/// Settled means the reader is idle and the pipe holds no unread byte; the reader checks it each
/// time it goes idle and resumes the waiters then, so a wait costs no polling.
private final class BusyFlag: Sendable {
    private struct State {
        var busy = false
        /// The output ended (the descriptor is closed): everything was handed on.
        var ended = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    private let descriptor: Int32
    private let state = Mutex(State())

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    var isSet: Bool { state.withLock { $0.busy } }

    func set(_ busy: Bool) {
        let settled = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.busy = busy
            guard !busy, !state.waiters.isEmpty, !hasUnreadBytes else { return [] }
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in settled { waiter.resume() }
    }

    /// The reader is done and about to close the descriptor.
    func end() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.ended = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the reader is idle on an empty pipe, or after `limit`.
    func waitUntilSettled(limit: Duration) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let id = state.withLock { state -> Int? in
                if state.ended || (!state.busy && !hasUnreadBytes) { return nil }
                state.nextWaiter += 1
                state.waiters[state.nextWaiter] = continuation
                return state.nextWaiter
            }
            guard let id else { return continuation.resume() }
            let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
                state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
            }
        }
    }

    /// Whether the pipe holds bytes the reader has not taken; asked under the lock, with the
    /// descriptor still open (``end()`` runs before it closes).
    private var hasUnreadBytes: Bool {
        var unread: Int32 = 0
        return ioctl(descriptor, UInt(FIONREAD), &unread) == 0 && unread > 0
    }
}
