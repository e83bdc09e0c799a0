import BrumeEventRules
import BrumeWire

/// PutTargets' checks of one target, from the model's constraints and EventBridge's rules, and
/// the services Brume can deliver to.
enum TargetRules {
    /// AWS's quota of targets on one rule.
    static let maximumTargetsPerRule = 5

    /// The kinds of target Brume delivers to, by the service in the ARN.
    enum Kind: Equatable {
        case queue
        case function
        case stateMachine
    }

    /// The kind of target an ARN names, or nil when Brume cannot deliver to it.
    static func kind(of arn: String) -> Kind? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "arn" else { return nil }
        switch parts[2] {
        case "sqs" where parts.count == 6: return .queue
        case "lambda" where parts.count >= 7 && parts[5] == "function": return .function
        case "states" where parts.count == 7 && parts[5] == "stateMachine": return .stateMachine
        default: return nil
        }
    }

    /// Reads and checks one member of `Targets`, for a rule in `account` and `region`.
    static func target(_ input: EventsInput, account: String, region: String) throws(EventsError) -> TargetRecord {
        let id = try input.requiredString("Id")
        try EventsNames.checkRuleName(id, member: "targets.member.id")
        let arn = try input.requiredString("Arn")
        guard (1...1600).contains(arn.count) else {
            throw .constraint(arn, at: "targets.member.arn", "Member must have length less than or equal to 1600")
        }
        guard arn.hasPrefix("arn:"), arn.split(separator: ":", omittingEmptySubsequences: false).count >= 6 else {
            throw .validation("Parameter \(arn) is not valid. Reason: Provided Arn is not in correct format.")
        }
        guard kind(of: arn) != nil else {
            throw .validation("Brume cannot deliver to the target \(arn) yet: targets may be SQS queues, Lambda functions or Step Functions state machines.")
        }
        try checkLocal(arn, account: account, region: region)
        // Parameters of target types Brume does not deliver to: refused rather than dropped.
        for member in ["KinesisParameters", "RunCommandParameters", "EcsParameters", "BatchParameters", "HttpParameters",
                       "RedshiftDataParameters", "SageMakerPipelineParameters", "AppSyncParameters"] where input.fields[member] != nil {
            throw .validation("Parameter(s) \(member) not valid for target \(arn).")
        }
        var target = TargetRecord(id: id, arn: arn)
        target.roleARN = try input.string("RoleArn")
        target.input = try input.string("Input", maximum: 8192)
        target.inputPath = try input.string("InputPath", maximum: 256)
        if let transformer = try input.object("InputTransformer") {
            let template = try transformer.requiredString("InputTemplate")
            var paths: [String: String]?
            if let map = try transformer.object("InputPathsMap") {
                var read: [String: String] = [:]
                for (key, value) in map.fields {
                    guard let text = value.stringValue else { throw .serialization("InputPathsMap") }
                    read[key] = text
                }
                paths = read
            }
            target.inputTransformer = .init(inputPathsMap: paths, inputTemplate: template)
        }
        let shapes = [target.input != nil, target.inputPath != nil, target.inputTransformer != nil].filter { $0 }.count
        guard shapes <= 1 else {
            throw .validation("Only one of Input, InputPath, or InputTransformer must be provided for target \(id).")
        }
        try checkShaping(target)
        if let parameters = try input.object("SqsParameters") {
            let group = try parameters.string("MessageGroupId", maximum: 100)
            if let group, group.isEmpty {
                throw .constraint(group, at: "targets.member.sqsParameters.messageGroupId", "Member must have length greater than or equal to 1")
            }
            target.messageGroupID = group
            if group == nil { throw .validation("Parameter(s) SqsParameters must be specified for target: \(id).") }
        }
        if let retry = try input.object("RetryPolicy") {
            if let attempts = try retry.int("MaximumRetryAttempts") {
                guard (0...185).contains(attempts) else {
                    throw .constraint(String(attempts), at: "targets.member.retryPolicy.maximumRetryAttempts",
                                      attempts < 0 ? "Member must have value greater than or equal to 0" : "Member must have value less than or equal to 185")
                }
                target.maximumRetryAttempts = Int(attempts)
            }
            if let age = try retry.int("MaximumEventAgeInSeconds") {
                guard (60...86_400).contains(age) else {
                    throw .constraint(String(age), at: "targets.member.retryPolicy.maximumEventAgeInSeconds",
                                      age < 60 ? "Member must have value greater than or equal to 60" : "Member must have value less than or equal to 86400")
                }
                target.maximumEventAgeInSeconds = Int(age)
            }
        }
        if let deadLetter = try input.object("DeadLetterConfig"), let dlq = try deadLetter.string("Arn") {
            guard Self.kind(of: dlq) == .queue else {
                throw .validation("Parameter \(dlq) is not valid. Reason: the dead-letter queue must be an Amazon SQS queue ARN.")
            }
            try checkLocal(dlq, account: account, region: region)
            target.deadLetterARN = dlq
        }
        try checkQueues(target)
        return target
    }

    /// Brume reaches its own services in the stack's account and region only: a target or
    /// dead-letter queue elsewhere, with an empty name, is refused rather than missed at delivery.
    static func checkLocal(_ arn: String, account: String, region: String) throws(EventsError) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[3] == region, parts[4] == account, !(parts.last ?? "").isEmpty else {
            throw .validation("Parameter \(arn) is not valid. Reason: Brume delivers only to resources of account \(account) in \(region).")
        }
    }

    /// Checks the queues a target sends to, so no delivery meets a send SQS refuses: a FIFO queue
    /// needs a message group and only a FIFO queue takes one; a dead-letter queue gets no message
    /// group, so it cannot be FIFO.
    static func checkQueues(_ target: TargetRecord) throws(EventsError) {
        let fifo = kind(of: target.arn) == .queue && target.arn.hasSuffix(".fifo")
        if fifo, target.messageGroupID == nil {
            throw .validation("Parameter(s) SqsParameters must be specified for target: \(target.id).")
        }
        if !fifo, target.messageGroupID != nil {
            throw .validation("Parameter(s) SqsParameters not valid for target \(target.arn).")
        }
        if let dlq = target.deadLetterARN, dlq.hasSuffix(".fifo") {
            throw .validation("Parameter \(dlq) is not valid. Reason: the dead-letter queue must be an Amazon SQS standard queue.")
        }
    }

    /// Checks `Input` is JSON, `InputPath` a valid path and `InputTransformer` well formed, so
    /// delivery never meets one it cannot apply.
    static func checkShaping(_ target: TargetRecord) throws(EventsError) {
        if let input = target.input, (try? JSONValue.parse(Array(input.utf8))) == nil {
            throw .validation("Parameter Input is not valid for target \(target.id). Reason: Input must be valid JSON text.")
        }
        if let path = target.inputPath {
            do {
                try EventInputPath.validate(path)
            } catch {
                throw .validation(error.message)
            }
        }
        if let transformer = target.inputTransformer {
            do {
                _ = try InputTransformer(inputPathsMap: transformer.inputPathsMap ?? [:], inputTemplate: transformer.inputTemplate)
            } catch {
                throw .validation(error.message)
            }
        }
    }

    /// The member of `ListTargetsByRule` for a stored target.
    static func json(_ target: TargetRecord) -> JSONValue {
        var object: JSONObject = ["Id": .string(target.id), "Arn": .string(target.arn)]
        if let role = target.roleARN { object["RoleArn"] = .string(role) }
        if let input = target.input { object["Input"] = .string(input) }
        if let path = target.inputPath { object["InputPath"] = .string(path) }
        if let transformer = target.inputTransformer {
            var shape: JSONObject = [:]
            if let map = transformer.inputPathsMap { shape["InputPathsMap"] = JSONValue.strings(map) }
            shape["InputTemplate"] = .string(transformer.inputTemplate)
            object["InputTransformer"] = .object(shape)
        }
        if let group = target.messageGroupID { object["SqsParameters"] = ["MessageGroupId": .string(group)] }
        if let dlq = target.deadLetterARN { object["DeadLetterConfig"] = ["Arn": .string(dlq)] }
        if target.maximumRetryAttempts != nil || target.maximumEventAgeInSeconds != nil {
            var retry: JSONObject = [:]
            if let age = target.maximumEventAgeInSeconds { retry["MaximumEventAgeInSeconds"] = .int(Int64(age)) }
            if let attempts = target.maximumRetryAttempts { retry["MaximumRetryAttempts"] = .int(Int64(attempts)) }
            object["RetryPolicy"] = .object(retry)
        }
        return .object(object)
    }
}
