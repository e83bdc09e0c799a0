import BrumeCore
import BrumeEdge
import Foundation

/// Every function and its versions, in memory and in SQLite; the single writer of both.
///
/// Changes are written to the store before they are applied in memory and answered, so an
/// acknowledged CreateFunction or PublishVersion survives `kill -9`.
actor LambdaBackend {
    struct Entry: Sendable {
        var stored: StoredFunction
        var latest: FunctionRecord
        /// Published versions by number.
        var versions: [Int: FunctionRecord]
    }

    private let store: LambdaStore
    private var entries: [String: Entry] = [:]
    /// Function name → alias name → alias.
    private var aliases: [String: [String: AliasRecord]] = [:]
    /// Function name → qualifier (`""` for the function itself) → config.
    private var eventInvokeConfigs: [String: [String: EventInvokeConfig]] = [:]

    init(store: LambdaStore) throws {
        self.store = store
        for (stored, records) in try store.load() {
            guard let latest = records.first(where: { $0.version == "$LATEST" }) else { continue }
            var versions: [Int: FunctionRecord] = [:]
            for record in records { if let number = Int(record.version) { versions[number] = record } }
            entries[stored.name] = Entry(stored: stored, latest: latest, versions: versions)
        }
        eventInvokeConfigs = try store.loadEventInvokeConfigs()
        for alias in try store.loadAliases() { aliases[alias.functionName, default: [:]][alias.name] = alias }
    }

    // MARK: Aliases

    func alias(_ function: String, _ name: String) -> AliasRecord? { aliases[function]?[name] }

    func aliases(of function: String) -> [AliasRecord] {
        (aliases[function] ?? [:]).values.sorted { $0.name < $1.name }
    }

    /// Writes an alias (`change` gets the current one, nil when new); the version it names must exist.
    func putAlias(_ function: String, _ name: String, _ change: (AliasRecord?) throws(LambdaError) -> AliasRecord) throws(LambdaError) -> AliasRecord {
        guard let entry = entries[function] else { throw .functionNotFound(function) }
        let alias = try change(aliases[function]?[name])
        for version in [alias.functionVersion] + alias.additionalVersionWeights.keys where version != "$LATEST" {
            guard let number = Int(version), entry.versions[number] != nil else {
                throw .functionNotFound("\(entry.latest.functionARN):\(version)")
            }
        }
        do {
            try store.saveAlias(alias)
        } catch {
            throw .service("\(error)")
        }
        aliases[function, default: [:]][name] = alias
        return alias
    }

    func deleteAlias(_ function: String, _ name: String) throws(LambdaError) {
        do {
            try store.deleteAlias(function: function, name: name)
        } catch {
            throw .service("\(error)")
        }
        aliases[function]?[name] = nil
    }

    // MARK: Event invoke configs

    /// The config that applies to an invoke of `name` at `qualifier`: the qualifier's own, else none.
    func eventInvokeConfig(_ name: String, qualifier: String?) -> EventInvokeConfig? {
        eventInvokeConfigs[name]?[Self.configKey(qualifier)]
    }

    func eventInvokeConfigs(of name: String) -> [(qualifier: String, config: EventInvokeConfig)] {
        (eventInvokeConfigs[name] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Sets (`config`) or removes (nil) the config of `name` at `qualifier`.
    func setEventInvokeConfig(_ config: EventInvokeConfig?, name: String, qualifier: String?) throws(LambdaError) {
        do {
            try store.saveEventInvokeConfig(config, name: name, qualifier: Self.configKey(qualifier))
        } catch {
            throw .service("\(error)")
        }
        eventInvokeConfigs[name, default: [:]][Self.configKey(qualifier)] = config
    }

    private static func configKey(_ qualifier: String?) -> String {
        qualifier == "$LATEST" ? "$LATEST" : (qualifier ?? "")
    }

    // MARK: Reading

    /// The function a reference names, and the version its qualifier (or `qualifier`) selects.
    func resolve(_ reference: FunctionReference, caller: Caller, qualifier: String? = nil) throws(LambdaError) -> (Entry, FunctionRecord) {
        let qualifier = try Self.combine(reference, qualifier)
        guard let entry = entries[reference.name], Self.visible(entry.latest, reference, caller) else {
            throw .functionNotFound(Self.arn(reference, caller, qualifier: qualifier))
        }
        guard var qualifier, qualifier != "$LATEST" else { return (entry, entry.latest) }
        if Int(qualifier) == nil {
            // An alias: the version it points at (or, by weight, its additional version).
            guard let alias = aliases[reference.name]?[qualifier] else {
                throw .functionNotFound("\(entry.latest.functionARN):\(qualifier)")
            }
            qualifier = alias.pickVersion()
            if qualifier == "$LATEST" { return (entry, entry.latest) }
        }
        guard let number = Int(qualifier), let version = entry.versions[number] else {
            throw .functionNotFound("\(entry.latest.functionARN):\(qualifier)")
        }
        return (entry, version)
    }

    /// Every function's `$LATEST`, by name, for ListFunctions; with every version when `allVersions`.
    func list(allVersions: Bool) -> [FunctionRecord] {
        entries.keys.sorted().flatMap { name -> [FunctionRecord] in
            let entry = entries[name]!
            return allVersions ? [entry.latest] + entry.versions.keys.sorted().map { entry.versions[$0]! } : [entry.latest]
        }
    }

    func names() -> [String] { entries.keys.sorted() }

    // MARK: Writing

    /// Adds a new function.
    /// - Throws: ``LambdaError/resourceConflict(_:)`` when the name is taken.
    func create(_ record: FunctionRecord, tags: [String: String], publish: Bool) throws(LambdaError) -> FunctionRecord {
        guard entries[record.name] == nil else { throw .resourceConflict("Function already exist: \(record.name)") }
        var entry = Entry(stored: StoredFunction(name: record.name, tags: tags, reservedConcurrency: nil, lastVersion: 0),
                          latest: record, versions: [:])
        var written = [record]
        if publish {
            let version = Self.published(from: record, number: 1, description: record.description)
            entry.versions[1] = version
            entry.stored.lastVersion = 1
            written.append(version)
        }
        try save(entry.stored, written)
        entries[record.name] = entry
        return publish ? entry.versions[1]! : record
    }

    /// Replaces `$LATEST` with `change(latest)`, checking `revisionID` first when given.
    func updateLatest(
        _ name: String, revisionID: String?, publish: Bool = false, _ change: (inout FunctionRecord) throws(LambdaError) -> Void
    ) throws(LambdaError) -> FunctionRecord {
        guard var entry = entries[name] else { throw .functionNotFound(name) }
        try Self.check(revisionID, against: entry.latest)
        var latest = entry.latest
        try change(&latest)
        latest.revisionID = UUID().uuidString.lowercased()
        var written = [latest]
        entry.latest = latest
        if publish {
            let number = entry.stored.lastVersion + 1
            let version = Self.published(from: latest, number: number, description: latest.description)
            entry.versions[number] = version
            entry.stored.lastVersion = number
            written.append(version)
        }
        try save(entry.stored, written)
        entries[name] = entry
        return publish ? entry.versions[entry.stored.lastVersion]! : latest
    }

    /// Publishes `$LATEST` as a new version, unless the newest version already has its code and
    /// configuration, which AWS returns instead of publishing a copy.
    func publishVersion(_ name: String, description: String?, codeSha256: String?, revisionID: String?) throws(LambdaError) -> FunctionRecord {
        guard var entry = entries[name] else { throw .functionNotFound(name) }
        try Self.check(revisionID, against: entry.latest)
        if let codeSha256, codeSha256 != entry.latest.code.sha256 {
            throw .invalidParameterValue(
                "CodeSHA256 (\(codeSha256)) is different from current CodeSHA256 in $LATEST (\(entry.latest.code.sha256)). Please try again with the CodeSHA256 in $LATEST."
            )
        }
        if let newest = entry.versions.keys.max().flatMap({ entry.versions[$0] }), Self.sameContent(newest, entry.latest) {
            return newest
        }
        let number = entry.stored.lastVersion + 1
        let version = Self.published(from: entry.latest, number: number, description: description ?? "")
        entry.versions[number] = version
        entry.stored.lastVersion = number
        try save(entry.stored, [version])
        entries[name] = entry
        return version
    }

    /// Deletes a function, or one published version of it.
    func delete(_ name: String, version: Int?) throws(LambdaError) -> Entry {
        guard let entry = entries[name] else { throw .functionNotFound(name) }
        do {
            if let version {
                let referencing = aliases(of: name).filter { $0.functionVersion == String(version) || $0.additionalVersionWeights[String(version)] != nil }
                guard referencing.isEmpty else {
                    throw LambdaError.resourceConflict(
                        "Unable to delete version because the following aliases reference it: [\(referencing.map(\.name).joined(separator: ", "))]"
                    )
                }
                try store.delete(name, version: String(version))
                entries[name]?.versions[version] = nil
            } else {
                try store.delete(name)
                entries[name] = nil
                eventInvokeConfigs[name] = nil
                aliases[name] = nil
            }
        } catch let error as LambdaError {
            throw error
        } catch {
            throw .service("\(error)")
        }
        return entry
    }

    /// Changes what is shared by every version: tags and reserved concurrency.
    func updateShared(_ name: String, _ change: (inout StoredFunction) throws(LambdaError) -> Void) throws(LambdaError) -> StoredFunction {
        guard var entry = entries[name] else { throw .functionNotFound(name) }
        try change(&entry.stored)
        try save(entry.stored, [])
        entries[name] = entry
        return entry.stored
    }

    /// The sum of every function's reserved concurrency, for the account's unreserved pool.
    func totalReservedConcurrency(excluding name: String) -> Int {
        entries.values.filter { $0.stored.name != name }.compactMap(\.stored.reservedConcurrency).reduce(0, +)
    }

    // MARK: Helpers

    private func save(_ stored: StoredFunction, _ versions: [FunctionRecord]) throws(LambdaError) {
        do {
            try store.save(stored, versions: versions)
        } catch {
            throw .service("\(error)")
        }
    }

    private static func published(from latest: FunctionRecord, number: Int, description: String) -> FunctionRecord {
        var version = latest
        version.version = String(number)
        version.description = description
        version.revisionID = UUID().uuidString.lowercased()
        version.state = .active
        version.lastUpdateStatus = "Successful"
        return version
    }

    /// Whether a version has the code and configuration of `latest` (its description aside).
    private static func sameContent(_ version: FunctionRecord, _ latest: FunctionRecord) -> Bool {
        var left = version
        var right = latest
        for record in [\FunctionRecord.version, \.description, \.revisionID] {
            left[keyPath: record] = ""
            right[keyPath: record] = ""
        }
        left.lastModified = right.lastModified
        left.state = right.state
        left.lastUpdateStatus = right.lastUpdateStatus
        return left == right
    }

    private static func check(_ revisionID: String?, against latest: FunctionRecord) throws(LambdaError) {
        if let revisionID, revisionID != latest.revisionID {
            throw .preconditionFailed("The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id")
        }
    }

    /// The qualifier of an ARN and of the `Qualifier` parameter, which must agree.
    private static func combine(_ reference: FunctionReference, _ qualifier: String?) throws(LambdaError) -> String? {
        switch (reference.qualifier, qualifier) {
        case (let fromName?, let parameter?) where fromName != parameter:
            throw .invalidParameterValue("The derived qualifier from the function name does not match the specified qualifier.")
        case (let fromName?, _): fromName
        case (nil, let parameter): parameter
        }
    }

    private static func visible(_ latest: FunctionRecord, _ reference: FunctionReference, _ caller: Caller) -> Bool {
        (reference.accountID ?? latest.accountID) == latest.accountID && (reference.region ?? latest.region) == latest.region
    }

    static func arn(_ reference: FunctionReference, _ caller: Caller, qualifier: String? = nil) -> String {
        let base = "arn:aws:lambda:\(reference.region ?? caller.region):\(reference.accountID ?? caller.accountID):function:\(reference.name)"
        return qualifier.map { "\(base):\($0)" } ?? base
    }
}
