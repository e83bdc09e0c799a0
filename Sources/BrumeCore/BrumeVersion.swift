/// Brume's own version, reported by `/_brume/health` and `brume --version`.
public enum BrumeVersion {
    public static let current = "0.1.0"
}
