#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Writes log lines to the process's standard streams, which the Lambda
/// runtime (and Brume) capture as the function's log.
enum LogWriter {
    /// Makes `print()` output reach the log line by line.
    ///
    /// When stdout is a pipe, as it is under Lambda, the C library switches it
    /// to full buffering: `print()` output would then sit in a 4 KB buffer and
    /// show up late, out of order with stderr, or not at all after a crash.
    ///
    /// (`stdout` is a C global variable, which Swift 6 flags as shared mutable
    /// state; the `@preconcurrency` import above accepts this one, single-
    /// threaded, startup-time use.)
    static func configureStandardStreams() {
        setvbuf(stdout, nil, _IOLBF, 0)
    }

    /// Writes one `timestamp<TAB>requestID<TAB>level<TAB>message` line to stderr.
    static func write(_ message: String, requestID: String, level: String = "INFO") {
        let line = formatLine(message, requestID: requestID, level: level, epochMilliseconds: WallClock.nowMilliseconds())
        writeToStandardError(line)
    }

    /// Writes a runtime diagnostic (not tied to an invocation) to stderr.
    static func runtimeMessage(_ message: String) {
        writeToStandardError("[BrumeFunction] \(message)\n")
    }

    /// The same tab-separated shape the Node.js and other managed runtimes use,
    /// so log tooling that extracts request IDs from Lambda logs works as is.
    static func formatLine(_ message: String, requestID: String, level: String, epochMilliseconds: Int64) -> String {
        "\(timestamp(epochMilliseconds: epochMilliseconds))\t\(requestID)\t\(level)\t\(message)\n"
    }

    /// ISO 8601 UTC with milliseconds, e.g. `2025-01-31T12:00:00.123Z`,
    /// formatted by hand: date formatters would pull in ICU-backed machinery for
    /// what is a few integer divisions.
    static func timestamp(epochMilliseconds: Int64) -> String {
        var seconds = time_t(epochMilliseconds / 1000)
        let millis = Int(epochMilliseconds % 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
            + ".\(pad(Int32(millis), 3))Z"
    }

    /// One `write(2)` per line (looping only on partial writes): writes up to
    /// PIPE_BUF bytes to a pipe are atomic, so lines from concurrent tasks do
    /// not interleave mid-line.
    private static func writeToStandardError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // Nowhere left to report a failing stderr.
                }
                offset += written
            }
        }
    }

    private static func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Darwin)
        Darwin.write(fd, pointer, count)
        #elseif canImport(Musl)
        Musl.write(fd, pointer, count)
        #else
        Glibc.write(fd, pointer, count)
        #endif
    }
}
