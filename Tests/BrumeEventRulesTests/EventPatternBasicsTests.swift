import BrumeWire
import Testing
@testable import BrumeEventRules

/// An EC2 state-change event, shaped as the EventBridge user guide's examples are.
let ec2Event: JSONValue = [
    "version": "0",
    "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "EC2 Instance State-change Notification",
    "source": "aws.ec2",
    "account": "111122223333",
    "time": "2017-12-22T18:43:48Z",
    "region": "us-west-1",
    "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
    "detail": ["instance-id": "i-1234567890abcdef0", "state": "terminated"],
]

func pattern(_ text: String) throws -> EventPattern {
    try EventPattern(parsing: text)
}

@Suite struct EventPatternBasicsTests {
    @Test func selectsEventsByTheFieldsItNames() throws {
        let terminations = try pattern("""
            {"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"],
             "detail": {"state": ["terminated"]}}
            """)
        #expect(terminations.matches(ec2Event))
        let running = try pattern(#"{"source": ["aws.ec2"], "detail": {"state": ["running"]}}"#)
        #expect(!running.matches(ec2Event))
    }
}
