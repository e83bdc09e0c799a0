import BrumeCore
import BrumeEventRules
import BrumeWire
import Foundation

/// Every event bus and rule of one stack, over storage, and the matching of events against them.
///
/// Buses and rules are held in memory (with each rule's parsed pattern) as well as stored;
/// every change is committed before the method returns.
actor EventsBackend {
    let store: EventsStore
    let clock: any WallClock

    private var buses: [BusKey: EventBusRecord] = [:]
    private var rules: [RuleKey: RuleRecord] = [:]
    private var patterns: [RuleKey: EventPattern] = [:]

    init(store: EventsStore, clock: any WallClock) throws {
        self.store = store
        self.clock = clock
        for bus in try store.loadBuses() { buses[bus.key] = bus }
        for rule in try store.loadRules() {
            rules[rule.key] = rule
            if let text = rule.eventPattern { patterns[rule.key] = try? EventPattern(parsing: text) }
        }
    }

    // MARK: Buses

    /// Whether a bus exists: the default bus of every account and region always does.
    func busExists(_ key: BusKey) -> Bool {
        key.name == EventsNames.defaultBus || buses[key] != nil
    }

    func requireBus(_ key: BusKey) throws(EventsError) {
        guard busExists(key) else { throw .busNotFound(key.name) }
    }

    func createBus(_ key: BusKey, description: String?, tags: [String: String]) throws -> EventBusRecord {
        guard !busExists(key) else { throw EventsError.resourceAlreadyExists("Event bus \(key.name) already exists.") }
        let now = clock.now()
        let bus = EventBusRecord(key: key, description: description, creationTime: now, lastModifiedTime: now, tags: tags)
        try store.saveBus(bus)
        buses[key] = bus
        return bus
    }

    /// A custom bus, or nil for the default bus (which has no stored record).
    func bus(_ key: BusKey) throws(EventsError) -> EventBusRecord? {
        try requireBus(key)
        return buses[key]
    }

    /// Deletes a custom bus and its rules; a bus that does not exist is no error, as in AWS.
    func deleteBus(_ key: BusKey) throws {
        guard key.name != EventsNames.defaultBus else { throw EventsError.validation("Cannot delete event bus default.") }
        guard buses[key] != nil else { return }
        try store.deleteBus(key)
        buses[key] = nil
        for ruleKey in rules.keys where ruleKey.bus == key {
            rules[ruleKey] = nil
            patterns[ruleKey] = nil
        }
    }

    /// Custom buses of one account and region.
    func customBuses(account: String, region: String) -> [EventBusRecord] {
        buses.values.filter { $0.key.account == account && $0.key.region == region }
    }

    func updateBusTags(_ key: BusKey, _ change: (inout [String: String]) -> Void) throws {
        guard var bus = buses[key] else { throw EventsError.busNotFound(key.name) }
        change(&bus.tags)
        try store.saveBus(bus)
        buses[key] = bus
    }

    // MARK: Rules

    /// PutRule: creates the rule, or replaces its settings (keeping its targets and tags, as AWS
    /// ignores tags when updating).
    func putRule(_ key: RuleKey, pattern: String, description: String?, roleARN: String?, state: String, tags: [String: String]) throws -> RuleRecord {
        try requireBus(key.bus)
        let parsed: EventPattern
        do {
            parsed = try EventPattern(parsing: pattern)
        } catch {
            throw EventsError.invalidEventPattern(error.message)
        }
        var rule = rules[key] ?? RuleRecord(key: key, state: state, tags: tags, targets: [])
        rule.eventPattern = pattern
        rule.description = description
        rule.roleARN = roleARN
        rule.state = state
        try store.saveRule(rule)
        rules[key] = rule
        patterns[key] = parsed
        return rule
    }

    func rule(_ key: RuleKey) throws(EventsError) -> RuleRecord {
        try requireBus(key.bus)
        guard let rule = rules[key] else { throw .ruleNotFound(key.name, bus: key.bus.name) }
        return rule
    }

    /// The rules of a bus, in name order.
    func rules(on bus: BusKey) throws(EventsError) -> [RuleRecord] {
        try requireBus(bus)
        return rules.values.filter { $0.key.bus == bus }.sorted { $0.key.name.utf8.lexicographicallyPrecedes($1.key.name.utf8) }
    }

    /// DeleteRule: refused while the rule has targets; a missing rule is no error, as in AWS.
    func deleteRule(_ key: RuleKey) throws {
        try requireBus(key.bus)
        guard let rule = rules[key] else { return }
        guard rule.targets.isEmpty else { throw EventsError.validation("Rule can't be deleted since it has targets.") }
        try store.deleteRule(key)
        rules[key] = nil
        patterns[key] = nil
    }

    /// Changes a rule with `change`, which may refuse by throwing, and stores it.
    func updateRule(_ key: RuleKey, _ change: (inout RuleRecord) throws(EventsError) -> Void) throws {
        var rule = try rule(key)
        try change(&rule)
        try store.saveRule(rule)
        rules[key] = rule
    }

    /// PutTargets: adds or replaces targets by id, within AWS's five a rule.
    func putTargets(_ key: RuleKey, _ targets: [TargetRecord]) throws {
        try updateRule(key) { rule throws(EventsError) in
            for target in targets {
                if let index = rule.targets.firstIndex(where: { $0.id == target.id }) {
                    rule.targets[index] = target
                } else {
                    rule.targets.append(target)
                }
            }
            guard rule.targets.count <= TargetRules.maximumTargetsPerRule else {
                throw .limitExceeded("The requested resource exceeds the maximum number allowed.")
            }
        }
    }

    // MARK: Matching

    /// The deliveries for an accepted event: one per target of each enabled rule of its bus
    /// whose pattern matches. An event whose bus is gone, or that is not JSON, matches nothing.
    func match(_ accepted: AcceptedEvent) -> [Delivery] {
        guard let event = try? JSONValue.parse(Array(accepted.event.utf8)) else { return [] }
        let eventID = event["id"]?.stringValue ?? ""
        var deliveries: [Delivery] = []
        let candidates = rules.values.filter { $0.key.bus == accepted.bus && $0.isEnabled }.sorted { $0.key.name < $1.key.name }
        for rule in candidates where !rule.targets.isEmpty {
            guard let pattern = patterns[rule.key], pattern.matches(event) else { continue }
            let ruleARN = EventsNames.ruleARN(rule.key)
            for target in rule.targets {
                deliveries.append(Delivery(
                    eventID: eventID, event: accepted.event, ruleARN: ruleARN, targetID: target.id, targetARN: target.arn,
                    input: TargetInput.text(
                        for: target, event: event, eventText: accepted.event, ruleName: rule.key.name, ruleARN: ruleARN,
                        ingestionTime: AWSTimestamp.iso8601(accepted.receivedAt)
                    ),
                    messageGroupID: target.messageGroupID,
                    deadLetterARN: target.deadLetterARN,
                    schedule: RetrySchedule(
                        maximumRetryAttempts: target.maximumRetryAttempts ?? RetrySchedule.defaultRetryAttempts,
                        maximumEventAge: target.maximumEventAgeInSeconds.map(TimeInterval.init) ?? RetrySchedule.defaultEventAge
                    ),
                    receivedAt: accepted.receivedAt
                ))
            }
        }
        return deliveries
    }

    /// Every rule's name, for `/_brume/resources`.
    func allRuleNames() -> [String] {
        rules.keys.map(\.name).sorted()
    }

    func allBusNames() -> [String] {
        buses.keys.map(\.name).sorted()
    }
}
