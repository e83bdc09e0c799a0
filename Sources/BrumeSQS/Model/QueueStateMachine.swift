/// The messages of one queue and every rule about who may see them when: delays, visibility
/// timeouts, FIFO group order and locks, deduplication, receive-attempt replays, redrive.
///
/// Pure: time comes in as milliseconds, randomness as a token function, and every method returns
/// what changed so the caller can persist exactly that. Nothing here sleeps or does I/O.
struct QueueStateMachine: Sendable {
    let queueID: Int64
    let isFIFO: Bool
    /// Every message not yet deleted, by sequence.
    private(set) var messages: [Int64: QueueMessage] = [:]
    /// Standard queues: sequences that were visible when last looked at (checked again on use).
    private var ready = MinHeap<Int64>()
    /// Times at which delayed or in-flight messages become visible (stale entries are skipped).
    private var deadlines = MinHeap<VisibilityDeadline>()
    /// FIFO queues: each group's undeleted sequences, oldest first.
    private var groups: [String: [Int64]] = [:]
    /// FIFO deduplication ids seen in the last five minutes.
    private(set) var deduplication: [DeduplicationKey: DeduplicationRecord] = [:]
    /// FIFO receive attempts that can be replayed, by ReceiveRequestAttemptId.
    private var attempts: [String: ReceiveAttempt] = [:]
    /// The sequence the next message gets.
    private(set) var nextSequence: Int64

    /// The FIFO deduplication interval, and how long a receive attempt can be replayed.
    static let deduplicationWindow: Int64 = 5 * 60 * 1000

    init(queueID: Int64, isFIFO: Bool, nextSequence: Int64 = 1) {
        self.queueID = queueID
        self.isFIFO = isFIFO
        self.nextSequence = nextSequence
    }

    // MARK: Restoring

    /// Puts back a message read from storage; call ``finishRestoring()`` after the last one.
    mutating func restore(_ message: QueueMessage, now: Int64) {
        messages[message.sequence] = message
        nextSequence = max(nextSequence, message.sequence + 1)
        schedule(message, now: now)
        if isFIFO, let group = message.groupID { groups[group, default: []].append(message.sequence) }
    }

    /// Puts back a deduplication record read from storage.
    mutating func restore(_ key: DeduplicationKey, _ record: DeduplicationRecord) {
        deduplication[key] = record
    }

    /// Orders the FIFO groups after restoring messages in any order.
    mutating func finishRestoring() {
        for group in groups.keys { groups[group]?.sort() }
    }

    // MARK: Sending

    /// Adds a message, or recognises it as a duplicate of one sent within the window.
    ///
    /// Messages moved in from another queue pass `deduplicate: false`: they were deduplicated
    /// when first sent.
    mutating func send(
        _ draft: MessageDraft, scope: DeduplicationScope, deduplicate: Bool = true, now: Int64, messageID: () -> String
    ) -> SendOutcome {
        var key: DeduplicationKey?
        if isFIFO, deduplicate, let deduplicationID = draft.deduplicationID {
            let dedupKey = DeduplicationKey(group: scope == .messageGroup ? draft.groupID ?? "" : "", id: deduplicationID)
            if let record = deduplication[dedupKey], record.expiresAt > now {
                return .duplicate(record)
            }
            key = dedupKey
        }
        let sequence = nextSequence
        nextSequence += 1
        let message = QueueMessage(
            sequence: sequence,
            messageID: draft.messageID ?? messageID(),
            body: draft.body,
            md5OfBody: draft.md5OfBody,
            messageAttributes: draft.messageAttributes,
            md5OfMessageAttributes: draft.md5OfMessageAttributes,
            systemAttributes: draft.systemAttributes,
            md5OfMessageSystemAttributes: draft.md5OfMessageSystemAttributes,
            senderID: draft.senderID,
            sentTimestamp: draft.sentTimestamp ?? now,
            // A standard queue keeps the group too: it names the tenant of a fair queue.
            groupID: draft.groupID,
            deduplicationID: isFIFO ? draft.deduplicationID : nil,
            sequenceNumber: isFIFO ? Self.sequenceNumber(sequence) : nil,
            deadLetterSourceARN: draft.deadLetterSourceARN,
            visibleAt: now + Int64(draft.delaySeconds) * 1000,
            receiveCount: draft.receiveCount,
            firstReceiveTimestamp: draft.firstReceiveTimestamp,
            receiptToken: nil
        )
        messages[sequence] = message
        schedule(message, now: now)
        if isFIFO, let group = message.groupID { groups[group, default: []].append(sequence) }
        var record: DeduplicationRecord?
        if let key {
            let newRecord = DeduplicationRecord(
                messageID: message.messageID, sequenceNumber: message.sequenceNumber, expiresAt: now + Self.deduplicationWindow
            )
            deduplication[key] = newRecord
            record = newRecord
        }
        return .enqueued(message, key.flatMap { key in record.map { (key, $0) } })
    }

