import BrumeCore
import Foundation

/// Every key and alias of one stack, held in memory and written through to SQLite before any
/// answer. Time is the stack clock's: deletion windows and automatic rotations fall due on it,
/// and are carried out by the first request after they do (their dates are the due dates, so
/// what clients observe is the same as if a timer had fired).
actor KMSBackend {
    let store: KMSStore
    let clock: any WallClock
    nonisolated let masterKey: MasterKey

    private var keys: [String: KMSKey] = [:]
    private var aliases: [AliasKey: KMSAlias] = [:]
    /// The earliest pending deletion or automatic rotation, so most requests skip the sweep.
    private var nextDue = Double.infinity

    struct AliasKey: Hashable {
        var account: String
        var region: String
        var name: String
    }

    init(store: KMSStore, masterKey: MasterKey, clock: any WallClock) throws {
        self.store = store
        self.masterKey = masterKey
        self.clock = clock
        for key in try store.loadKeys() { keys[key.id] = key }
        for alias in try store.loadAliases() { aliases[AliasKey(account: alias.account, region: alias.region, name: alias.name)] = alias }
        nextDue = keys.values.compactMap(Self.dueDate).min() ?? .infinity
    }

    /// Stack time, in epoch seconds.
    var now: Double { clock.now().timeIntervalSince1970 }

    // MARK: Keys

    func createKey(account: String, region: String, description: String, usage: String, spec: String, policy: String?, tags: [KeyTag]) throws -> KMSKey {
        settle()
        let id = UUID().uuidString.lowercased()
        let material = try KeyMaterial.generate(spec: spec)
        let created = now
        let sealed = SealedMaterial(
            version: 0, materialID: KeyMaterial.newMaterialID(), created: created, rotationType: nil,
            sealed: try masterKey.seal(material, keyID: id, version: 0)
        )
        let key = KMSKey(
            id: id, account: account, region: region, created: created, description: description, keyUsage: usage, keySpec: spec,
            state: .enabled, deletionDate: nil, pendingWindowInDays: nil, tags: tags,
            policy: policy ?? KeyPolicy.defaultPolicy(account: account), rotationEnabled: false, rotationPeriodInDays: nil,
            nextRotationDate: nil, materials: [sealed], grants: nil
        )
        try store.save(key)
        keys[id] = key
        return key
    }

    /// The key `reference` names (through its alias for an alias), or NotFoundException.
    func key(_ reference: KeyNames.Reference) throws(KMSError) -> KMSKey {
        settle()
        switch reference {
        case .key(let id, let account, let region):
            guard let key = keys[id], key.account == account, key.region == region else {
                throw .notFound("Key '\(KeyNames.keyARN(region: region, account: account, id: id))' does not exist")
            }
            return key
        case .alias(let name, let account, let region):
            guard let alias = aliases[AliasKey(account: account, region: region, name: name)], let key = keys[alias.targetKeyID] else {
                throw .notFound("Alias '\(KeyNames.aliasARN(region: region, account: account, name: name))' is not found.")
            }
            return key
        }
    }

    /// Changes key `id` with `change` (which may refuse by throwing), stores it, and returns it.
    @discardableResult
    func update(_ id: String, _ change: (inout KMSKey, Double) throws(KMSError) -> Void) throws -> KMSKey {
        settle()
        guard var key = keys[id] else { throw KMSError.notFound("Key '\(id)' does not exist") }
        try change(&key, now)
        try store.save(key)
        keys[id] = key
        if let due = Self.dueDate(key) { nextDue = min(nextDue, due) }
        return key
    }

    /// Adds a new version of key `id`'s material, now current; ON_DEMAND or AUTOMATIC.
    @discardableResult
    func rotate(_ id: String, type: String) throws -> KMSKey {
        try update(id) { key, now throws(KMSError) in
            do {
                try self.appendMaterial(to: &key, at: now, type: type)
            } catch {
                throw .internalFailure("\(error)")
            }
        }
    }

    /// The keys of one account and region, oldest first.
    func keys(account: String, region: String) -> [KMSKey] {
        settle()
        return keys.values.filter { $0.account == account && $0.region == region }
            .sorted { ($0.created, $0.id) < ($1.created, $1.id) }
    }

    /// Every key's ARN, for `/_brume/resources`.
    func allKeyARNs() -> [String] {
        keys.values.map(\.arn).sorted()
    }

    /// Every key of one account and region holding a grant `matching`, with that grant.
    func grants(account: String, region: String, matching: (KMSGrant) -> Bool) -> [(KMSKey, KMSGrant)] {
        keys(account: account, region: region).flatMap { key in (key.grants ?? []).filter(matching).map { (key, $0) } }
    }

    // MARK: Aliases

    func alias(account: String, region: String, name: String) -> KMSAlias? {
        settle()
        return aliases[AliasKey(account: account, region: region, name: name)]
    }

    func aliases(account: String, region: String) -> [KMSAlias] {
        settle()
        return aliases.values.filter { $0.account == account && $0.region == region }
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    func createAlias(_ alias: KMSAlias) throws {
        let slot = AliasKey(account: alias.account, region: alias.region, name: alias.name)
        guard aliases[slot] == nil else { throw KMSError.alreadyExists("An alias with the name \(alias.arn) already exists") }
        try store.save(alias)
        aliases[slot] = alias
    }

    func saveAlias(_ alias: KMSAlias) throws {
        try store.save(alias)
        aliases[AliasKey(account: alias.account, region: alias.region, name: alias.name)] = alias
    }

    func deleteAlias(_ alias: KMSAlias) throws {
        try store.delete(alias)
        aliases[AliasKey(account: alias.account, region: alias.region, name: alias.name)] = nil
    }

    // MARK: Material

    /// Version `version` of `key`'s material, unsealed; nil when the key has no such version.
    nonisolated func material(of key: KMSKey, version: UInt32) throws -> [UInt8]? {
        guard let sealed = key.material(version: version) else { return nil }
        return try masterKey.unseal(sealed.sealed, keyID: key.id, version: version)
    }

    // MARK: Due work

    /// Deletes keys whose deletion date has passed and rotates keys whose rotation is due.
    private func settle() {
        let now = self.now
        guard now >= nextDue else { return }
        for id in keys.keys.sorted() {
            guard var key = keys[id], let due = Self.dueDate(key), due <= now else { continue }
            do {
                if key.state == .pendingDeletion {
                    let pointing = aliases.values.filter { $0.targetKeyID == key.id }
                    try store.deleteKey(key, aliases: pointing)
                    keys[id] = nil
                    for alias in pointing { aliases[AliasKey(account: alias.account, region: alias.region, name: alias.name)] = nil }
                    continue
                }
                while key.rotationEnabled, let next = key.nextRotationDate, next <= now, let days = key.rotationPeriodInDays {
                    try appendMaterial(to: &key, at: next, type: "AUTOMATIC")
                    key.nextRotationDate = next + Double(days) * 86_400
                }
                try store.save(key)
                keys[id] = key
            } catch {
                // Storage refused: the key stays as it was and the work is retried by the next request.
                continue
            }
        }
        nextDue = keys.values.compactMap(Self.dueDate).min() ?? .infinity
    }

    private func appendMaterial(to key: inout KMSKey, at date: Double, type: String) throws {
        let version = key.current.version + 1
        let material = try KeyMaterial.generate(spec: key.keySpec)
        key.materials.append(SealedMaterial(
            version: version, materialID: KeyMaterial.newMaterialID(), created: date, rotationType: type,
            sealed: try masterKey.seal(material, keyID: key.id, version: version)
        ))
    }

    private static func dueDate(_ key: KMSKey) -> Double? {
        if key.state == .pendingDeletion { return key.deletionDate }
        return key.rotationEnabled ? key.nextRotationDate : nil
    }
}
