import Testing
@testable import BrumeSQS

@Suite struct QueueNameTests {
    @Test func standardNames() throws {
        try QueueName.validate("orders_1-a", isFIFO: false)
        try QueueName.validate(String(repeating: "a", count: 80), isFIFO: false)
        for bad in ["", String(repeating: "a", count: 81), "a.b", "a b", "é"] {
            #expect(throws: SQSError.invalidParameterValue(QueueName.standardMessage)) {
                try QueueName.validate(bad, isFIFO: false)
            }
        }
    }

    @Test func fifoNames() throws {
        try QueueName.validate("orders.fifo", isFIFO: true)
        try QueueName.validate(String(repeating: "a", count: 75) + ".fifo", isFIFO: true)
        let fifoError = SQSError.invalidParameterValue(QueueName.fifoMessage)
        #expect(throws: fifoError) { try QueueName.validate(String(repeating: "a", count: 76) + ".fifo", isFIFO: true) }
        #expect(throws: fifoError) { try QueueName.validate(".fifo", isFIFO: true) }
        #expect(throws: fifoError) { try QueueName.validate("orders", isFIFO: true) }
        #expect(throws: fifoError) { try QueueName.validate("orders.fifo", isFIFO: false) }
    }

    @Test func parsesURLs() throws {
        let url = try QueueURL(parsing: "http://localhost:4566/000000000000/orders.fifo")
        #expect(url == QueueURL(accountID: "000000000000", name: "orders.fifo"))
        #expect(try QueueURL(parsing: "https://sqs.us-east-1.amazonaws.com/123456789012/q").name == "q")
        #expect(url.url(endpoint: "http://localhost:4566/") == "http://localhost:4566/000000000000/orders.fifo")
        #expect(url.arn(region: "us-east-1") == "arn:aws:sqs:us-east-1:000000000000:orders.fifo")
    }

    @Test(arguments: ["orders", "http://localhost:4566/orders", "http://h/12345/q", "http://h/000000000000/", "http://h/000000000000/q/x"])
    func rejectsNonURLs(text: String) {
        #expect(throws: SQSError.queueDoesNotExist) { try QueueURL(parsing: text) }
    }
}