    /// SQS's FIFO sequence numbers are long decimal strings that only grow.
    static func sequenceNumber(_ sequence: Int64) -> String {
        String(1_000_000_000_000_000_000 + sequence)
    }

    // MARK: Receiving

    /// Hands out up to `maxCount` messages, hiding each for `visibilityTimeout` milliseconds.
    ///
    /// A message whose receive count already reached `maxReceiveCount` is not delivered again:
    /// it comes back in ``ReceiveOutcome/deadLettered`` for the caller to move.
    mutating func receive(
        maxCount: Int, visibilityTimeout: Int64, now: Int64, attemptID: String? = nil,
        maxReceiveCount: Int? = nil, token: () -> String
    ) -> ReceiveOutcome {
        advance(now: now)
        if isFIFO, let attemptID, let replay = replay(attemptID, visibilityTimeout: visibilityTimeout, now: now) {
            return replay
        }
        var outcome = ReceiveOutcome()
        if isFIFO {
            receiveFromGroups(maxCount: maxCount, now: now, maxReceiveCount: maxReceiveCount, into: &outcome)
        } else {
            while outcome.delivered.count < maxCount, let sequence = ready.popMin() {
                // The heap may hold a sequence twice (a deadline and a visibility change both
                // queued it); a message is handed out once per receive.
                guard let message = messages[sequence], message.isVisible(now: now), !outcome.delivered.contains(sequence)
                else { continue }
                if let limit = maxReceiveCount, message.receiveCount >= limit {
                    outcome.deadLettered.append(remove(sequence)!)
                    continue
                }
                outcome.delivered.append(sequence)
            }
        }
        var delivered: [QueueMessage] = []
        for sequence in outcome.delivered {
            guard var message = messages[sequence] else { continue }
            message.receiveCount += 1
            if message.firstReceiveTimestamp == nil { message.firstReceiveTimestamp = now }
            message.receiptToken = token()
            message.visibleAt = now + visibilityTimeout
            messages[sequence] = message
            deadlines.insert(VisibilityDeadline(time: message.visibleAt, sequence: sequence))
            delivered.append(message)
        }
        outcome.messages = delivered
        if isFIFO, let attemptID, !delivered.isEmpty {
            attempts[attemptID] = ReceiveAttempt(
                handles: delivered.map { ($0.sequence, $0.receiptToken!) }, expiresAt: now + Self.deduplicationWindow
            )
        }
        return outcome
    }

    /// FIFO delivery, as SQS serves groups: a group can be received while its oldest message is
    /// visible, and gives its visible messages in order up to the first one that is not (in
    /// flight or delayed). Groups are served by the moment their oldest message became visible
    /// (sent, or back from a visibility timeout or a ChangeMessageVisibility), earliest first, and
    /// one group's messages come together before the next group's.
    ///
    /// So a group is locked while its oldest message is in flight (after a partial delete, the
    /// message still held keeps it locked), and ending the timeout of that message alone
    /// (ChangeMessageVisibility to 0) opens the group at once for it, behind groups that were
    /// waiting already.
    private mutating func receiveFromGroups(maxCount: Int, now: Int64, maxReceiveCount: Int?, into outcome: inout ReceiveOutcome) {
        var available: [(group: String, since: Int64, head: Int64)] = []
        for (group, sequences) in groups {
            guard let head = sequences.first, let message = messages[head], message.isVisible(now: now) else { continue }
            available.append((group, message.visibleAt, head))
        }
        available.sort { ($0.since, $0.head) < ($1.since, $1.head) }
        for (group, _, _) in available where outcome.delivered.count < maxCount {
            guard let sequences = groups[group] else { continue }
            for sequence in sequences where outcome.delivered.count < maxCount {
                guard let message = messages[sequence], message.isVisible(now: now) else { break }
                if let limit = maxReceiveCount, message.receiveCount >= limit {
                    outcome.deadLettered.append(remove(sequence)!)
                    continue
                }
                outcome.delivered.append(sequence)
            }
        }
    }

