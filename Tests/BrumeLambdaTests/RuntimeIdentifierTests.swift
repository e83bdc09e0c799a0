@testable import BrumeLambda
import Testing

@Suite("Runtimes")
struct RuntimeIdentifierTests {
    @Test("runnable runtimes map to what Brume starts")
    func runnable() throws {
        #expect(try RuntimeIdentifier(validating: "python3.12") == .python(version: "3.12"))
        #expect(try RuntimeIdentifier(validating: "nodejs20.x") == .node(version: "20.x"))
        #expect(try RuntimeIdentifier(validating: "provided.al2023") == .provided("provided.al2023"))
        #expect(try RuntimeIdentifier(validating: "python3.12").executionEnvironment == "AWS_Lambda_python3.12")
        #expect(try RuntimeIdentifier(validating: "provided.al2").executionEnvironment == nil)
    }

    @Test("deprecated runtimes get AWS's message; unknown ones the model's")
    func refused() {
        #expect(throws: LambdaError.invalidParameterValue(
            "The runtime parameter of python3.7 is no longer supported for creating or updating AWS Lambda functions. "
                + "We recommend you use the new runtime (python3.13) while creating or updating functions."
        )) { try RuntimeIdentifier(validating: "python3.7") }
        #expect(throws: LambdaError.self) { try RuntimeIdentifier(validating: "cobol85") }
        #expect(throws: LambdaError.self) { try RuntimeIdentifier(validating: "java21") }
    }
}
