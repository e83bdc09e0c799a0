import Testing
@testable import BrumeEventRules

/// One row of a validation table: a pattern PutRule refuses, and the reason it gives.
struct RefusedPattern: CustomTestStringConvertible, Sendable {
    var pattern: String
    var reason: String

    init(_ pattern: String, _ reason: String) {
        self.pattern = pattern
        self.reason = reason
    }

    var testDescription: String { pattern }
}

@Suite struct EventPatternValidationTests {
    @Test(arguments: [
        RefusedPattern(#"{"source": "aws.ec2"}"#, #""source" must be an object or an array"#),
        RefusedPattern(#"{"detail": {"pipeline": {"slug": "some-pipeline"}}}"#, #""slug" must be an object or an array"#),
        RefusedPattern(#"{"source": 5}"#, #""source" must be an object or an array"#),
        RefusedPattern(#"{"source": ["aws.health"], "detail": {}}"#, "Empty objects are not allowed"),
        RefusedPattern(#"{}"#, "Empty objects are not allowed"),
        RefusedPattern(#"{"source": [{}]}"#, "Empty objects are not allowed"),
        RefusedPattern(#"["aws.ec2"]"#, "Filter is not an object"),
        RefusedPattern(#""aws.ec2""#, "Filter is not an object"),
        RefusedPattern(#"{"source": [["aws.ec2"]]}"#, "Match value must be String, number, true, false, or null"),
        RefusedPattern(#"{"source": [{"contains": "ec2"}]}"#, "Unrecognized match type contains"),
        RefusedPattern(#"{"source": [{"prefix": "a", "suffix": "b"}]}"#, "Only one key allowed in match expression"),
        RefusedPattern(#"{"source": [{"prefix": 5}]}"#, "prefix match pattern must be a string"),
        RefusedPattern(#"{"source": [{"prefix": {"equals-ignore-case": 5}}]}"#, "prefix match pattern must be a string"),
        RefusedPattern(#"{"source": [{"suffix": [":created"]}]}"#, "suffix match pattern must be a string"),
        RefusedPattern(#"{"source": [{"equals-ignore-case": ["a"]}]}"#, "equals-ignore-case match pattern must be a string"),
        RefusedPattern(#"{"source": [{"wildcard": 1}]}"#, "wildcard match pattern must be a string"),
        RefusedPattern(#"{"source": [{"exists": "yes"}]}"#, "exists match pattern must be either true or false."),
        RefusedPattern(#"{"ip": [{"cidr": "10.0.0.0/33"}]}"#, "Nonsensical CIDR IP address: 10.0.0.0/33"),
        RefusedPattern(#"{"ip": [{"cidr": "10.0.0/8"}]}"#, "Nonsensical CIDR IP address: 10.0.0/8"),
        RefusedPattern(#"{"ip": [{"cidr": 10}]}"#, "cidr match pattern must be a string"),
    ])
    func refusesMalformedPatterns(_ row: RefusedPattern) {
        #expect(throws: EventPatternError(reason: row.reason)) { try EventPattern(parsing: row.pattern) }
    }

    @Test(arguments: [
        RefusedPattern(#"{"c": [{"numeric": 5}]}"#, "Value of numeric must be an array."),
        RefusedPattern(#"{"c": [{"numeric": []}]}"#, "Invalid numeric expression: expected operator and value pairs"),
        RefusedPattern(#"{"c": [{"numeric": [">"]}]}"#, "Invalid numeric expression: expected operator and value pairs"),
        RefusedPattern(#"{"c": [{"numeric": [">", "5"]}]}"#, "Value of > must be numeric"),
        RefusedPattern(#"{"c": [{"numeric": [5, ">"]}]}"#, "Invalid member in numeric match: 5"),
        RefusedPattern(#"{"c": [{"numeric": ["!=", 5]}]}"#, "Unrecognized numeric range operator: !="),
        RefusedPattern(#"{"c": [{"numeric": [">", 0, ">", 5]}]}"#, "Bad numeric range operator: >"),
        RefusedPattern(#"{"c": [{"numeric": ["<", 0, "<=", 5]}]}"#, "Bad numeric range operator: <="),
        RefusedPattern(#"{"c": [{"numeric": ["=", 0, "<", 5]}]}"#, "Too many elements in numeric expression"),
        RefusedPattern(#"{"c": [{"numeric": [">", 5, "<", 5]}]}"#, "Bottom must be less than top"),
        RefusedPattern(#"{"c": [{"numeric": [">", 6, "<=", 5]}]}"#, "Bottom must be less than top"),
        RefusedPattern(#"{"c": [{"numeric": [">", 5.0000001, "<=", 5]}]}"#, "Bottom must be less than top"),
        RefusedPattern(#"{"c": [{"numeric": ["<", 5e9, ">", -6e9]}]}"#, "Value must be between -5.0E9 and +5.0E9 inclusive"),
    ])
    func refusesBadNumericRanges(_ row: RefusedPattern) {
        #expect(throws: EventPatternError(reason: row.reason)) { try EventPattern(parsing: row.pattern) }
    }

    @Test(arguments: [
        RefusedPattern(#"{"s": [{"anything-but": true}]}"#, "Value of anything-but must be an array or single string/number value."),
        RefusedPattern(#"{"s": [{"anything-but": ["a", 1]}]}"#, "Inside anything but list, start|null|boolean is not supported."),
        RefusedPattern(#"{"s": [{"anything-but": [null]}]}"#, "Inside anything but list, start|null|boolean is not supported."),
        RefusedPattern(#"{"s": [{"anything-but": []}]}"#, "Inside anything but list, start|null|boolean is not supported."),
        RefusedPattern(#"{"s": [{"anything-but": {"numeric": [">", 1]}}]}"#, "Unsupported anything-but pattern: numeric"),
        RefusedPattern(#"{"s": [{"anything-but": {"prefix": ["us-"]}}]}"#, "prefix match pattern must be a string"),
        RefusedPattern(#"{"s": [{"anything-but": {"prefix": "a", "suffix": "b"}}]}"#,
                       "Value of anything-but must be an array or single string/number value."),
        RefusedPattern(#"{"s": [{"anything-but": {"wildcard": [1]}}]}"#, "wildcard match pattern must be a string or a list of strings"),
    ])
    func refusesBadAnythingBut(_ row: RefusedPattern) {
        #expect(throws: EventPatternError(reason: row.reason)) { try EventPattern(parsing: row.pattern) }
    }

    @Test(arguments: [
        RefusedPattern(#"{"f": [{"wildcard": "a**b"}]}"#, "Consecutive wildcard characters at pos 2"),
        RefusedPattern(#"{"f": [{"wildcard": "a\\b"}]}"#, "Invalid escape character at pos 2"),
        RefusedPattern(#"{"f": [{"wildcard": "ab\\"}]}"#, "Invalid escape character at pos 2"),
        RefusedPattern(#"{"f": [{"anything-but": {"wildcard": "**"}}]}"#, "Consecutive wildcard characters at pos 1"),
    ])
    func refusesBadWildcards(_ row: RefusedPattern) {
        #expect(throws: EventPatternError(reason: row.reason)) { try EventPattern(parsing: row.pattern) }
    }

    @Test(arguments: [
        RefusedPattern(#"{"$or": [{"a": [1]}]}"#, "There must have at least 2 Objects in $or relationship."),
        RefusedPattern(#"{"$or": [{"a": [1]}, {}]}"#, "Empty objects are not allowed"),
        RefusedPattern(#"{"$or": [{"a": [1]}, {"b": 2}]}"#, #""b" must be an object or an array"#),
        RefusedPattern(#"{"a": [{"$or": [{"b": [1]}, {"c": [2]}]}]}"#, "Unrecognized match type $or"),
    ])
    func refusesMisusedOr(_ row: RefusedPattern) {
        #expect(throws: EventPatternError(reason: row.reason)) { try EventPattern(parsing: row.pattern) }
    }

    @Test func messagesCarryAWSsPreamble() {
        #expect(throws: EventPatternError(message: #"Event pattern is not valid. Reason: "source" must be an object or an array"#)) {
            try EventPattern(parsing: #"{"source": "aws.ec2"}"#)
        }
    }

    @Test func refusesTextThatIsNotJSON() throws {
        let error = try #require(throws: EventPatternError.self) { try EventPattern(parsing: #"{"source": [}"#) }
        #expect(error.message.hasPrefix("Event pattern is not valid. Reason: "))
        #expect(error.message.count > "Event pattern is not valid. Reason: ".count)
    }

    @Test(arguments: [
        #"{"source": [{"prefix": ""}]}"#,
        #"{"a": [1, "1", true, null, 2.5]}"#,
        #"{"a": [{"numeric": ["=", 5]}], "b": [{"numeric": ["<=", 5]}], "c": [{"numeric": [">=", -5, "<", 5e3]}]}"#,
        #"{"a": [{"anything-but": {"equals-ignore-case": ["x", "y"]}}]}"#,
        #"{"ip": [{"cidr": "::ffff:10.0.0.0/104"}]}"#,
        #"{"a": {"b": {"c": {"d": [{"wildcard": "x*y\\*z"}]}}}}"#,
    ])
    func acceptsValidPatterns(_ text: String) {
        #expect(throws: Never.self) { try EventPattern(parsing: text) }
    }
}