    /// The same messages and receipt handles as the first receive with this attempt id, with their
    /// visibility timeout started again; nil when there is nothing to replay.
    private mutating func replay(_ attemptID: String, visibilityTimeout: Int64, now: Int64) -> ReceiveOutcome? {
        guard let attempt = attempts[attemptID] else { return nil }
        guard attempt.expiresAt > now else {
            attempts[attemptID] = nil
            return nil
        }
        var outcome = ReceiveOutcome()
        for (sequence, token) in attempt.handles {
            guard var message = messages[sequence], message.receiptToken == token else { continue }
            message.visibleAt = now + visibilityTimeout
            messages[sequence] = message
            deadlines.insert(VisibilityDeadline(time: message.visibleAt, sequence: sequence))
            outcome.delivered.append(sequence)
            outcome.messages.append(message)
        }
        return outcome
    }

    // MARK: Deleting and changing visibility

    /// Deletes the message a receipt handle names; nil when it was already deleted, which SQS
    /// answers with success too.
    mutating func delete(_ handle: ReceiptHandle, now: Int64) throws(SQSError) -> QueueMessage? {
        guard handle.queueID == queueID else { throw .receiptHandleIsInvalid(handle.encoded) }
        guard let message = messages[handle.sequence] else { return nil }
        // A FIFO receipt handle stops working once its visibility timeout is over; a standard
        // queue deletes with any handle the message was received with.
        if isFIFO, message.receiptToken != handle.token || !message.isInFlight(now: now) {
            throw .invalidParameterValue(
                "Value \(handle.encoded) for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired."
            )
        }
        return remove(handle.sequence)
    }

    /// Starts a new visibility timeout of `timeout` milliseconds for an in-flight message; nil
    /// when the message is received but no longer in flight.
    ///
    /// As in SQS, a message whose timeout ran out and that nobody received since is no error:
    /// the call succeeds and changes nothing (the message stays visible). A standard queue takes
    /// any receipt handle the message was received with (as DeleteMessage does); a FIFO queue only
    /// the latest one.
    mutating func changeVisibility(_ handle: ReceiptHandle, timeout: Int64, now: Int64) throws(SQSError) -> QueueMessage? {
        guard handle.queueID == queueID else { throw .receiptHandleIsInvalid(handle.encoded) }
        advance(now: now)
        guard var message = messages[handle.sequence], message.receiveCount > 0,
              !isFIFO || message.receiptToken == handle.token
        else {
            throw .invalidParameterValue(
                "Value \(handle.encoded) for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change."
            )
        }
        guard message.isInFlight(now: now) else { return nil }
        message.visibleAt = now + timeout
        messages[handle.sequence] = message
        deadlines.insert(VisibilityDeadline(time: message.visibleAt, sequence: handle.sequence))
        if message.visibleAt <= now, !isFIFO { ready.insert(handle.sequence) }
        return message
    }

    /// Removes every message, and the deduplication ids and receive attempts with them, as
    /// PurgeQueue does; returns how many messages there were.
    mutating func purge() -> Int {
        let count = messages.count
        messages.removeAll()
        ready.removeAll()
        deadlines.removeAll()
        groups.removeAll()
        attempts.removeAll()
        deduplication.removeAll()
        return count
    }

    /// Removes messages older than the retention period; returns their sequences.
    mutating func expire(now: Int64, retention: Int64) -> [Int64] {
        let expired = messages.values.filter { $0.sentTimestamp + retention <= now }.map(\.sequence)
        for sequence in expired { remove(sequence) }
        return expired
    }

