import Testing
@testable import BrumeLogs

@Suite struct LogsNamesTests {
    @Test func groupNames() throws {
        try LogsNames.checkGroupName("/aws/lambda/my-fn_1.x#2")
        try LogsNames.checkGroupName(String(repeating: "a", count: 512))
        for bad in ["", String(repeating: "a", count: 513), "a b", "a:b", "é"] {
            #expect(throws: LogsError.self, "\(bad)") { try LogsNames.checkGroupName(bad) }
        }
    }

    @Test func streamNames() throws {
        try LogsNames.checkStreamName("2024/01/01/[$LATEST]abc def")
        for bad in ["", "a:b", "a*"] {
            #expect(throws: LogsError.self, "\(bad)") { try LogsNames.checkStreamName(bad) }
        }
    }

    @Test func arnsAndIdentifiers() {
        let key = LogGroupKey(account: "123456789012", region: "eu-west-1", name: "/aws/lambda/f")
        #expect(LogsNames.groupARN(key) == "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f")
        #expect(LogsNames.streamARN(key, stream: "s") == "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f:log-stream:s")
        #expect(LogsNames.groupKey(identifier: LogsNames.groupARN(key), account: "x", region: "y") == key)
        #expect(LogsNames.groupKey(identifier: LogsNames.groupARN(key) + ":*", account: "x", region: "y") == key)
        #expect(LogsNames.groupKey(identifier: "plain", account: "1", region: "r") == LogGroupKey(account: "1", region: "r", name: "plain"))
        #expect(LogsNames.groupKey(identifier: "arn:aws:sqs:r:1:q", account: "1", region: "r") == nil)
    }

    @Test func retention() throws {
        try LogsNames.checkRetention(1)
        try LogsNames.checkRetention(3653)
        #expect(throws: LogsError.self) { try LogsNames.checkRetention(2) }
        #expect(throws: LogsError.self) { try LogsNames.checkRetention(0) }
    }
}
