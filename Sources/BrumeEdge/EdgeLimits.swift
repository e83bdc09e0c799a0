#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The HTTP limits of the edge's listener, which hold before any service is known.
///
/// A request past a header limit is refused by the HTTP decoder with `400 Bad Request` and the
/// connection closed, as AWS's front ends answer an oversized header block; the process keeps
/// no more than these bytes of a request head. The values sit well above what any SDK sends (a
/// signed request with a session token and S3's 2 KB of user metadata stays under 8 KiB) and
/// below what could exhaust memory.
public enum EdgeLimits {
    /// The longest single header line (name and value), or request line, in bytes.
    public static let headerFieldSize = 16 * 1024
    /// The longest header block (request line and every header line), in bytes.
    public static let headerListSize = 64 * 1024
    /// The most header lines a request may carry.
    public static let headerFieldCount = 500

    /// How long a connection may send nothing before the edge closes it: a keep-alive
    /// connection between requests, or a client that stopped halfway through a request head or
    /// body. S3 closes idle connections after about 20 seconds. A request being answered (a
    /// long poll, a slow invoke, a download) is never cut: the clock runs only while the edge
    /// waits for the client.
    public static let idleTimeoutSeconds: Int64 = 20

    /// The most connections served at once: 4,096, or half the process's open-file limit when
    /// that is lower, so the data directory, function processes and outgoing calls always have
    /// descriptors left. Past it the edge stops accepting; new connections wait in the kernel's
    /// backlog until one closes instead of failing with `EMFILE`.
    public static var maximumConnections: Int {
        maximumConnections(openFileLimit: openFileLimit())
    }

    /// The connection limit for a process allowed `openFileLimit` descriptors (nil: unlimited).
    public static func maximumConnections(openFileLimit: Int?) -> Int {
        guard let openFileLimit else { return 4096 }
        return min(4096, max(32, openFileLimit / 2))
    }

    /// The soft `RLIMIT_NOFILE`, or nil when there is none.
    static func openFileLimit() -> Int? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Int(clamping: limit.rlim_cur)
    }
}
