import BrumeWire

/// An error SQS reports, one case per error shape in the SQS model.
///
/// ``awsError`` carries the JSON-protocol code (the exception shape AWS names in `__type`), the
/// HTTP status AWS uses, the message text AWS sends and the legacy query code that AWS puts in
/// `x-amzn-query-error` (the model's former `awsQueryError` trait, or the shape name without one).
/// The two generic errors the model does not list are AWS's own shapes: `__type` says
/// `InvalidParameterValueException` and `MissingRequiredParameterException` while the query code
/// stays `InvalidParameterValue` and `MissingParameter`, which is what SDKs raise.
enum SQSError: Error, Equatable, Sendable {
    /// The queue named by a URL or name does not exist.
    case queueDoesNotExist
    /// A queue with this name exists with different attributes; carries the differing attribute.
    case queueNameExists(attribute: String)
    /// A queue with this name was deleted less than 60 seconds ago.
    case queueDeletedRecently
    /// A purge of the named queue is still running (one purge per 60 seconds); carries the queue's name.
    case purgeQueueInProgress(queueName: String)
    /// An attribute name is unknown, or not valid for this kind of queue.
    case invalidAttributeName(String)
    /// An attribute combination SQS reports as `InvalidAttributeName` with its own wording (two
    /// kinds of server-side encryption at once); carries the full message.
    case invalidAttributeCombination(String)
    /// An attribute value is out of range or malformed; carries the full message.
    case invalidAttributeValue(String)
    /// A request parameter is invalid; carries the full message.
    case invalidParameterValue(String)
    /// A required parameter is missing; carries the parameter name.
    case missingParameter(String)
    /// A message body holds no allowed character; carries the full message.
    case invalidMessageContents(String)
    /// A batch request has no entries; carries the entry shape name (`SendMessageBatchRequestEntry`).
    case emptyBatchRequest(entryName: String)
    /// A batch request has more than ten entries; carries the number sent.
    case tooManyEntriesInBatchRequest(count: Int)
    /// Two batch entries share an id.
    case batchEntryIdsNotDistinct(id: String)
    /// A batch entry id is not 1–80 characters of `A-Za-z0-9_-`.
    case invalidBatchEntryId
    /// The batch's messages together exceed the size limit; carries the size sent.
    case batchRequestTooLong(size: Int)
    /// A receipt handle is malformed or unknown.
    case receiptHandleIsInvalid(String)
    /// The message is not in flight.
    case messageNotInflight
    /// A limit was exceeded; carries the full message.
    case overLimit(String)
    /// The operation is not supported; carries the full message.
    case unsupportedOperation(String)
    /// Deprecated by AWS (folded into `ReceiptHandleIsInvalid`) but still in the model.
    case invalidIdFormat
    /// A resource (such as a message move task) does not exist; carries the full message.
    case resourceNotFound(String)
    /// The endpoint address is not valid for this service; carries the address.
    case invalidAddress(String)
    /// The request was not made over HTTPS or not signed with SigV4.
    case invalidSecurity
    /// The request rate was exceeded.
    case requestThrottled
}

extension SQSError: AWSErrorConvertible {
    var awsError: AWSError {
        let (code, status, message, queryCode) = parts
        return AWSError(code: code, message: message, status: status, queryCompatibleCode: queryCode)
    }

