import BrumeWire
import Testing
@testable import BrumeEventRules

func json(_ text: String) throws -> JSONValue {
    try JSONValue.parse(Array(text.utf8))
}

/// One row of a matching table: a pattern, an event (both as JSON text), and whether they match.
struct MatchCase: CustomTestStringConvertible, Sendable {
    var pattern: String
    var event: String
    var matches: Bool

    init(_ pattern: String, _ event: String, _ matches: Bool) {
        self.pattern = pattern
        self.event = event
        self.matches = matches
    }

    var testDescription: String { "\(pattern) on \(event) → \(matches)" }
}

@Suite struct EventPatternMatchingTests {
    func check(_ row: MatchCase) throws {
        let compiled = try EventPattern(parsing: row.pattern)
        #expect(compiled.matches(try json(row.event)) == row.matches, "\(row.testDescription)")
    }

    @Test(arguments: [
        // Strings match byte for byte, case included.
        MatchCase(#"{"source": ["aws.ec2"]}"#, #"{"source": "aws.ec2"}"#, true),
        MatchCase(#"{"source": ["aws.ec2"]}"#, #"{"source": "AWS.EC2"}"#, false),
        MatchCase(#"{"source": ["aws.ec2", "aws.s3"]}"#, #"{"source": "aws.s3"}"#, true),
        MatchCase(#"{"source": ["aws.ec2"]}"#, #"{"other": "aws.ec2"}"#, false),
        // Numbers match by value; a number never equals its string.
        MatchCase(#"{"detail": {"count": [5]}}"#, #"{"detail": {"count": 5.0}}"#, true),
        MatchCase(#"{"detail": {"count": [5.0]}}"#, #"{"detail": {"count": 5}}"#, true),
        MatchCase(#"{"detail": {"count": [300]}}"#, #"{"detail": {"count": 3e2}}"#, true),
        MatchCase(#"{"detail": {"count": [5]}}"#, #"{"detail": {"count": "5"}}"#, false),
        MatchCase(#"{"detail": {"count": ["5"]}}"#, #"{"detail": {"count": 5}}"#, false),
        // Booleans, null and the empty string are distinct values.
        MatchCase(#"{"detail": {"on": [true]}}"#, #"{"detail": {"on": true}}"#, true),
        MatchCase(#"{"detail": {"on": [true]}}"#, #"{"detail": {"on": "true"}}"#, false),
        MatchCase(#"{"detail": {"v": [null]}}"#, #"{"detail": {"v": null}}"#, true),
        MatchCase(#"{"detail": {"v": [null]}}"#, #"{"detail": {"v": ""}}"#, false),
        MatchCase(#"{"detail": {"v": [""]}}"#, #"{"detail": {"v": ""}}"#, true),
        MatchCase(#"{"detail": {"v": [""]}}"#, #"{"detail": {"v": null}}"#, false),
        MatchCase(#"{"detail": {"v": [null]}}"#, #"{"detail": {}}"#, false),
    ])
    func exactValues(_ row: MatchCase) throws { try check(row) }

    @Test(arguments: [
        // An array in the event matches when one element does.
        MatchCase(#"{"resources": ["arn:b"]}"#, #"{"resources": ["arn:a", "arn:b"]}"#, true),
        MatchCase(#"{"resources": ["arn:c", "arn:b"]}"#, #"{"resources": ["arn:a", "arn:b"]}"#, true),
        MatchCase(#"{"resources": ["arn:c"]}"#, #"{"resources": ["arn:a", "arn:b"]}"#, false),
        MatchCase(#"{"resources": ["arn:c"]}"#, #"{"resources": []}"#, false),
        MatchCase(#"{"v": [2]}"#, #"{"v": [[1], [2, 3]]}"#, true),
        // A field with no alternatives can never match.
        MatchCase(#"{"source": []}"#, #"{"source": "aws.ec2"}"#, false),
        // Nested patterns reach into objects, and into each object of an array.
        MatchCase(#"{"detail": {"a": {"b": ["x"]}}}"#, #"{"detail": {"a": {"b": "x"}}}"#, true),
        MatchCase(#"{"detail": {"a": {"b": ["x"]}}}"#, #"{"detail": {"a": {"b": "y"}}}"#, false),
        MatchCase(#"{"detail": {"a": {"b": ["x"]}}}"#, #"{"detail": {"a": "x"}}"#, false),
        MatchCase(#"{"detail": {"items": {"id": ["2"]}}}"#, #"{"detail": {"items": [{"id": "1"}, {"id": "2"}]}}"#, true),
        // Two fields under an array must hold in the same element.
        MatchCase(#"{"items": {"id": ["1"], "ok": [true]}}"#, #"{"items": [{"id": "1", "ok": false}, {"id": "2", "ok": true}]}"#, false),
        MatchCase(#"{"items": {"id": ["2"], "ok": [true]}}"#, #"{"items": [{"id": "1", "ok": false}, {"id": "2", "ok": true}]}"#, true),
        // A leaf condition never matches an object.
        MatchCase(#"{"detail": ["x"]}"#, #"{"detail": {"x": 1}}"#, false),
        // Every named field must match.
        MatchCase(#"{"source": ["aws.ec2"], "region": ["us-east-1"]}"#, #"{"source": "aws.ec2", "region": "us-west-1"}"#, false),
        MatchCase(#"{"source": ["aws.ec2"], "region": ["us-east-1"]}"#, #"{"source": "aws.ec2", "region": "us-east-1"}"#, true),
    ])
    func arraysAndNesting(_ row: MatchCase) throws { try check(row) }

    @Test(arguments: [
        MatchCase(#"{"time": [{"prefix": "2017-10-02"}]}"#, #"{"time": "2017-10-02T18:43:48Z"}"#, true),
        MatchCase(#"{"time": [{"prefix": "2017-10-02"}]}"#, #"{"time": "2017-10-03T18:43:48Z"}"#, false),
        MatchCase(#"{"v": [{"prefix": "1"}]}"#, #"{"v": 12}"#, false),
        MatchCase(#"{"source": [{"prefix": ""}]}"#, #"{"source": "anything"}"#, true),
        MatchCase(#"{"s": [{"prefix": {"equals-ignore-case": "EventB"}}]}"#, #"{"s": "eventbridge"}"#, true),
        MatchCase(#"{"s": [{"prefix": {"equals-ignore-case": "EventB"}}]}"#, #"{"s": "EVENTBUS"}"#, true),
        MatchCase(#"{"s": [{"prefix": {"equals-ignore-case": "EventB"}}]}"#, #"{"s": "event-bus"}"#, false),
        MatchCase(#"{"f": [{"suffix": ".png"}]}"#, #"{"f": "image.png"}"#, true),
        MatchCase(#"{"f": [{"suffix": ".png"}]}"#, #"{"f": "image.PNG"}"#, false),
        MatchCase(#"{"f": [{"suffix": ".png"}]}"#, #"{"f": "png"}"#, false),
        MatchCase(#"{"f": [{"suffix": {"equals-ignore-case": ".png"}}]}"#, #"{"f": "image.PNG"}"#, true),
        MatchCase(#"{"f": [{"suffix": {"equals-ignore-case": ".png"}}]}"#, #"{"f": "image.jpg"}"#, false),
        MatchCase(#"{"name": [{"equals-ignore-case": "alice"}]}"#, #"{"name": "ALICE"}"#, true),
        MatchCase(#"{"name": [{"equals-ignore-case": "alice"}]}"#, #"{"name": "alicia"}"#, false),
        MatchCase(#"{"name": [{"equals-ignore-case": "alice"}]}"#, #"{"name": ["bob", "Alice"]}"#, true),
    ])
    func prefixSuffixAndCase(_ row: MatchCase) throws { try check(row) }

    @Test(arguments: [
        MatchCase(#"{"state": [{"anything-but": "initializing"}]}"#, #"{"state": "running"}"#, true),
        MatchCase(#"{"state": [{"anything-but": "initializing"}]}"#, #"{"state": "initializing"}"#, false),
        // anything-but needs the field to be there.
        MatchCase(#"{"state": [{"anything-but": "initializing"}]}"#, #"{"other": 1}"#, false),
        MatchCase(#"{"x": [{"anything-but": 123}]}"#, #"{"x": 123.0}"#, false),
        MatchCase(#"{"x": [{"anything-but": 123}]}"#, #"{"x": 124}"#, true),
        MatchCase(#"{"state": [{"anything-but": ["stopped", "overloaded"]}]}"#, #"{"state": "stopped"}"#, false),
        MatchCase(#"{"state": [{"anything-but": ["stopped", "overloaded"]}]}"#, #"{"state": "running"}"#, true),
        MatchCase(#"{"x": [{"anything-but": [100, 200]}]}"#, #"{"x": 200}"#, false),
        // An array matches when one element is not excluded.
        MatchCase(#"{"x": [{"anything-but": [100, 500]}]}"#, #"{"x": [100, 50]}"#, true),
        MatchCase(#"{"x": [{"anything-but": [100, 500]}]}"#, #"{"x": [100, 500]}"#, false),
        MatchCase(#"{"r": [{"anything-but": {"prefix": "us-"}}]}"#, #"{"r": "eu-west-1"}"#, true),
        MatchCase(#"{"r": [{"anything-but": {"prefix": "us-"}}]}"#, #"{"r": "us-east-1"}"#, false),
        MatchCase(#"{"f": [{"anything-but": {"suffix": ".png"}}]}"#, #"{"f": "a.jpg"}"#, true),
        MatchCase(#"{"f": [{"anything-but": {"suffix": ".png"}}]}"#, #"{"f": "a.png"}"#, false),
        MatchCase(#"{"s": [{"anything-but": {"equals-ignore-case": "initializing"}}]}"#, #"{"s": "INITIALIZING"}"#, false),
        MatchCase(#"{"s": [{"anything-but": {"equals-ignore-case": ["a", "b"]}}]}"#, #"{"s": "B"}"#, false),
        MatchCase(#"{"s": [{"anything-but": {"equals-ignore-case": ["a", "b"]}}]}"#, #"{"s": "c"}"#, true),
        MatchCase(#"{"p": [{"anything-but": {"wildcard": "*/lib/*"}}]}"#, #"{"p": "/usr/lib/x"}"#, false),
        MatchCase(#"{"p": [{"anything-but": {"wildcard": "*/lib/*"}}]}"#, #"{"p": "/usr/bin/x"}"#, true),
        MatchCase(#"{"p": [{"anything-but": {"wildcard": ["*/lib/*", "*/bin/*"]}}]}"#, #"{"p": "/usr/bin/x"}"#, false),
    ])
    func anythingBut(_ row: MatchCase) throws { try check(row) }

    @Test(arguments: [
        MatchCase(#"{"c": [{"numeric": [">", 0, "<=", 5]}]}"#, #"{"c": 5}"#, true),
        MatchCase(#"{"c": [{"numeric": [">", 0, "<=", 5]}]}"#, #"{"c": 0}"#, false),
        MatchCase(#"{"c": [{"numeric": [">", 0, "<=", 5]}]}"#, #"{"c": 0.5}"#, true),
        MatchCase(#"{"c": [{"numeric": [">", 0, "<=", 5]}]}"#, #"{"c": 5.01}"#, false),
        MatchCase(#"{"c": [{"numeric": ["<=", 5, ">", 0]}]}"#, #"{"c": 3}"#, true),
        MatchCase(#"{"c": [{"numeric": [">=", 10, "<", 20]}]}"#, #"{"c": 10}"#, true),
        MatchCase(#"{"c": [{"numeric": [">=", 10, "<", 20]}]}"#, #"{"c": 20}"#, false),
        MatchCase(#"{"c": [{"numeric": ["<", 10]}]}"#, #"{"c": -1e9}"#, true),
        MatchCase(#"{"c": [{"numeric": ["=", 301.5]}]}"#, #"{"c": 3.015e2}"#, true),
        MatchCase(#"{"c": [{"numeric": ["=", 3]}]}"#, #"{"c": 3.000001}"#, false),
        // Matching is to six decimal places, over -5e9...5e9.
        MatchCase(#"{"c": [{"numeric": ["=", 3]}]}"#, #"{"c": 3.0000001}"#, true),
        MatchCase(#"{"c": [{"numeric": [">", 0]}]}"#, #"{"c": 5e9}"#, true),
        MatchCase(#"{"c": [{"numeric": [">", 0]}]}"#, #"{"c": 6e9}"#, false),
        // Numeric conditions ignore strings, even numeric-looking ones.
        MatchCase(#"{"c": [{"numeric": [">", 0]}]}"#, #"{"c": "5"}"#, false),
        MatchCase(#"{"c": [{"numeric": [">", 0]}]}"#, #"{"c": [-1, 2]}"#, true),
    ])
    func numeric(_ row: MatchCase) throws { try check(row) }

    @Test(arguments: [
        MatchCase(#"{"d": {"c": [{"exists": true}]}}"#, #"{"d": {"c": 1}}"#, true),
        MatchCase(#"{"d": {"c": [{"exists": true}]}}"#, #"{"d": {"c": null}}"#, true),
        MatchCase(#"{"d": {"c": [{"exists": true}]}}"#, #"{"d": {"x": 1}}"#, false),
        MatchCase(#"{"d": {"c": [{"exists": false}]}}"#, #"{"d": {"x": 1}}"#, true),
        MatchCase(#"{"d": {"c": [{"exists": false}]}}"#, #"{"d": {"c": "x"}}"#, false),
        // Absent all the way up still counts as absent.
        MatchCase(#"{"d": {"c": [{"exists": false}]}}"#, #"{"other": 1}"#, true),
        MatchCase(#"{"d": {"c": [{"exists": true}]}}"#, #"{"other": 1}"#, false),
        // exists looks at leaves only: an object, or an empty array, holds none.
        MatchCase(#"{"d": {"c": [{"exists": true}]}}"#, #"{"d": {"c": {"x": 1}}}"#, false),
        MatchCase(#"{"d": {"c": [{"exists": false}]}}"#, #"{"d": {"c": {"x": 1}}}"#, true),
        MatchCase(#"{"d": {"c": [{"exists": false}]}}"#, #"{"d": {"c": []}}"#, true),
        MatchCase(#"{"d": {"c": [{"exists": false}, "a"]}}"#, #"{"d": {"c": "a"}}"#, true),
    ])
    func exists(_ row: MatchCase) throws { try check(row) }

    @Test(arguments: [
        MatchCase(#"{"f": [{"wildcard": "dir/*.png"}]}"#, #"{"f": "dir/a/b.png"}"#, true),
        MatchCase(#"{"f": [{"wildcard": "dir/*.png"}]}"#, #"{"f": "dir/.png"}"#, true),
        MatchCase(#"{"f": [{"wildcard": "dir/*.png"}]}"#, #"{"f": "dir/a.jpg"}"#, false),
        MatchCase(#"{"f": [{"wildcard": "dir/*.png"}]}"#, #"{"f": "other/dir/a.png"}"#, false),
        MatchCase(#"{"f": [{"wildcard": "*a*b*"}]}"#, #"{"f": "xxaxxbxx"}"#, true),
        MatchCase(#"{"f": [{"wildcard": "*a*b*"}]}"#, #"{"f": "xxbxxaxx"}"#, false),
        MatchCase(#"{"f": [{"wildcard": "a*a"}]}"#, #"{"f": "a"}"#, false),
        MatchCase(#"{"f": [{"wildcard": "a*a"}]}"#, #"{"f": "aa"}"#, true),
        MatchCase(#"{"f": [{"wildcard": "plain"}]}"#, #"{"f": "plain"}"#, true),
        MatchCase(#"{"f": [{"wildcard": "plain"}]}"#, #"{"f": "plainer"}"#, false),
        // `\*` is a literal star.
        MatchCase(#"{"f": [{"wildcard": "a\\*b"}]}"#, #"{"f": "a*b"}"#, true),
        MatchCase(#"{"f": [{"wildcard": "a\\*b"}]}"#, #"{"f": "axb"}"#, false),
        MatchCase(#"{"f": [{"wildcard": "a\\\\*"}]}"#, #"{"f": "a\\bc"}"#, true),
        MatchCase(#"{"f": [{"wildcard": "*"}]}"#, #"{"f": 5}"#, false),
    ])
    func wildcard(_ row: MatchCase) throws { try check(row) }

    @Test(arguments: [
        MatchCase(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": "10.0.0.255"}"#, true),
        MatchCase(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": "10.0.1.0"}"#, false),
        MatchCase(#"{"ip": [{"cidr": "10.0.0.0/9"}]}"#, #"{"ip": "10.127.3.4"}"#, true),
        MatchCase(#"{"ip": [{"cidr": "10.0.0.0/9"}]}"#, #"{"ip": "10.128.0.0"}"#, false),
        MatchCase(#"{"ip": [{"cidr": "0.0.0.0/0"}]}"#, #"{"ip": "192.168.1.1"}"#, true),
        MatchCase(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": "not an address"}"#, false),
        MatchCase(#"{"ip": [{"cidr": "2001:db8::/32"}]}"#, #"{"ip": "2001:db8:ffff::1"}"#, true),
        MatchCase(#"{"ip": [{"cidr": "2001:db8::/32"}]}"#, #"{"ip": "2001:db9::1"}"#, false),
        MatchCase(#"{"ip": [{"cidr": "2001:db8::/32"}]}"#, #"{"ip": "10.0.0.1"}"#, false),
    ])
    func cidr(_ row: MatchCase) throws { try check(row) }

    @Test(arguments: [
        MatchCase(#"{"$or": [{"c": [1]}, {"d": [2]}]}"#, #"{"c": 1}"#, true),
        MatchCase(#"{"$or": [{"c": [1]}, {"d": [2]}]}"#, #"{"d": 2}"#, true),
        MatchCase(#"{"$or": [{"c": [1]}, {"d": [2]}]}"#, #"{"c": 2, "d": 1}"#, false),
        // $or combines with the fields beside it by AND.
        MatchCase(#"{"source": ["a"], "$or": [{"c": [1]}, {"d": [2]}]}"#, #"{"source": "b", "c": 1}"#, false),
        MatchCase(#"{"source": ["a"], "detail": {"$or": [{"c": [1]}, {"d": [{"numeric": [">", 5]}]}]}}"#,
                  #"{"source": "a", "detail": {"d": 9}}"#, true),
        // Nested $or.
        MatchCase(#"{"$or": [{"a": [1]}, {"$or": [{"b": [2]}, {"c": [3]}]}]}"#, #"{"c": 3}"#, true),
        MatchCase(#"{"$or": [{"a": [1]}, {"$or": [{"b": [2]}, {"c": [3]}]}]}"#, #"{"c": 4}"#, false),
        // A `$or` that does not list objects names an ordinary field.
        MatchCase(#"{"$or": ["x"]}"#, #"{"$or": "x"}"#, true),
    ])
    func or(_ row: MatchCase) throws { try check(row) }

    @Test func severalOperatorsOnOneObject() throws {
        // Every clause must hold; changing one value to an excluded one breaks the match.
        let compiled = try pattern("""
            {"detail": {
               "state": [{"anything-but": "initializing"}],
               "c-count": [{"numeric": [">", 0, "<=", 5]}],
               "d-count": [{"numeric": ["<", 10]}],
               "x-limit": [{"anything-but": [100, 200, 300]}],
               "source-ip": [{"cidr": "10.0.0.0/24"}]}}
            """)
        let event = try json("""
            {"detail": {"state": "running", "c-count": 3, "d-count": 4, "x-limit": 301.8, "source-ip": "10.0.0.7"}}
            """)
        #expect(compiled.matches(event))
        var changed = try #require(event.objectValue)
        changed["detail"] = try json(#"{"state": "running", "c-count": 3, "d-count": 4, "x-limit": 300, "source-ip": "10.0.0.7"}"#)
        #expect(!compiled.matches(.object(changed)))
    }

    @Test func nonObjectEventsMatchOnlyAbsence() throws {
        #expect(!(try pattern(#"{"source": ["a"]}"#)).matches(.string("a")))
        #expect((try pattern(#"{"source": [{"exists": false}]}"#)).matches(.array([])))
    }
}
