/// What one control-plane change touched, so the store writes exactly those rows.
struct ChangeSet: Sendable {
    var apis: Set<String> = []
    /// (api id, deployment id) of snapshots to write or delete.
    var snapshots: Set<SnapshotID> = []
    var apiKeys: Set<String> = []
    var usagePlans: Set<String> = []

    struct SnapshotID: Hashable, Sendable {
        var apiId: String
        var deploymentId: String
    }

    var isEmpty: Bool { apis.isEmpty && snapshots.isEmpty && apiKeys.isEmpty && usagePlans.isEmpty }
}
