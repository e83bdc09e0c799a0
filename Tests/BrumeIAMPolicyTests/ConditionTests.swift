import Testing
@testable import BrumeIAMPolicy

@Suite("Conditions: every operator family, IfExists, set operators, AND of keys and OR of values")
struct ConditionTests {
    /// Whether a one-statement Allow with `condition` allows a request carrying `context`.
    func allows(_ condition: String, _ context: [String: [String]], version: String = "2012-10-17") throws -> Bool {
        let policy = try Fixtures.statement(#""Effect":"Allow","Action":"s3:*","Resource":"*","Condition":\#(condition)"#, version: version)
        var requestContext = RequestContext()
        for (key, values) in context { requestContext[key] = values }
        return Fixtures.decide([policy], Fixtures.request("s3:GetObject", context: requestContext)) == .allowed
    }

    @Test func stringEqualsIsCaseSensitiveAndKeysAreNot() throws {
        #expect(try allows(#"{"StringEquals":{"aws:username":"alice"}}"#, ["AWS:UserName": ["alice"]]))
        #expect(try !allows(#"{"StringEquals":{"aws:username":"alice"}}"#, ["aws:username": ["Alice"]]))
        #expect(try allows(#"{"StringEqualsIgnoreCase":{"aws:username":"alice"}}"#, ["aws:username": ["ALICE"]]))
        #expect(try !allows(#"{"StringNotEqualsIgnoreCase":{"aws:username":"alice"}}"#, ["aws:username": ["ALICE"]]))
    }

    @Test func multipleValuesAreOrAndMultipleKeysAreAnd() throws {
        let condition = #"{"StringEquals":{"aws:username":["alice","bob"],"aws:PrincipalAccount":"123456789012"}}"#
        #expect(try allows(condition, ["aws:username": ["bob"], "aws:PrincipalAccount": ["123456789012"]]))
        #expect(try !allows(condition, ["aws:username": ["bob"], "aws:PrincipalAccount": ["999999999999"]]))
        #expect(try !allows(condition, ["aws:username": ["carol"], "aws:PrincipalAccount": ["123456789012"]]))
    }

    @Test func multipleOperatorsAreAnd() throws {
        let condition = #"{"StringLike":{"s3:prefix":"home/*"},"Bool":{"aws:SecureTransport":"true"}}"#
        #expect(try allows(condition, ["s3:prefix": ["home/a"], "aws:SecureTransport": ["true"]]))
        #expect(try !allows(condition, ["s3:prefix": ["home/a"], "aws:SecureTransport": ["false"]]))
    }

    @Test func negatedOperatorsMatchNoneOfTheValues() throws {
        let condition = #"{"StringNotEquals":{"aws:username":["alice","bob"]}}"#
        #expect(try allows(condition, ["aws:username": ["carol"]]))
        #expect(try !allows(condition, ["aws:username": ["bob"]]))
    }

    @Test func absentKeys() throws {
        #expect(try !allows(#"{"StringEquals":{"aws:username":"alice"}}"#, [:]))
        #expect(try allows(#"{"StringNotEquals":{"aws:username":"alice"}}"#, [:]))
        #expect(try allows(#"{"StringEqualsIfExists":{"aws:username":"alice"}}"#, [:]))
        #expect(try !allows(#"{"StringEqualsIfExists":{"aws:username":"alice"}}"#, ["aws:username": ["bob"]]))
    }

    @Test func stringLike() throws {
        #expect(try allows(#"{"StringLike":{"s3:prefix":["home/${aws:username}/*","public/?"]}}"#, ["s3:prefix": ["public/a"]]))
        #expect(try allows(#"{"StringLike":{"s3:prefix":"home/${aws:username}/*"}}"#, ["s3:prefix": ["home/alice/x"], "aws:username": ["alice"]]))
        #expect(try !allows(#"{"StringLike":{"s3:prefix":"home/${aws:username}/*"}}"#, ["s3:prefix": ["home/bob/x"], "aws:username": ["alice"]]))
        #expect(try allows(#"{"StringNotLike":{"s3:prefix":"private*"}}"#, ["s3:prefix": ["public"]]))
    }

    @Test func numeric() throws {
        #expect(try allows(#"{"NumericLessThanEquals":{"s3:max-keys":"10"}}"#, ["s3:max-keys": ["10"]]))
        #expect(try !allows(#"{"NumericLessThan":{"s3:max-keys":10}}"#, ["s3:max-keys": ["10"]]))
        #expect(try allows(#"{"NumericGreaterThan":{"s3:max-keys":1.5}}"#, ["s3:max-keys": ["2"]]))
        #expect(try allows(#"{"NumericGreaterThanEquals":{"s3:max-keys":"2"}}"#, ["s3:max-keys": ["2.0"]]))
        #expect(try allows(#"{"NumericEquals":{"s3:max-keys":"5"}}"#, ["s3:max-keys": ["5"]]))
        #expect(try allows(#"{"NumericNotEquals":{"s3:max-keys":"5"}}"#, ["s3:max-keys": ["6"]]))
        #expect(try !allows(#"{"NumericEquals":{"s3:max-keys":"5"}}"#, ["s3:max-keys": ["five"]]))
    }

    @Test func dates() throws {
        let context = ["aws:CurrentTime": ["2026-12-07T12:00:00Z"], "aws:EpochTime": ["1796644800"]]
        #expect(try allows(#"{"DateGreaterThan":{"aws:CurrentTime":"2026-12-01T00:00:00Z"}}"#, context))
        #expect(try allows(#"{"DateLessThan":{"aws:CurrentTime":"2026-12-08"}}"#, context))
        #expect(try !allows(#"{"DateLessThan":{"aws:CurrentTime":"2026-12-07T11:59:59Z"}}"#, context))
        #expect(try allows(#"{"DateEquals":{"aws:CurrentTime":"2026-12-07T12:00:00.000Z"}}"#, context))
        #expect(try allows(#"{"DateNotEquals":{"aws:CurrentTime":"2026-12-07T12:00:01Z"}}"#, context))
        #expect(try allows(#"{"DateGreaterThanEquals":{"aws:EpochTime":"2026-12-07T12:00:00Z"}}"#, context))
        #expect(try allows(#"{"DateLessThanEquals":{"aws:EpochTime":1796644800}}"#, context))
    }

    @Test func bool() throws {
        #expect(try allows(#"{"Bool":{"aws:SecureTransport":"true"}}"#, ["aws:SecureTransport": ["TRUE"]]))
        #expect(try !allows(#"{"Bool":{"aws:SecureTransport":false}}"#, ["aws:SecureTransport": ["true"]]))
        #expect(try !allows(#"{"Bool":{"aws:SecureTransport":"true"}}"#, [:]))
        #expect(try allows(#"{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}"#, [:]))
    }

    @Test func binaryEquals() throws {
        #expect(try allows(#"{"BinaryEquals":{"aws:SomeBlob":"QmluYXJ5"}}"#, ["aws:SomeBlob": ["QmluYXJ5"]]))
        #expect(try !allows(#"{"BinaryEquals":{"aws:SomeBlob":"QmluYXJ5"}}"#, ["aws:SomeBlob": ["QmluYXJ6"]]))
    }

    @Test func ipAddresses() throws {
        #expect(try allows(#"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#, ["aws:SourceIp": ["203.0.113.77"]]))
        #expect(try !allows(#"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#, ["aws:SourceIp": ["203.0.114.1"]]))
        #expect(try allows(#"{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","203.0.113.5"]}}"#, ["aws:SourceIp": ["203.0.113.5"]]))
        #expect(try allows(#"{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#, ["aws:SourceIp": ["192.168.1.1"]]))
        #expect(try allows(#"{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}"#, ["aws:SourceIp": ["2001:db8:1234::1"]]))
        #expect(try !allows(#"{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}"#, ["aws:SourceIp": ["2001:db9::1"]]))
        #expect(try !allows(#"{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}"#, ["aws:SourceIp": ["203.0.113.5"]]))
        #expect(try allows(#"{"IpAddress":{"aws:SourceIp":"127.0.0.0/8"}}"#, ["aws:SourceIp": ["::ffff:127.0.0.1"]]))
        #expect(try allows(#"{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}"#, ["aws:SourceIp": ["8.8.8.8"]]))
        #expect(try !allows(#"{"IpAddress":{"aws:SourceIp":"not-an-ip"}}"#, ["aws:SourceIp": ["8.8.8.8"]]))
    }

    @Test func arns() throws {
        #expect(try allows(#"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/app-*"}}"#, ["aws:PrincipalArn": ["arn:aws:iam::123456789012:role/app-1"]]))
        #expect(try !allows(#"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/app-*"}}"#, ["aws:PrincipalArn": ["arn:aws:iam::123456789012:user/app-1"]]))
        #expect(try allows(#"{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123456789012:t"}}"#, ["aws:SourceArn": ["arn:aws:sns:us-east-1:123456789012:t"]]))
        #expect(try allows(#"{"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123456789012:t"}}"#, ["aws:SourceArn": ["arn:aws:sns:us-east-1:123456789012:u"]]))
        #expect(try !allows(#"{"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:*:t"}}"#, ["aws:SourceArn": ["arn:aws:sns:eu-west-1:1:t"]]))
    }

    @Test func null() throws {
        #expect(try allows(#"{"Null":{"aws:TokenIssueTime":"true"}}"#, [:]))
        #expect(try !allows(#"{"Null":{"aws:TokenIssueTime":"true"}}"#, ["aws:TokenIssueTime": ["2026-12-07T00:00:00Z"]]))
        #expect(try allows(#"{"Null":{"aws:TokenIssueTime":false}}"#, ["aws:TokenIssueTime": ["2026-12-07T00:00:00Z"]]))
    }

    @Test func forAnyValue() throws {
        let condition = #"{"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}}"#
        #expect(try allows(condition, ["aws:TagKeys": ["owner", "env"]]))
        #expect(try !allows(condition, ["aws:TagKeys": ["owner"]]))
        #expect(try !allows(condition, [:]))
        #expect(try allows(#"{"ForAnyValue:StringNotEquals":{"aws:TagKeys":"env"}}"#, ["aws:TagKeys": ["env", "x"]]))
        #expect(try !allows(#"{"ForAnyValue:StringNotEquals":{"aws:TagKeys":"env"}}"#, ["aws:TagKeys": ["env"]]))
    }

    @Test func forAllValues() throws {
        let condition = #"{"ForAllValues:StringLike":{"aws:TagKeys":["env","team-*"]}}"#
        #expect(try allows(condition, ["aws:TagKeys": ["env", "team-a"]]))
        #expect(try !allows(condition, ["aws:TagKeys": ["env", "owner"]]))
        // An absent key satisfies every ForAllValues condition, as AWS documents.
        #expect(try allows(condition, [:]))
        #expect(try allows(#"{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}"#, ["aws:TagKeys": ["a", "b"]]))
        #expect(try !allows(#"{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}"#, ["aws:TagKeys": ["a", "secret"]]))
    }

    @Test func denyWithACondition() throws {
        let allow = try Fixtures.statement(#""Effect":"Allow","Action":"*","Resource":"*""#)
        let deny = try Fixtures.statement(#""Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#)
        #expect(Fixtures.decide([allow, deny], Fixtures.request("s3:GetObject", context: RequestContext(["aws:SourceIp": "10.1.2.3"]))) == .allowed)
        #expect(Fixtures.decide([allow, deny], Fixtures.request("s3:GetObject", context: RequestContext(["aws:SourceIp": "8.8.8.8"]))) == .explicitDeny)
    }
}

@Suite("Policy variables")
struct PolicyVariableTests {
    let context = RequestContext(["aws:username": "alice", "aws:userid": "AIDAEXAMPLE"])

    @Test func resourcesSubstituteVariables() throws {
        let policy = try Fixtures.statement(#""Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*""#)
        #expect(Fixtures.decide([policy], Fixtures.request("s3:GetObject", "arn:aws:s3:::home/alice/f", context: context)) == .allowed)
        #expect(Fixtures.decide([policy], Fixtures.request("s3:GetObject", "arn:aws:s3:::home/bob/f", context: context)) == .implicitDeny)
        #expect(Fixtures.decide([policy], Fixtures.request("s3:GetObject", "arn:aws:s3:::home/alice/f")) == .implicitDeny)
    }

    @Test func version2008KeepsVariablesLiteral() throws {
        let policy = try Fixtures.statement(#""Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*""#, version: "2008-10-17")
        #expect(Fixtures.decide([policy], Fixtures.request("s3:GetObject", "arn:aws:s3:::home/alice/f", context: context)) == .implicitDeny)
        #expect(Fixtures.decide([policy], Fixtures.request("s3:GetObject", "arn:aws:s3:::home/${aws:username}/f", context: context)) == .allowed)
    }

    @Test func specialCharactersAndDefaults() {
        #expect(PolicyVariables.substitute("a${*}b${?}c${$}", context: context) == "a*b?c$")
        #expect(PolicyVariables.substitute("${aws:PrincipalTag/team, 'none'}", context: context) == "none")
        #expect(PolicyVariables.substitute("${aws:userid}-${aws:username}", context: context) == "AIDAEXAMPLE-alice")
        #expect(PolicyVariables.substitute("${aws:missing}", context: context) == nil)
        #expect(PolicyVariables.substitute("unterminated ${aws:username", context: context) == "unterminated ${aws:username")
    }
}

@Suite("Wildcards and addresses")
struct MatchingTests {
    @Test(arguments: [("*", "", true), ("a*", "a", true), ("a?", "a", false), ("*a*a*a*b", String(repeating: "a", count: 2_000), false),
                      ("é*", "été", true), ("a*c", "abbbc", true), ("a*c", "abbbd", false)])
    func wildcard(pattern: String, text: String, expected: Bool) {
        #expect(Wildcard.matches(pattern, text) == expected)
    }

    @Test func ipParsing() {
        #expect(IPRange.address("1.2.3.4") == [1, 2, 3, 4])
        #expect(IPRange.address("1.2.3") == nil)
        #expect(IPRange.address("1.2.3.256") == nil)
        #expect(IPRange.address("::1") == Array(repeating: 0, count: 15) + [1])
        #expect(IPRange.address("1:2:3:4:5:6:7:8:9") == nil)
        #expect(IPRange.address("1::2::3") == nil)
        #expect(IPRange("10.0.0.0/33") == nil)
        #expect(IPRange("::/0")?.prefix == 0)
    }
}