    /// Forgets deduplication records whose window is over.
    mutating func forgetExpiredDeduplication(now: Int64) -> [DeduplicationKey] {
        let expired = deduplication.filter { $0.value.expiresAt <= now }.map(\.key)
        for key in expired { deduplication[key] = nil }
        attempts = attempts.filter { $0.value.expiresAt > now }
        return expired
    }

    /// Takes up to `limit` messages that are not in flight and that `include` accepts, oldest
    /// first, out of the queue (message move tasks).
    mutating func takeAvailable(limit: Int, now: Int64, where include: (QueueMessage) -> Bool = { _ in true }) -> [QueueMessage] {
        let candidates = messages.values.filter { !$0.isInFlight(now: now) && include($0) }.sorted { $0.sequence < $1.sequence }.prefix(limit)
        return candidates.compactMap { remove($0.sequence) }
    }

    // MARK: Reading

    /// The Approximate* counts: visible, in flight, delayed.
    func counts(now: Int64) -> MessageCounts {
        var counts = MessageCounts()
        for message in messages.values {
            if message.isVisible(now: now) {
                counts.visible += 1
            } else if message.receiveCount > 0 {
                counts.inFlight += 1
            } else {
                counts.delayed += 1
            }
        }
        return counts
    }

    /// The earliest moment a hidden message may become visible, for waking long polls.
    var nextDeadline: Int64? { deadlines.min?.time }

    // MARK: Internals

    /// Moves messages whose delay or visibility timeout is over into the ready heap.
    mutating func advance(now: Int64) {
        while let deadline = deadlines.min, deadline.time <= now {
            deadlines.popMin()
            guard !isFIFO, let message = messages[deadline.sequence], message.visibleAt == deadline.time else { continue }
            ready.insert(deadline.sequence)
        }
    }

    private mutating func schedule(_ message: QueueMessage, now: Int64) {
        if message.visibleAt <= now {
            if !isFIFO { ready.insert(message.sequence) }
        } else {
            deadlines.insert(VisibilityDeadline(time: message.visibleAt, sequence: message.sequence))
        }
    }

    @discardableResult
    private mutating func remove(_ sequence: Int64) -> QueueMessage? {
        guard let message = messages.removeValue(forKey: sequence) else { return nil }
        if isFIFO, let group = message.groupID, var sequences = groups[group] {
            if sequences.first == sequence {
                sequences.removeFirst()
            } else if let index = sequences.firstIndex(of: sequence) {
                sequences.remove(at: index)
            }
            groups[group] = sequences.isEmpty ? nil : sequences
        }
        return message
    }
}

/// How a FIFO queue scopes deduplication ids.
enum DeduplicationScope: String, Sendable {
    case queue
    case messageGroup
}

/// A deduplication id within its scope: the message group, or "" for the whole queue.
struct DeduplicationKey: Hashable, Sendable {
    let group: String
    let id: String
}

/// The message a deduplication id was first accepted as, until `expiresAt`.
struct DeduplicationRecord: Sendable, Equatable {
    let messageID: String
    let sequenceNumber: String?
    let expiresAt: Int64
}

/// What ``QueueStateMachine/send(_:scope:now:messageID:)`` did.
enum SendOutcome: Sendable {
    /// Stored as a new message; the deduplication record to keep with it, for FIFO queues.
    case enqueued(QueueMessage, (DeduplicationKey, DeduplicationRecord)?)
    /// Not stored: the id was seen within the window; the answer repeats the first message's.
    case duplicate(DeduplicationRecord)
}

/// What a receive handed out, and what it took away for the dead-letter queue.
struct ReceiveOutcome: Sendable {
    var delivered: [Int64] = []
    /// The delivered messages as they now are (new receipt token, count and deadline).
    var messages: [QueueMessage] = []
    /// Messages past the redrive limit, already removed from this queue.
    var deadLettered: [QueueMessage] = []
}

/// A replayable FIFO receive.
struct ReceiveAttempt: Sendable {
    let handles: [(Int64, String)]
    let expiresAt: Int64
}

/// The Approximate* message counts of a queue.
struct MessageCounts: Sendable, Equatable {
    var visible = 0
    var inFlight = 0
    var delayed = 0
}
