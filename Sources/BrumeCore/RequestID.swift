import Foundation

/// Request ids in the shapes AWS services use.
public enum RequestID {
    /// A UUID-style id, as the JSON and query protocols use.
    public static func uuid() -> String {
        UUID().uuidString.lowercased()
    }
}