    /// JSON code, status, message and query code, in that order.
    private var parts: (String, Int, String, String) {
        switch self {
        case .queueDoesNotExist:
            ("QueueDoesNotExist", 400, "The specified queue does not exist.",
             "AWS.SimpleQueueService.NonExistentQueue")
        case .queueNameExists(let attribute):
            ("QueueNameExists", 400,
             "A queue already exists with the same name and a different value for attribute \(attribute)",
             "QueueAlreadyExists")
        case .queueDeletedRecently:
            ("QueueDeletedRecently", 400,
             "You must wait 60 seconds after deleting a queue before you can create another with the same name.",
             "AWS.SimpleQueueService.QueueDeletedRecently")
        case .purgeQueueInProgress(let name):
            ("PurgeQueueInProgress", 403,
             "Only one PurgeQueue operation on \(name) is allowed every 60 seconds.",
             "AWS.SimpleQueueService.PurgeQueueInProgress")
        case .invalidAttributeName(let name):
            ("InvalidAttributeName", 400, "Unknown Attribute \(name).", "InvalidAttributeName")
        case .invalidAttributeCombination(let message):
            ("InvalidAttributeName", 400, message, "InvalidAttributeName")
        case .invalidAttributeValue(let message):
            ("InvalidAttributeValue", 400, message, "InvalidAttributeValue")
        case .invalidParameterValue(let message):
            ("InvalidParameterValueException", 400, message, "InvalidParameterValue")
        case .missingParameter(let name):
            ("MissingRequiredParameterException", 400, "The request must contain the parameter \(name).", "MissingParameter")
        case .invalidMessageContents(let message):
            ("InvalidMessageContents", 400, message, "InvalidMessageContents")
        case .emptyBatchRequest(let entryName):
            ("EmptyBatchRequest", 400, "There should be at least one \(entryName) in the request.",
             "AWS.SimpleQueueService.EmptyBatchRequest")
        case .tooManyEntriesInBatchRequest(let count):
            ("TooManyEntriesInBatchRequest", 400,
             "Maximum number of entries per request are 10. You have sent \(count).",
             "AWS.SimpleQueueService.TooManyEntriesInBatchRequest")
        case .batchEntryIdsNotDistinct(let id):
            ("BatchEntryIdsNotDistinct", 400, "Id \(id) repeated.",
             "AWS.SimpleQueueService.BatchEntryIdsNotDistinct")
        case .invalidBatchEntryId:
            ("InvalidBatchEntryId", 400,
             "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
             "AWS.SimpleQueueService.InvalidBatchEntryId")
        case .batchRequestTooLong(let size):
            ("BatchRequestTooLong", 400,
             "Batch requests cannot be longer than \(MessageLimits.maximumMessageSize) bytes. You have sent \(size) bytes.",
             "AWS.SimpleQueueService.BatchRequestTooLong")
        case .receiptHandleIsInvalid(let handle):
            ("ReceiptHandleIsInvalid", 400, "The input receipt handle \"\(handle)\" is not a valid receipt handle.",
             "ReceiptHandleIsInvalid")
        case .messageNotInflight:
            ("MessageNotInflight", 400, "The message referred to isn't in flight.",
             "AWS.SimpleQueueService.MessageNotInflight")
        case .overLimit(let message):
            ("OverLimit", 400, message, "OverLimit")
        case .unsupportedOperation(let message):
            ("UnsupportedOperation", 400, message, "AWS.SimpleQueueService.UnsupportedOperation")
        case .invalidIdFormat:
            ("InvalidIdFormat", 400, "The specified receipt handle isn't valid for the current version.",
             "InvalidIdFormat")
        case .resourceNotFound(let message):
            ("ResourceNotFoundException", 404, message, "ResourceNotFoundException")
        case .invalidAddress(let address):
            ("InvalidAddress", 400, "The address \(address) is not valid for this endpoint.", "InvalidAddress")
        case .invalidSecurity:
            ("InvalidSecurity", 400, "The request was not made over HTTPS or did not use SigV4 for signing.",
             "InvalidSecurity")
        case .requestThrottled:
            ("RequestThrottled", 400, "The request was denied due to request throttling.", "RequestThrottled")
        }
    }
}

extension SQSError {
    /// The HTTP status of this error in the query protocol, which kept the statuses of its own
    /// service description where a few errors differ (PurgeQueueInProgress is 403 in both).
    var queryProtocolStatus: Int {
        switch self {
        case .purgeQueueInProgress, .overLimit, .invalidSecurity, .requestThrottled: 403
        case .receiptHandleIsInvalid, .invalidAddress: 404
        default: awsError.status
        }
    }

    /// The message of this error in the query protocol, where AWS still words a missing queue
    /// as its WSDL-era service did.
    var queryProtocolMessage: String {
        switch self {
        case .queueDoesNotExist: "The specified queue does not exist for this wsdl version."
        default: awsError.message
        }
    }
}

/// One failed entry of a batch request, reported in the response's `Failed` list.
struct BatchEntryError: Sendable, Equatable {
    /// The entry's `Id` from the request.
    var id: String
    /// The error code (`InvalidParameterValue`, `ReceiptHandleIsInvalid`, ...).
    var code: String
    /// The error message.
    var message: String
    /// Whether the caller caused the failure.
    var senderFault: Bool

    init(id: String, code: String, message: String, senderFault: Bool = true) {
        self.id = id
        self.code = code
        self.message = message
        self.senderFault = senderFault
    }

    /// The entry failure for a typed error. Batch entries report the query-compatible code,
    /// because that is what SQS puts in `BatchResultErrorEntry.Code` for both protocols.
    init(id: String, error: SQSError) {
        let wire = error.awsError
        self.init(id: id, code: wire.queryCompatibleCode ?? wire.code, message: wire.message,
                  senderFault: wire.isSenderFault)
    }
}
