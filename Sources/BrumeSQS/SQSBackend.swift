import BrumeCore
import Foundation

/// Every queue of the service: their configuration, their messages' state machines, and the
/// long polls waiting on them.
///
/// One actor, so a message moving to a dead-letter queue leaves one queue and enters the other in
/// a single step. Each change is written to storage (synchronously, in order) before the method
/// returns, so whatever a client was told survives a crash.
actor SQSBackend {
    let store: SQSStore
    /// The stack's clock: every time the queues keep is stack time, and long polls wait on it.
    let clock: StackClock
    var queues: [Int64: QueueEntry] = [:]
    var queueIDs: [QueueIdentity: Int64] = [:]
    /// Names deleted in the last 60 seconds cannot be created again yet (milliseconds).
    private var recentlyDeleted: [QueueIdentity: Int64] = [:]
    var moveTasks: [String: MessageMoveTask] = [:]
    var waiters: [Int64: [Int: CheckedContinuation<Void, Never>]] = [:]
    /// Waiters whose timer fired before they started waiting.
    var wokenEarly: Set<Int> = []
    /// How many times each queue changed in a way that can make a message available.
    var versions: [Int64: Int] = [:]
    var nextWaiterID = 0
    private var lastSweep: Int64 = 0
    /// The most messages a queue may have in flight, standard or FIFO, before ReceiveMessage is OverLimit.
    static let inFlightLimit = 120_000

    struct QueueEntry: Sendable {
        var record: QueueRecord
        var state: QueueStateMachine
    }

    /// Opens the store and loads every queue and message into memory.
    init(store: SQSStore, clock: StackClock) throws {
        self.store = store
        self.clock = clock
        let now = Self.milliseconds(clock.now())
        for stored in try store.loadQueues() {
            let attributes = (try? QueueAttributes.forCreate(stored.attributes, isFIFOName: stored.identity.name.hasSuffix(".fifo")))
                ?? Self.defaultAttributes(fifo: stored.identity.name.hasSuffix(".fifo"))
            let record = QueueRecord(
                id: stored.id, accountID: stored.identity.accountID, region: stored.identity.region, name: stored.identity.name,
                attributes: attributes, tags: stored.tags, createdAt: stored.createdAt, modifiedAt: stored.modifiedAt,
                purgedAt: stored.purgedAt
            )
            var state = QueueStateMachine(queueID: stored.id, isFIFO: record.isFIFO)
            let (messages, deduplication) = try store.loadMessages(queueID: stored.id)
            for message in messages { state.restore(message, now: now) }
            for (key, value) in deduplication { state.restore(key, value) }
            state.finishRestoring()
            queues[stored.id] = QueueEntry(record: record, state: state)
            queueIDs[stored.identity] = stored.id
        }
        recentlyDeleted = try store.loadDeletedQueues()
        for task in try store.loadMoveTasks() { moveTasks[task.taskHandle] = task }
    }

    /// The attributes of a queue whose stored attributes no longer parse (after a rule change).
    private static func defaultAttributes(fifo: Bool) -> QueueAttributes {
        var attributes = QueueAttributes()
        if fifo { attributes.fifo = QueueAttributes.FIFOSettings() }
        return attributes
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    var now: Int64 { Self.milliseconds(clock.now()) }

    // MARK: Queues

    var queueRecords: [QueueRecord] { queues.values.map(\.record) }

    /// The queue with this identity.
    /// - Throws: ``SQSError/queueDoesNotExist`` when there is none.
    func queue(_ identity: QueueIdentity) throws(SQSError) -> QueueRecord {
        guard let id = queueIDs[identity], let entry = queues[id] else { throw .queueDoesNotExist }
        return entry.record
    }

    /// The queue with this ARN, if it exists.
    func queue(arn: String) -> QueueRecord? {
        guard let identity = QueueIdentity(arn: arn), let id = queueIDs[identity] else { return nil }
        return queues[id]?.record
    }

    /// Creates a queue, or returns the existing one when its attributes are the same.
    func createQueue(
        _ identity: QueueIdentity, attributes raw: [String: String], tags: [String: String]
    ) throws -> QueueRecord {
        let isFIFO = identity.name.hasSuffix(".fifo")
        let attributes = try QueueAttributes.forCreate(raw, isFIFOName: isFIFO)
        if let existing = queueIDs[identity].flatMap({ queues[$0]?.record }) {
            // Same name and same attributes is the same queue; SQS answers its URL again.
            try existing.attributes.checkSameAsExisting(raw, isFIFOName: isFIFO)
            return existing
        }
        let now = self.now
        if let deletedAt = recentlyDeleted[identity], now - deletedAt < 60_000 {
            throw SQSError.queueDeletedRecently
        }
        try checkDeadLetterTarget(of: attributes, forFIFO: isFIFO, sourceARN: identity.arn)
        let seconds = now / 1000
        let id = try store.insertQueue(identity: identity, attributes: attributes.rawValues, tags: tags, createdAt: seconds)
        let record = QueueRecord(
            id: id, accountID: identity.accountID, region: identity.region, name: identity.name,
            attributes: attributes, tags: tags, createdAt: seconds, modifiedAt: seconds, purgedAt: nil
        )
        queues[id] = QueueEntry(record: record, state: QueueStateMachine(queueID: id, isFIFO: isFIFO))
        queueIDs[identity] = id
        recentlyDeleted[identity] = nil
        return record
    }

    /// A dead-letter queue must exist, be of the same type, and allow this source.
    private func checkDeadLetterTarget(of attributes: QueueAttributes, forFIFO isFIFO: Bool, sourceARN: String) throws(SQSError) {
        guard let policy = attributes.redrivePolicy else { return }
        guard let target = queue(arn: policy.deadLetterTargetArn) else {
            throw .invalidParameterValue(
                "Value \(policy.json) for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist."
            )
        }
        guard target.isFIFO == isFIFO else {
            throw .invalidParameterValue(
                "Value \(policy.json) for parameter RedrivePolicy is invalid. Reason: Dead-letter queue must be same type of queue as the source.."
            )
        }
        if let allow = target.attributes.redriveAllowPolicy, !allow.allows(sourceArn: sourceARN) {
            throw .invalidParameterValue(
                "Value \(policy.json) for parameter RedrivePolicy is invalid. Reason: Queue \(target.arn) does not allow this queue as a source queue."
            )
        }
    }

    /// Queues of an account and region whose name starts with `prefix`, by name.
    func listQueues(accountID: String, region: String, prefix: String?) -> [QueueRecord] {
        queues.values.map(\.record)
            .filter { $0.accountID == accountID && $0.region == region && $0.name.hasPrefix(prefix ?? "") }
            .sorted { $0.name < $1.name }
    }

    /// Queues whose RedrivePolicy targets the queue with `arn`.
    func deadLetterSources(of arn: String) -> [QueueRecord] {
        queues.values.map(\.record).filter { $0.attributes.redrivePolicy?.deadLetterTargetArn == arn }.sorted { $0.name < $1.name }
    }

    /// SetQueueAttributes.
    func setAttributes(_ identity: QueueIdentity, _ raw: [String: String]) throws {
        var entry = try entry(identity)
        let attributes = try entry.record.attributes.applying(raw)
        try checkDeadLetterTarget(of: attributes, forFIFO: entry.record.isFIFO, sourceARN: entry.record.arn)
        entry.record.attributes = attributes
        entry.record.modifiedAt = now / 1000
        try store.updateQueue(entry.record)
        queues[entry.record.id] = entry
        // A shorter wait or visibility may let a long poll finish sooner.
        signal(entry.record.id)
    }

    /// Replaces a queue's tags.
    func setTags(_ identity: QueueIdentity, _ update: (inout [String: String]) throws(SQSError) -> Void) throws {
        var entry = try entry(identity)
        try update(&entry.record.tags)
        try store.updateQueue(entry.record)
        queues[entry.record.id] = entry
    }

    /// Replaces a queue's Policy attribute (AddPermission / RemovePermission).
    func updatePolicy(_ identity: QueueIdentity, _ update: (String?) throws(SQSError) -> String?) throws {
        var entry = try entry(identity)
        entry.record.attributes.policy = try update(entry.record.attributes.policy)
        try store.updateQueue(entry.record)
        queues[entry.record.id] = entry
    }

    func deleteQueue(_ identity: QueueIdentity) throws {
        let entry = try entry(identity)
        let now = self.now
        try store.deleteQueue(entry.record, deletedAt: now)
        queues[entry.record.id] = nil
        queueIDs[identity] = nil
        recentlyDeleted[identity] = now
        signal(entry.record.id)
    }

    /// Deletes every message and forgets the FIFO deduplication ids and receive attempts, as SQS
    /// does; a second purge within 60 seconds is PurgeQueueInProgress (naming the queue).
    func purge(_ identity: QueueIdentity) throws {
        let id = try id(of: identity)
        let now = self.now
        let record = try mutate(id) { (entry: inout QueueEntry) throws(SQSError) in
            if let purgedAt = entry.record.purgedAt, now - purgedAt < 60_000 {
                throw .purgeQueueInProgress(queueName: identity.name)
            }
            _ = entry.state.purge()
            entry.record.purgedAt = now
            return (entry.record, [.deleteAll(queueID: id)])
        }
        try store.updateQueue(record)
        // Long polls waiting on a FIFO group that was in flight look again.
        signal(id)
    }

    /// The Approximate* counts of a queue.
    func counts(_ identity: QueueIdentity) throws -> MessageCounts {
        let id = try entry(identity).record.id
        sweep(now: now)
        return queues[id]!.state.counts(now: now)
    }

    private func entry(_ identity: QueueIdentity) throws(SQSError) -> QueueEntry {
        guard let id = queueIDs[identity], let entry = queues[id] else { throw .queueDoesNotExist }
        return entry
    }

    // MARK: Messages

    /// Runs `change` on a queue's messages in place and persists what it returns.
    ///
    /// The entry is taken out of the table while it changes: a copy would share the message
    /// dictionary's storage, and Swift's copy-on-write would then copy every message of the queue
    /// on each send. If storage refuses the changes, the queue is reloaded from storage, which
    /// holds exactly what clients were told.
    func mutate<T>(
        _ id: Int64, touching others: [Int64] = [], _ change: (inout QueueEntry) throws(SQSError) -> (T, [MessageChange])
    ) throws -> T {
        guard var entry = queues.removeValue(forKey: id) else { throw SQSError.queueDoesNotExist }
        let result: T
        let changes: [MessageChange]
        do {
            (result, changes) = try change(&entry)
        } catch {
            queues[id] = entry
            throw error
        }
        queues[id] = entry
        do {
            try store.apply(changes)
        } catch {
            for touched in [id] + others { try reload(touched) }
            throw error
        }
        return result
    }

    /// Replaces a queue's in-memory state with what storage holds.
    private func reload(_ id: Int64) throws {
        guard let record = queues[id]?.record else { return }
        var state = QueueStateMachine(queueID: id, isFIFO: record.isFIFO)
        let (messages, deduplication) = try store.loadMessages(queueID: id)
        let now = self.now
        for message in messages { state.restore(message, now: now) }
        for (key, value) in deduplication { state.restore(key, value) }
        state.finishRestoring()
        queues[id]?.state = state
    }

    private func id(of identity: QueueIdentity) throws(SQSError) -> Int64 {
        guard let id = queueIDs[identity] else { throw .queueDoesNotExist }
        return id
    }

    /// Sends validated drafts to a queue in one transaction; one outcome per draft.
    func send(_ drafts: [MessageDraft], to identity: QueueIdentity) throws -> [SendOutcome] {
        let id = try id(of: identity)
        let now = self.now
        let outcomes = try mutate(id) { (entry: inout QueueEntry) throws(SQSError) in
            let scope: DeduplicationScope = entry.record.attributes.fifo?.deduplicationScope == .messageGroup ? .messageGroup : .queue
            var changes: [MessageChange] = []
            var outcomes: [SendOutcome] = []
            for draft in drafts {
                let outcome = entry.state.send(draft, scope: scope, now: now, messageID: { UUID().uuidString.lowercased() })
                if case .enqueued(let message, let deduplication) = outcome {
                    changes.append(.insert(queueID: id, message))
                    if let (key, record) = deduplication { changes.append(.remember(queueID: id, key, record)) }
                }
                outcomes.append(outcome)
            }
            return (outcomes, changes)
        }
        signal(id)
        return outcomes
    }

    /// Receives up to `maxCount` messages; messages past the redrive limit move to the dead-letter queue.
    ///
    /// Also returns the queue's change count as it was after this receive, for ``wait(queueID:waiter:seen:)``.
    func receive(
        from identity: QueueIdentity, maxCount: Int, visibilityTimeout: Int, attemptID: String?
    ) throws -> (messages: [QueueMessage], version: Int) {
        sweep(now: now)
        let id = try id(of: identity)
        let now = self.now
        let record = queues[id]!.record
        let redrive = record.attributes.redrivePolicy
        let deadLetterQueue = redrive.flatMap { queue(arn: $0.deadLetterTargetArn) }.flatMap { $0.id == id ? nil : $0 }
        // The move to the dead-letter queue is one transaction with the receive: a crash can
        // neither lose the message nor leave it in both queues.
        let outcome = try mutate(id, touching: deadLetterQueue.map { [$0.id] } ?? []) { (entry: inout QueueEntry) throws(SQSError) in
            // Counting is O(messages), so only a queue that could be at the limit is counted.
            if entry.state.messages.count >= Self.inFlightLimit, entry.state.counts(now: now).inFlight >= Self.inFlightLimit {
                throw .overLimit("You have reached the maximum number of in flight messages (\(Self.inFlightLimit)).")
            }
            let outcome = entry.state.receive(
                maxCount: maxCount, visibilityTimeout: Int64(visibilityTimeout) * 1000, now: now, attemptID: attemptID,
                maxReceiveCount: deadLetterQueue == nil ? nil : redrive?.maxReceiveCount, token: Self.token
            )
            var changes = outcome.messages.map { MessageChange.updateVisibility(queueID: id, $0) }
            changes += outcome.deadLettered.map { MessageChange.delete(queueID: id, sequence: $0.sequence) }
            if let deadLetterQueue {
                changes += insertMoved(outcome.deadLettered, into: deadLetterQueue.id, sourceARN: record.arn, now: now)
            }
            return (outcome, changes)
        }
        if let deadLetterQueue, !outcome.deadLettered.isEmpty { signal(deadLetterQueue.id) }
        return (outcome.messages, versions[id, default: 0])
    }

    /// Adds moved messages to another queue's state in place (a dead-letter queue, or a source
    /// queue for a move task) and returns the inserts, for the caller's transaction.
    func insertMoved(
        _ messages: [QueueMessage], into queueID: Int64, sourceARN: String?, startOver: Bool = false, now: Int64
    ) -> [MessageChange] {
        var changes: [MessageChange] = []
        for message in messages {
            var draft = MessageDraft(moving: message, deadLetterSourceARN: sourceARN)
            if startOver {
                // Back in a source queue the message starts over, as a new send would.
                draft.receiveCount = 0
                draft.firstReceiveTimestamp = nil
            }
            let outcome = queues[queueID]?.state.send(draft, scope: .queue, deduplicate: false, now: now, messageID: { message.messageID })
            if case .enqueued(let moved, _)? = outcome { changes.append(.insert(queueID: queueID, moved)) }
        }
        return changes
    }

    /// Deletes messages by receipt handle; one result per handle (nil: deleted or already gone).
    func delete(_ handles: [String], from identity: QueueIdentity) throws -> [SQSError?] {
        let id = try id(of: identity)
        let now = self.now
        // A delete can unlock a FIFO group, so long polls look again.
        defer { signal(id) }
        return try mutate(id) { (entry: inout QueueEntry) throws(SQSError) in
            var changes: [MessageChange] = []
            var results: [SQSError?] = []
            for raw in handles {
                do throws(SQSError) {
                    guard let handle = ReceiptHandle(encoded: raw) else { throw .receiptHandleIsInvalid(raw) }
                    if let removed = try entry.state.delete(handle, now: now) {
                        changes.append(.delete(queueID: id, sequence: removed.sequence))
                    }
                    results.append(nil)
                } catch {
                    results.append(error)
                }
            }
            return (results, changes)
        }
    }

    /// Changes visibility timeouts by receipt handle; one result per entry.
    func changeVisibility(_ entries: [(handle: String, timeout: Int)], in identity: QueueIdentity) throws -> [SQSError?] {
        let id = try id(of: identity)
        let now = self.now
        let results = try mutate(id) { (entry: inout QueueEntry) throws(SQSError) in
            var changes: [MessageChange] = []
            var results: [SQSError?] = []
            for item in entries {
                do throws(SQSError) {
                    guard let handle = ReceiptHandle(encoded: item.handle) else { throw .receiptHandleIsInvalid(item.handle) }
                    if let message = try entry.state.changeVisibility(handle, timeout: Int64(item.timeout) * 1000, now: now) {
                        changes.append(.updateVisibility(queueID: id, message))
                    }
                    results.append(nil)
                } catch {
                    results.append(error)
                }
            }
            return (results, changes)
        }
        signal(id)
        return results
    }

    /// Drops expired messages and deduplication records, and advances move tasks, at most once a second.
    private func sweep(now: Int64) {
        guard now - lastSweep >= 1000 else { return }
        lastSweep = now
        for id in Array(queues.keys) {
            try? mutate(id) { (entry: inout QueueEntry) throws(SQSError) in
                let retention = Int64(entry.record.attributes.messageRetentionPeriod) * 1000
                var changes = entry.state.expire(now: now, retention: retention).map { MessageChange.delete(queueID: id, sequence: $0) }
                changes += entry.state.forgetExpiredDeduplication(now: now).map { .forget(queueID: id, $0) }
                return ((), changes)
            }
        }
        advanceMoveTasks(now: now)
    }

    private static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".randomElement(using: &generator)! })
    }
}

extension SQSBackend {
    /// Every queue's ARN, for `/_brume/resources`.
    func allQueueARNs() -> [String] {
        queueRecords.map(\.arn).sorted()
    }
}
