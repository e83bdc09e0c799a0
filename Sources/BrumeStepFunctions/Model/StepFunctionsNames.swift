/// Step Functions' naming rules and ARNs.
enum StepFunctionsNames {
    /// Characters AWS refuses in state machine and execution names: whitespace, brackets,
    /// wildcards and the listed specials. Control characters are refused too.
    private static let forbidden: Set<Character> = [
        " ", "\t", "\n", "\r", "<", ">", "{", "}", "[", "]", "?", "*", "\"", "#", "%", "\\", "^", "|", "~", "`", "$", "&", ",", ";", ":", "/",
    ]

    /// Whether `name` is 1–80 characters with none AWS refuses.
    static func isValid(_ name: String) -> Bool {
        guard (1...80).contains(name.count) else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            !forbidden.contains(Character(scalar)) && !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
        }
    }

    static func stateMachineARN(region: String, account: String, name: String) -> String {
        "arn:aws:states:\(region):\(account):stateMachine:\(name)"
    }

    static func executionARN(region: String, account: String, stateMachine: String, name: String) -> String {
        "arn:aws:states:\(region):\(account):execution:\(stateMachine):\(name)"
    }

    /// EXPRESS executions carry an extra id after their name, as AWS's do.
    static func expressExecutionARN(region: String, account: String, stateMachine: String, name: String, id: String) -> String {
        "arn:aws:states:\(region):\(account):express:\(stateMachine):\(name):\(id)"
    }

    /// The parts of a Step Functions ARN: `arn:aws:states:<region>:<account>:<kind>:<rest...>`.
    struct ParsedARN: Equatable {
        var region: String
        var account: String
        var kind: String
        var rest: [String]
    }

    static func parse(_ arn: String) -> ParsedARN? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 7, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "states",
              !parts[3].isEmpty, parts[4].count == 12 else { return nil }
        return ParsedARN(region: parts[3], account: parts[4], kind: parts[5], rest: Array(parts[6...]))
    }

    /// The state machine ARN of an execution ARN.
    static func stateMachineARN(ofExecution arn: String) -> String? {
        guard let parsed = parse(arn), parsed.kind == "execution" || parsed.kind == "express", parsed.rest.count >= 2 else { return nil }
        return stateMachineARN(region: parsed.region, account: parsed.account, name: parsed.rest[0])
    }
}
