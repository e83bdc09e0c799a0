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

}
