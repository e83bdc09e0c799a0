import BrumeWire
import Testing
@testable import BrumeStates

/// Parses a JSON literal written in a test.
private func json(_ text: String) -> JSONValue {
    do { return try JSONValue.parse(Array(text.utf8)) } catch { fatalError("bad test JSON: \(error)") }
}

private func eval(_ path: String, _ document: String) throws -> JSONValue {
    try JSONPath(path).evaluate(on: json(document))
}

@Suite struct JSONPathTests {
    // The "Paths" page of the Step Functions guide.
    let pathsDoc = #"{"foo": 123, "bar": ["a", "b", "c"], "car": {"cdr": true}}"#
    let store = #"""
    {"store": {"book": [
        {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
        {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
        {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553", "price": 8.99},
        {"category": "fiction", "author": "J. R. R. Tolkien", "title": "LOTR", "isbn": "0-395", "price": 22.99}
      ],
      "bicycle": {"color": "red", "price": 19.95}},
     "expensive": 10}
    """#

    @Test func definitePathsFromTheAWSGuide() throws {
        #expect(try eval("$.foo", pathsDoc) == 123)
        #expect(try eval("$.bar", pathsDoc) == ["a", "b", "c"])
        #expect(try eval("$.car.cdr", pathsDoc) == true)
        #expect(try eval("$", pathsDoc) == json(pathsDoc))
        #expect(try eval("$.bar[0]", pathsDoc) == "a")
        #expect(try eval("$.bar[-1]", pathsDoc) == "c")
        #expect(try eval("$['car']['cdr']", pathsDoc) == true)
        #expect(try eval(#"$["foo"]"#, pathsDoc) == 123)
        #expect(try eval("$['a b'].c", #"{"a b": {"c": 1}}"#) == 1)
        #expect(try eval("$.destroy-status", #"{"destroy-status": "ok"}"#) == "ok")
    }

    @Test func sliceFromTheInputPathGuideIsAList() throws {
        #expect(try eval("$.a[0:2]", #"{"a": [1, 2, 3, 4]}"#) == [1, 2])
    }

    @Test func indefinitePathsAlwaysReturnLists() throws {
        #expect(try eval("$.bar[*]", pathsDoc) == ["a", "b", "c"])
        #expect(try eval("$.*", pathsDoc) == [123, ["a", "b", "c"], ["cdr": true]])
        #expect(try eval("$.bar[0,2]", pathsDoc) == ["a", "c"])
        #expect(try eval("$.bar[1:]", pathsDoc) == ["b", "c"])
        #expect(try eval("$.bar[-2:]", pathsDoc) == ["b", "c"])
        #expect(try eval("$.bar[:1]", pathsDoc) == ["a"])
        #expect(try eval("$.bar[::2]", pathsDoc) == ["a", "c"])
        #expect(try eval("$.bar[::-1]", pathsDoc) == ["c", "b", "a"])
        // One match is still a list, and no match is an empty one.
        #expect(try eval("$.bar[?(@ == 'b')]", pathsDoc) == ["b"])
        #expect(try eval("$.bar[?(@ == 'z')]", pathsDoc) == [])
        #expect(try eval("$.bar[5:]", pathsDoc) == [])
        #expect(try eval("$..missing", pathsDoc) == [])
    }

    @Test func deepScanInDocumentOrder() throws {
        #expect(try eval("$..author", store) == ["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"])
        #expect(try eval("$..price", store) == [8.95, 12.99, 8.99, 22.99, 19.95])
        #expect(try eval("$.store..price", store).arrayValue?.count == 5)
        #expect(try eval("$..book[2].title", store) == ["Moby Dick"])
        #expect(try eval("$..[0]", #"{"a": [1, [2, 3]], "b": {"c": [4]}}"#) == [1, 2, 4])
    }

    @Test func filters() throws {
        #expect(try eval("$.store.book[?(@.price < 10)].title", store) == ["Sayings", "Moby Dick"])
        #expect(try eval("$.store.book[?(@.price <= 8.99)].title", store) == ["Sayings", "Moby Dick"])
        #expect(try eval("$.store.book[?(@.price > 20)].title", store) == ["LOTR"])
        #expect(try eval("$.store.book[?(@.price >= 22.99)].title", store) == ["LOTR"])
        #expect(try eval("$.store.book[?(@.category == 'reference')].author", store) == ["Nigel Rees"])
        #expect(try eval(#"$.store.book[?(@.category != "fiction")].author"#, store) == ["Nigel Rees"])
        #expect(try eval("$.store.book[?(@.isbn)].title", store) == ["Moby Dick", "LOTR"])
        #expect(try eval("$.store.book[?(!@.isbn)].title", store) == ["Sayings", "Sword"])
        #expect(try eval("$.store.book[?(@.isbn && @.price < 10)].title", store) == ["Moby Dick"])
        #expect(try eval("$.store.book[?(@.price < 9 || @.price > 20)].title", store) == ["Sayings", "Moby Dick", "LOTR"])
        #expect(try eval("$.store.book[?((@.price < 9 || @.price > 20) && @.isbn)].title", store) == ["Moby Dick", "LOTR"])
        #expect(try eval("$.store.book[?(@.price < $.expensive)].title", store) == ["Sayings", "Moby Dick"])
        #expect(try eval("$..book[?(@.author > 'I')].title", store) == ["Sayings", "LOTR"])
        #expect(try eval("$.a[?(@.ok == true)].n", #"{"a": [{"ok": true, "n": 1}, {"ok": false, "n": 2}, {"n": 3}]}"#) == [1])
        #expect(try eval("$.a[?(@.v == 1)]", #"{"a": [{"v": 1.0}, {"v": "1"}, {"v": null}]}"#) == [["v": 1.0]])
        #expect(try eval("$.a[?(@.v == null)]", #"{"a": [{"v": 1}, {"v": null}]}"#) == [["v": nil]])
        // Mismatched types never order.
        #expect(try eval("$.a[?(@ < 5)]", #"{"a": [1, "2", true, 9]}"#) == [1])
    }

    @Test func nameUnionAtTheEndMergesIntoOneObject() throws {
        // Jayway's merge: a leaf union of names is definite and yields one object.
        #expect(try eval("$['foo','car']", pathsDoc) == ["foo": 123, "car": ["cdr": true]])
        #expect(try eval("$['foo','nope']", pathsDoc) == ["foo": 123])
    }

    @Test func definiteFailuresUseJaywayWording() throws {
        #expect(throws: JSONPathFailure("No results for path: $['missing']", path: try JSONPath("$.missing"))) {
            try eval("$.missing", pathsDoc)
        }
        #expect(throws: JSONPathFailure("Missing property in path $['x']", path: try JSONPath("$.x.y"))) {
            try eval("$.x.y", pathsDoc)
        }
        #expect(throws: JSONPathFailure("No results for path: $['bar'][7]", path: try JSONPath("$.bar[7]"))) {
            try eval("$.bar[7]", pathsDoc)
        }
        #expect(throws: JSONPathFailure.self) { try eval("$.foo.x", pathsDoc) }
        #expect(throws: JSONPathFailure.self) { try eval("$.car[0]", pathsDoc) }
    }

    @Test func rootsAndScope() throws {
        let scope = PathScope(
            input: ["a": 1],
            context: ["Execution": ["Id": "arn:exec", "Input": ["k": "v"]], "Map": ["Item": ["Index": 2, "Value": "x"]]],
            variables: ["count": 3, "user": ["name": "ana", "tags": ["t1", "t2"]]]
        )
        #expect(try JSONPath("$.a").evaluate(in: scope) == 1)
        #expect(try JSONPath("$$.Execution.Id").evaluate(in: scope) == "arn:exec")
        #expect(try JSONPath("$$.Map.Item.Index").evaluate(in: scope) == 2)
        #expect(try JSONPath("$$").evaluate(in: scope) == scope.context)
        #expect(try JSONPath("$count").evaluate(in: scope) == 3)
        #expect(try JSONPath("$user.name").evaluate(in: scope) == "ana")
        #expect(try JSONPath("$user.tags[1]").evaluate(in: scope) == "t2")
        #expect(try JSONPath("$user['tags'][*]").evaluate(in: scope) == ["t1", "t2"])
        #expect(try JSONPath("$user").root == .variable("user"))
        #expect(throws: JSONPathFailure.self) { try JSONPath("$nobody").evaluate(in: scope) }
    }

    @Test(arguments: [
        "", "a", "$.", "$..", "$.a.", "$[", "$[0", "$['a'", "$[a]", "$[]", "$.a[?(@.b <)]", "$.a[?(@.b < 1]",
        "$.length()", "$.a[1:2:3:4]", "$.a[::0]", "$.a[?(1)]", "$.a b", "$.a[0]x", "$[0,]", "$.a[?(@.b === 1)]",
    ])
    func syntaxErrors(_ text: String) {
        #expect(throws: JSONPathSyntaxError.self) { try JSONPath(text) }
    }

    @Test func definiteness() throws {
        #expect(try JSONPath("$.a.b[0]['c']").isDefinite)
        #expect(try JSONPath("$$.Execution.Id").isDefinite)
        #expect(try !JSONPath("$.a[*]").isDefinite)
        #expect(try !JSONPath("$..a").isDefinite)
        #expect(try !JSONPath("$.a[0,1]").isDefinite)
        #expect(try !JSONPath("$.a[0:1]").isDefinite)
        #expect(try !JSONPath("$.a[?(@.b)]").isDefinite)
        #expect(try JSONPath("$.a[0]").canonicalText == "$['a'][0]")
    }
}
