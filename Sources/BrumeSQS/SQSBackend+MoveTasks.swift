import Foundation

/// Message move tasks: redriving a dead-letter queue's messages back to their sources.
extension SQSBackend {

    /// Starts moving a dead-letter queue's messages back to their sources (or to `destination`).
    func startMoveTask(source: QueueRecord, destination: QueueRecord?, maxPerSecond: Int?) throws -> MessageMoveTask {
        if moveTasks.values.contains(where: { $0.sourceARN == source.arn && $0.status == .running }) {
            throw SQSError.unsupportedOperation("There is already a task running. Only one active task is allowed for a source queue arn at a given time.")
        }
        let now = self.now
        let task = MessageMoveTask(
            taskHandle: Data("\(UUID().uuidString.lowercased()):\(source.arn)".utf8).base64EncodedString(),
            sourceARN: source.arn, destinationARN: destination?.arn, maxPerSecond: maxPerSecond, status: .running,
            moved: 0, toMove: queues[source.id]?.state.messages.count ?? 0, startedAt: now, failureReason: nil
        )
        moveTasks[task.taskHandle] = task
        try store.saveMoveTask(task)
        advanceMoveTasks(now: now)
        return moveTasks[task.taskHandle] ?? task
    }

    /// Cancels a running task; returns it with what it had moved.
    func cancelMoveTask(_ handle: String) throws -> MessageMoveTask {
        advanceMoveTasks(now: now)
        guard var task = moveTasks[handle] else {
            throw SQSError.resourceNotFound("Task does not exist.")
        }
        guard task.status == .running else {
            throw SQSError.unsupportedOperation("Only active tasks can be cancelled.")
        }
        task.status = .cancelled
        moveTasks[handle] = task
        try store.saveMoveTask(task)
        return task
    }

    /// The tasks of a source queue, newest first.
    func moveTasks(sourceARN: String) -> [MessageMoveTask] {
        advanceMoveTasks(now: now)
        return moveTasks.values.filter { $0.sourceARN == sourceARN }.sorted { $0.startedAt > $1.startedAt }
    }

    /// Moves what each running task's rate allows by now.
    ///
    /// Each step is one transaction: messages leave the dead-letter queue and enter their targets
    /// together. A message whose source queue no longer exists stays where it is.
    func advanceMoveTasks(now: Int64) {
        for (handle, var task) in moveTasks where task.status == .running {
            // A named destination that is gone fails the task; no destination means "each source".
            let destination = task.destinationARN.map { queue(arn: $0) }
            let destinationMissing = if case .some(.none) = destination { true } else { false }
            guard let source = queue(arn: task.sourceARN), !destinationMissing else {
                task.status = .failed
                task.failureReason = "AWS.SimpleQueueService.NonExistentQueue"
                moveTasks[handle] = task
                try? store.saveMoveTask(task)
                continue
            }
            func target(of message: QueueMessage) -> Int64? {
                if let destination { return destination?.id }  // nil: the named destination is gone
                return message.deadLetterSourceARN.flatMap { queue(arn: $0)?.id }
            }
            let allowance = task.allowance(now: now)
            let result = try? mutate(source.id, touching: Array(queues.keys)) { (entry: inout QueueEntry) throws(SQSError) in
                let taken = entry.state.takeAvailable(limit: allowance, now: now) { target(of: $0) != nil }
                var changes = taken.map { MessageChange.delete(queueID: source.id, sequence: $0.sequence) }
                var targets: Set<Int64> = []
                for message in taken {
                    guard let targetID = target(of: message) else { continue }
                    targets.insert(targetID)
                    changes += insertMoved([message], into: targetID, sourceARN: nil, startOver: true, now: now)
                }
                return ((taken.count, targets, entry.state.messages.isEmpty), changes)
            }
            guard let (count, targets, drained) = result else { continue }
            for targetID in targets { signal(targetID) }
            task.moved += count
            if task.moved >= task.toMove || drained { task.status = .completed }
            moveTasks[handle] = task
            try? store.saveMoveTask(task)
        }
    }
}
