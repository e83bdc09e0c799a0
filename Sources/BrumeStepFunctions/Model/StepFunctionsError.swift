import BrumeWire

/// An error Step Functions reports, one case per error shape of the model that Brume raises.
///
/// Every one is a client error (HTTP 400) whose `__type` is the shape name, with the message
/// text AWS sends.
enum StepFunctionsError: Error, Equatable, Sendable {
    /// An ARN that is malformed or names the wrong kind of resource; carries the ARN.
    case invalidArn(String)
    /// A definition CreateStateMachine or UpdateStateMachine refuses; carries the full message.
    case invalidDefinition(String)
    /// A state machine or execution name that breaks the naming rules; carries the name.
    case invalidName(String)
    /// The input of an execution is not JSON; carries the full message.
    case invalidExecutionInput(String)
    /// A pagination token this service did not hand out; carries the token.
    case invalidToken(String)
    /// A logging configuration that cannot be used; carries the full message.
    case invalidLoggingConfiguration(String)
    /// A request that breaks a constraint of the model; carries the full message.
    case validation(String)
    /// A state machine with this name exists with another definition; carries its ARN.
    case stateMachineAlreadyExists(String)
    /// No state machine has this ARN; carries it.
    case stateMachineDoesNotExist(String)
    /// An operation the state machine's type does not support; carries the full message.
    case stateMachineTypeNotSupported(String)
    /// An execution with this name exists with another input, or has finished; carries its ARN.
    case executionAlreadyExists(String)
    /// No execution has this ARN; carries it.
    case executionDoesNotExist(String)
    /// No resource has this ARN (tags); carries it.
    case resourceNotFound(String)
    /// A resource would have more than 50 tags; carries its ARN.
    case tooManyTags(String)
    /// A required member is missing; carries the member name.
    case missingRequiredParameter(String)
    /// A task token that was never issued or whose task has ended.
    case taskDoesNotExist
    /// A task token whose task has ended (answered, timed out, stopped).
    case taskTimedOut
    /// SendTaskSuccess output that is not JSON; carries the full message.
    case invalidOutput(String)
    /// An operation Brume does not implement yet; carries its name.
    case notImplemented(String)
    /// Storage failed; the service's fault (InternalFailure); carries the reason for the log.
    case storage(String)
}

extension StepFunctionsError: AWSErrorConvertible {
    var awsError: AWSError {
        switch self {
        case .invalidArn(let arn): AWSError(code: "InvalidArn", message: "Invalid Arn: '\(arn)'", status: 400)
        case .invalidDefinition(let message): AWSError(code: "InvalidDefinition", message: message, status: 400)
        case .invalidName(let name): AWSError(code: "InvalidName", message: "Invalid Name: '\(name)'", status: 400)
        case .invalidExecutionInput(let message): AWSError(code: "InvalidExecutionInput", message: message, status: 400)
        case .invalidToken(let token): AWSError(code: "InvalidToken", message: "Invalid Token: '\(token)'", status: 400)
        case .invalidLoggingConfiguration(let message): AWSError(code: "InvalidLoggingConfiguration", message: message, status: 400)
        case .validation(let message): AWSError(code: "ValidationException", message: message, status: 400)
        case .stateMachineAlreadyExists(let arn):
            AWSError(code: "StateMachineAlreadyExists", message: "State Machine Already Exists: '\(arn)'", status: 400)
        case .stateMachineDoesNotExist(let arn):
            AWSError(code: "StateMachineDoesNotExist", message: "State Machine Does Not Exist: '\(arn)'", status: 400)
        case .stateMachineTypeNotSupported(let message): AWSError(code: "StateMachineTypeNotSupported", message: message, status: 400)
        case .executionAlreadyExists(let arn):
            AWSError(code: "ExecutionAlreadyExists", message: "Execution Already Exists: '\(arn)'", status: 400)
        case .executionDoesNotExist(let arn):
            AWSError(code: "ExecutionDoesNotExist", message: "Execution Does Not Exist: '\(arn)'", status: 400)
        case .resourceNotFound(let arn): AWSError(code: "ResourceNotFound", message: "Resource not found: '\(arn)'", status: 400)
        case .tooManyTags(let arn):
            AWSError(code: "TooManyTags", message: "Too many tags are associated with the resource: '\(arn)'", status: 400)
        case .missingRequiredParameter(let name):
            AWSError(code: "MissingRequiredParameter", message: "The request is missing the required parameter '\(name)'.", status: 400)
        case .taskDoesNotExist: AWSError(code: "TaskDoesNotExist", message: "Task Does Not Exist", status: 400)
        case .taskTimedOut: AWSError(code: "TaskTimedOut", message: "Task Timed Out: 'Provided task does not exist anymore'", status: 400)
        case .invalidOutput(let message): AWSError(code: "InvalidOutput", message: message, status: 400)
        case .notImplemented(let operation):
            AWSError(code: "UnknownOperationException", message: "\(operation) is not implemented by Brume yet.", status: 400)
        case .storage: AWSError.commonInternalFailure
        }
    }
}
