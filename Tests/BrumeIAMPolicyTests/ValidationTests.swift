import Testing
@testable import BrumeIAMPolicy

@Suite("Policy validation: IAM's MalformedPolicyDocument reasons")
struct ValidationTests {
    let allowAll = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#

    @Test func acceptsAMinimalIdentityPolicy() throws {
        let document = try PolicyDocument(parsing: allowAll, kind: .identity)
        #expect(document.version == .v2012)
        #expect(document.statements.count == 1)
        #expect(document.statements[0].effect == .allow)
    }

    @Test func aSingleStatementObjectIsAccepted() throws {
        let document = try PolicyDocument(
            parsing: #"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":["s3:*","sqs:SendMessage"],"Resource":"arn:aws:s3:::b/*"}}"#,
            kind: .identity)
        #expect(document.statements[0].actions?.values == ["s3:*", "sqs:SendMessage"])
        #expect(document.statements[0].effect == .deny)
    }

    @Test func aMissingVersionIsTheLegacyLanguage() throws {
        let document = try PolicyDocument(parsing: #"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#, kind: .identity)
        #expect(document.version == .v2008)
    }

    @Test func version2008IsAccepted() throws {
        let document = try PolicyDocument(
            parsing: #"{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#, kind: .identity)
        #expect(document.version == .v2008)
    }

    @Test(arguments: ["not json", "", "[]", "{", #"{"Statement":[]}"#, #"{"Version":"2012-10-17"}"#, "null", #""text""#])
    func syntaxErrors(text: String) {
        #expect(Fixtures.refusal(text) == "Syntax errors in policy.")
    }

    @Test func anUnknownVersionFailsLegacyParsing() {
        #expect(Fixtures.refusal(#"{"Version":"2020-01-01","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#)
            == "The policy failed legacy parsing")
    }

    @Test func unknownTopLevelAndStatementElementsAreSyntaxErrors() {
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Extra":1,"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#)
            == "Syntax errors in policy.")
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Actions":"x"}}"#)
            == "Syntax errors in policy.")
    }

    @Test(arguments: [#""Effect":"allow""#, #""Effect":"Permit""#, #""Effect":true"#, ""])
    func effectMustBeAllowOrDeny(effect: String) {
        let members = [effect, #""Action":"s3:*""#, #""Resource":"*""#].filter { !$0.isEmpty }.joined(separator: ",")
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{\#(members)}}"#) == "Syntax errors in policy.")
    }

    @Test func actionsAreRequired() {
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Resource":"*"}}"#)
            == "Policy statement must contain actions.")
    }

    @Test func resourcesAreRequiredInIdentityPolicies() {
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}"#)
            == "Policy statement must contain resources.")
    }

    @Test(arguments: ["GetObject", ":GetObject", "s3GetObject"])
    func actionsNeedAVendor(action: String) {
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"\#(action)","Resource":"*"}}"#)
            == "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")
    }

    @Test func conditionKeysNeedAVendor() {
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"username":"a"}}}}"#)
            == "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")
    }

    @Test func actionAndNotActionTogetherAreRefused() {
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","NotAction":"sqs:*","Resource":"*"}}"#)
            == "Syntax errors in policy.")
    }

    @Test func resourcesMustBeARNs() {
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"bucket"}}"#)
            == #"Resource bucket must be in ARN format or "*"."#)
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3"}}"#)
            == #"Resource arn:aws:s3 must be in ARN format or "*"."#)
    }

    @Test func resourcePartitionsAreChecked() {
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:awz:s3:::b"}}"#)
            == #"Partition "awz" is not valid for resource "arn:awz:s3:::b"."#)
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:*:s3:::b"}}"#) == nil)
    }

    @Test func identityPoliciesMustNotNameAPrincipal() {
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}"#)
            == "Policy document should not specify a principal.")
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotPrincipal":{"AWS":"*"},"Action":"s3:*","Resource":"*"}}"#)
            == "Policy document should not specify a principal.")
    }

    @Test func trustPoliciesMustNameAPrincipal() {
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}"#, kind: .trust)
            == "Missing required field Principal")
        #expect(Fixtures.refusal(
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}}"#,
            kind: .trust) == nil)
    }

    @Test(arguments: [
        (#"{"AWS":"alice"}"#, #"Invalid principal in policy: "AWS":"alice""#),
        (#"{"AWS":"arn:aws:iam::123:user/a"}"#, #"Invalid principal in policy: "AWS":"arn:aws:iam::123:user/a""#),
        (#"{"AWS":"arn:aws:s3:::bucket"}"#, #"Invalid principal in policy: "AWS":"arn:aws:s3:::bucket""#),
        (#"{"AWS":"arn:aws:iam::123456789012:group/g"}"#, #"Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:group/g""#),
        (#"{"Service":"lambda"}"#, #"Invalid principal in policy: "Service":"lambda""#),
        (#"{"Robot":"x"}"#, #"Invalid principal in policy: "Robot":"x""#),
    ])
    func invalidPrincipals(principal: String, message: String) {
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":\#(principal),"Action":"s3:*","Resource":"*"}}"#, kind: .resource)
            == message)
    }

    @Test func validPrincipalsAreRead() throws {
        let document = try PolicyDocument(parsing: #"""
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{
              "AWS":["123456789012","arn:aws:iam::210987654321:root","arn:aws:iam::123456789012:role/r","arn:aws:sts::123456789012:assumed-role/r/s"],
              "Service":"sqs.amazonaws.com","Federated":"cognito-identity.amazonaws.com"},
              "Action":"s3:*","Resource":"*"}}
            """#, kind: .resource)
        #expect(document.statements[0].principals?.values == [
            .account("123456789012"), .account("210987654321"), .arn("arn:aws:iam::123456789012:role/r"),
            .arn("arn:aws:sts::123456789012:assumed-role/r/s"), .service("sqs.amazonaws.com"), .federated("cognito-identity.amazonaws.com"),
        ])
    }

    @Test func sidsAreUniqueAndAlphanumericInIdentityPolicies() {
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#)
            == "Statement IDs (SID) in a single policy must be unique.")
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Sid":"my sid","Effect":"Allow","Action":"s3:*","Resource":"*"}}"#)
            == "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*")
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Sid":"my sid","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}"#, kind: .resource) == nil)
    }

    @Test(arguments: ["StringEqualz", "ForSomeValues:StringEquals", "NullIfExists", "stringequals"])
    func unknownConditionOperators(name: String) {
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"\#(name)":{"aws:username":"a"}}}}"#)
            == "Invalid Condition type : \(name).")
    }

    @Test func conditionOperatorNamesRoundTrip() {
        for name in ["StringLike", "ForAllValues:StringLikeIfExists", "ForAnyValue:ArnNotEquals", "IpAddressIfExists", "Null"] {
            #expect(ConditionOperator(name: name)?.name == name)
        }
    }

    @Test func conditionValuesMayBeNumbersAndBooleans() throws {
        let document = try PolicyDocument(parsing: #"""
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*",
             "Condition":{"Bool":{"aws:SecureTransport":true},"NumericLessThan":{"s3:max-keys":[10, 2.5]}}}}
            """#, kind: .identity)
        #expect(document.statements[0].conditions.map(\.values) == [["true"], ["10", "2.5"]])
    }

    @Test func nullConditionValuesAreSyntaxErrors() {
        #expect(Fixtures.refusal(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":null}}}}"#)
            == "Syntax errors in policy.")
    }

    @Test func sizesCountCharactersWithoutWhitespace() {
        #expect(PolicySize.count("{ \"a\" :\n\t1 }") == 7)
        #expect(PolicySize.managedPolicy == 6_144)
    }
}
