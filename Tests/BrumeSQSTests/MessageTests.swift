import Testing
@testable import BrumeSQS

@Suite struct MessageTests {
    @Test func bodyDigest() {
        #expect(MessageDigest.body("hello world") == "5eb63bbbe01eeed093cb22bb8f5acdc3")
        #expect(MessageDigest.body("bar") == "37b51d194a7513e45b56f6524f2d51f2")
    }

    /// Reference values from an independent Python implementation of the documented algorithm.
    @Test func attributeDigests() {
        #expect(MessageDigest.attributes([:]) == nil)
        #expect(MessageDigest.attributes(["piyo": .init(dataType: "String", stringValue: "bar")]) == "ed3d002a50eb78f3f8e12027bdc91879")
        #expect(MessageDigest.attributes([
            "Author": .init(dataType: "String", stringValue: "John"),
            "Count": .init(dataType: "Number", stringValue: "42"),
            "Blob": .init(dataType: "Binary", binaryValue: [0, 1, 2]),
            "Custom": .init(dataType: "String.ext", stringValue: "x"),
        ]) == "16d1d9d57805eacc0a806a030f285f14")
        #expect(MessageDigest.attributes([
            "AWSTraceHeader": .init(dataType: "String", stringValue: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"),
        ]) == "5f48eef650c1d0207456969c85af2fdd")
    }

    @Test func body() throws {
        #expect(throws: SQSError.missingParameter("MessageBody")) { try MessageBody.validate("") }
        try MessageBody.validate("a\tb\n\u{10FFFF}")
        #expect(throws: SQSError.self) { try MessageBody.validate("a\u{1}b") }
        #expect(throws: SQSError.self) { try MessageBody.validate("\u{FFFF}x") }
        #expect(throws: SQSError.self) { try MessageBody.validate("\u{0}\u{1F}") }
    }

    @Test func attributeNames() throws {
        try MessageAttributeValidation.validate(["a.b-c_D9": .init(dataType: "String", stringValue: "v")])
        for bad in ["", "AWS.x", "amazon.x", "aws.", ".a", "a.", "a..b", "a b", String(repeating: "a", count: 257)] {
            #expect(throws: SQSError.self) {
                try MessageAttributeValidation.validate([bad: .init(dataType: "String", stringValue: "v")])
            }
        }
        try MessageAttributeValidation.validate([String(repeating: "a", count: 256): .init(dataType: "String", stringValue: "v")])
        // Letters beyond ASCII are letters; symbols are not.
        try MessageAttributeValidation.validate(["attr.1øßä": .init(dataType: "String", stringValue: "v")])
        for bad in ["Invalid-§-attr", "Invalid-!-attr", "Invalid-?-attr", "Invalid-(-attr"] {
            #expect(throws: SQSError.self) {
                try MessageAttributeValidation.validate([bad: .init(dataType: "String", stringValue: "v")])
            }
        }
        let eleven = Dictionary(uniqueKeysWithValues: (0..<11).map { ("a\($0)", MessageAttributeValue(dataType: "String", stringValue: "v")) })
        #expect(throws: SQSError.invalidParameterValue("Number of message attributes [11] exceeds the allowed maximum [10].")) {
            try MessageAttributeValidation.validate(eleven)
        }
        try MessageAttributeValidation.validate(eleven.filter { $0.key != "a0" })
    }

    @Test func attributeValues() throws {
        try MessageAttributeValidation.validate([
            "s": .init(dataType: "String.custom", stringValue: "é"),
            "b": .init(dataType: "Binary.png", binaryValue: [0xFF]),
            "n": .init(dataType: "Number", stringValue: "-1.5e3"),
        ])
        #expect(throws: SQSError.invalidParameterValue(
            "The type of message (user) attribute 's' is invalid. You must use only the following supported type prefixes: Binary, Number, String.")) {
            try MessageAttributeValidation.validate(["s": .init(dataType: "string", stringValue: "x")])
        }
        #expect(throws: SQSError.invalidParameterValue("Message (user) attribute 's' must contain a non-empty value of type 'String'.")) {
            try MessageAttributeValidation.validate(["s": .init(dataType: "String", stringValue: "")])
        }
        #expect(throws: SQSError.self) { try MessageAttributeValidation.validate(["b": .init(dataType: "Binary", stringValue: "x")]) }
        #expect(throws: SQSError.self) { try MessageAttributeValidation.validate(["s": .init(dataType: "String", stringValue: "\u{1}")]) }
        #expect(throws: SQSError.self) {
            try MessageAttributeValidation.validate(["s": .init(dataType: "String." + String(repeating: "x", count: 250), stringValue: "v")])
        }
    }

    @Test(arguments: ["0", "-0.0", "42", "+1", "1.", ".5", "1e126", "1E-128", "9.99e125",
                      String(repeating: "9", count: 38), "0.000" + String(repeating: "1", count: 38)])
    func validNumbers(text: String) { #expect(SQSNumber.isValid(text)) }

    @Test(arguments: ["", "-", "abc", "1e", "1.2.3", "2e126", "1e127", "1e-129", "0x10", "1 ",
                      String(repeating: "9", count: 39)])
    func invalidNumbers(text: String) { #expect(!SQSNumber.isValid(text)) }

    @Test func systemAttributes() throws {
        try MessageAttributeValidation.validateSystem(["AWSTraceHeader": .init(dataType: "String", stringValue: "Root=1")])
        #expect(throws: SQSError.self) {
            try MessageAttributeValidation.validateSystem(["SenderId": .init(dataType: "String", stringValue: "x")])
        }
        #expect(throws: SQSError.self) {
            try MessageAttributeValidation.validateSystem(["AWSTraceHeader": .init(dataType: "Binary", binaryValue: [1])])
        }
    }

    @Test func size() throws {
        let attributes = ["ab": MessageAttributeValue(dataType: "String", stringValue: "xyz"),
                          "c": MessageAttributeValue(dataType: "Binary", binaryValue: [1, 2])]
        #expect(MessageAttributeValidation.messageSize(body: "é", attributes: attributes) == 2 + (2 + 6 + 3) + (1 + 6 + 2))
        let limit = 1024
        try MessageAttributeValidation.checkSize(body: String(repeating: "x", count: limit), attributes: [:], limit: limit)
        #expect(throws: SQSError.invalidParameterValue("One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.")) {
            try MessageAttributeValidation.checkSize(body: String(repeating: "x", count: limit + 1), attributes: [:], limit: limit)
        }
    }

    /// The filters of ReceiveMessage's `MessageAttributeNames`, as SQS answered them.
    @Test func attributeNameFilters() {
        let names = ["Help.Me", "Hello", "General"]
        func selected(_ requested: [String]) -> [String]? {
            let filter = MessageAttributeFilter(requested)
            return filter.isActive ? names.filter(filter.includes).sorted() : nil
        }
        #expect(selected([]) == nil)
        #expect(selected(["All"]) == ["General", "Hello", "Help.Me"])
        #expect(selected(["*"]) == ["General", "Hello", "Help.Me"])
        #expect(selected([".*"]) == ["General", "Hello", "Help.Me"])
        #expect(selected(["Foo", "Help"]) == [])
        #expect(selected(["Hello", "General"]) == ["General", "Hello"])
        #expect(selected(["Foo", "Hello"]) == ["Hello"])
        #expect(selected(["Hel.*"]) == ["Hello", "Help.Me"])
        #expect(selected(["Help.*"]) == ["Help.Me"])
        // Names that are not attribute names are ignored, so nothing is asked for.
        #expect(selected(["AWS."]) == nil)
        #expect(selected(["..foo"]) == nil)
    }
}
