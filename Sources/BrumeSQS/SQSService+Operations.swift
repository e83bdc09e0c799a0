import BrumeWire

extension SQSService {
    typealias Operation = @Sendable (SQSService) -> @Sendable (SQSCall) async throws -> JSONValue?

    /// Every operation of the SQS API, by the name both protocols carry.
    static let operations: [String: Operation] = [
        "AddPermission": SQSService.addPermission,
        "CancelMessageMoveTask": SQSService.cancelMessageMoveTask,
        "ChangeMessageVisibility": SQSService.changeMessageVisibility,
        "ChangeMessageVisibilityBatch": SQSService.changeMessageVisibilityBatch,
        "CreateQueue": SQSService.createQueue,
        "DeleteMessage": SQSService.deleteMessage,
        "DeleteMessageBatch": SQSService.deleteMessageBatch,
        "DeleteQueue": SQSService.deleteQueue,
        "GetQueueAttributes": SQSService.getQueueAttributes,
        "GetQueueUrl": SQSService.getQueueURL,
        "ListDeadLetterSourceQueues": SQSService.listDeadLetterSourceQueues,
        "ListMessageMoveTasks": SQSService.listMessageMoveTasks,
        "ListQueueTags": SQSService.listQueueTags,
        "ListQueues": SQSService.listQueues,
        "PurgeQueue": SQSService.purgeQueue,
        "ReceiveMessage": SQSService.receiveMessage,
        "RemovePermission": SQSService.removePermission,
        "SendMessage": SQSService.sendMessage,
        "SendMessageBatch": SQSService.sendMessageBatch,
        "SetQueueAttributes": SQSService.setQueueAttributes,
        "StartMessageMoveTask": SQSService.startMessageMoveTask,
        "TagQueue": SQSService.tagQueue,
        "UntagQueue": SQSService.untagQueue,
    ]
}
