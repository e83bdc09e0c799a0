@testable import BrumeLambda
import Testing

@Suite("Function names and ARNs")
struct FunctionReferenceTests {
    @Test("names, partial ARNs and full ARNs, with and without qualifiers")
    func forms() throws {
        let plain = try FunctionReference(parsing: "my-function")
        #expect(plain.name == "my-function" && plain.qualifier == nil && plain.accountID == nil)

        let partial = try FunctionReference(parsing: "123456789012:function:my-function:7")
        #expect(partial.name == "my-function" && partial.qualifier == "7" && partial.accountID == "123456789012")

        let full = try FunctionReference(parsing: "arn:aws:lambda:eu-west-1:123456789012:function:my-function:$LATEST")
        #expect(full.region == "eu-west-1" && full.qualifier == "$LATEST")

        let qualified = try FunctionReference(parsing: "my-function:live")
        #expect(qualified.qualifier == "live")
    }

    @Test("malformed names fail the model's pattern", arguments: ["", "has space", "a:b:c:d:e", "arn:aws:s3:::bucket", "f:", "x/y"])
    func malformed(_ text: String) {
        #expect(throws: LambdaError.self) { try FunctionReference(parsing: text) }
    }

    @Test("a qualifier where the operation takes none is refused")
    func qualifierNotAllowed() {
        #expect(throws: LambdaError.self) { try FunctionReference(parsing: "f:1", allowsQualifier: false) }
    }
}
