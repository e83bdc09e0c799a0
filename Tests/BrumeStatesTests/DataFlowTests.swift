import BrumeWire
import Testing
@testable import BrumeStates

/// An intrinsic evaluator for tests: echoes the call so a test can see it was routed here.
private func echoIntrinsic(_ expression: String, _: PathScope) throws(StatesError) -> JSONValue {
    .string("called " + expression)
}

/// An intrinsic evaluator for tests that expect none to be called.
private func noIntrinsic(_ expression: String, _: PathScope) throws(StatesError) -> JSONValue {
    throw .intrinsicFailure("unexpected \(expression)")
}

/// Parses a JSON literal written in a test.
private func json(_ text: String) -> JSONValue {
    do { return try JSONValue.parse(Array(text.utf8)) } catch { fatalError("bad test JSON: \(error)") }
}

@Suite struct DataFlowTests {
    // "InputPath and Parameters": InputPath selects.
    @Test func inputPathFromTheGuide() throws {
        let input = json(#"{"comment": "Example for InputPath.", "dataset1": {"val1": 1, "val2": 2, "val3": 3}, "dataset2": {"val1": "a", "val2": "b", "val3": "c"}}"#)
        #expect(try DataFlow.inputPath("$.dataset2", input: input) == json(#"{"val1": "a", "val2": "b", "val3": "c"}"#))
        #expect(try DataFlow.inputPath("$", input: input) == input)
        #expect(try DataFlow.inputPath(nil, input: input) == [:])
        #expect(try DataFlow.inputPath("$$.Execution.Id", input: input, context: ["Execution": ["Id": "e"]]) == "e")
    }

    @Test func missingInputAndOutputPathsAreRuntimeErrors() {
        #expect(throws: StatesError.runtime("Invalid path '$.missing' : No results for path: $['missing']")) {
            try DataFlow.inputPath("$.missing", input: ["a": 1])
        }
        #expect(throws: StatesError.runtime("Invalid path '$.a.b.c' : Missing property in path $['a']['b']")) {
            try DataFlow.outputPath("$.a.b.c", input: ["a": ["x": 1]])
        }
        #expect(throws: StatesError.runtime("The value for the field 'InputPath' must be a valid JSONPath")) {
            try DataFlow.inputPath("$.[", input: ["a": 1])
        }
    }

    @Test func outputPathNullIsAnEmptyObject() throws {
        #expect(try DataFlow.outputPath(nil, input: ["a": 1]) == [:])
        #expect(try DataFlow.outputPath("$.a", input: ["a": 1]) == 1)
    }

    // "Parameters" in the guide.
    @Test func parametersFromTheGuide() throws {
        let input = json(#"{"comment": "Example for Parameters.", "product": {"details": {"color": "blue", "size": "small", "material": "cotton"}, "availability": "in stock", "sku": "2317", "cost": "$23"}}"#)
        let parameters = json(#"{"comment": "Selecting what I care about.", "MyDetails": {"size.$": "$.product.details.size", "exists.$": "$.product.availability", "StaticValue": "foo"}}"#)
        let flow = DataFlow(parameters: parameters)
        #expect(try flow.effectiveInput(PathScope(input: input), intrinsic: noIntrinsic)
            == json(#"{"comment": "Selecting what I care about.", "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"}}"#))
    }

    // The ASL specification's Parameters example, with a slice.
    @Test func parametersWithIndexAndSliceFromTheSpec() throws {
        let template = json(#"{"flagged": true, "parts": {"first.$": "$.vals[0]", "last3.$": "$.vals[3:]"}}"#)
        let output = try PayloadTemplate.evaluate(template, in: PathScope(input: json(#"{"flagged": 7, "vals": [0, 10, 20, 30, 40, 50]}"#)), intrinsic: noIntrinsic)
        #expect(output == json(#"{"flagged": true, "parts": {"first": 0, "last3": [30, 40, 50]}}"#))
    }

    @Test func inputPathRunsBeforeParameters() throws {
        let flow = DataFlow(inputPath: "$.product", parameters: ["sku.$": "$.sku", "whole.$": "$"])
        let input = json(#"{"product": {"sku": "2317"}, "other": 1}"#)
        #expect(try flow.effectiveInput(PathScope(input: input), intrinsic: noIntrinsic) == ["sku": "2317", "whole": ["sku": "2317"]])
    }

    // "Context object": Parameters reading `$$`, and Map's ItemSelector reading the item.
    @Test func contextAndVariablesInTemplates() throws {
        let context = json(#"{"Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:stateMachineName:executionName", "Name": "executionName"}, "Map": {"Item": {"Index": 0, "Value": {"name": "a"}}}}"#)
        let template = json(#"{"execution.$": "$$.Execution.Id", "ContextIndex.$": "$$.Map.Item.Index", "ContextValue.$": "$$.Map.Item.Value", "who.$": "$user", "call.$": "States.Format('x{}', $.a)", "list": [{"n.$": "$.a"}, 2]}"#)
        let scope = PathScope(input: ["a": 1], context: context, variables: ["user": "ana"])
        #expect(try PayloadTemplate.evaluate(template, in: scope, intrinsic: echoIntrinsic) == [
            "execution": "arn:aws:states:us-east-1:123456789012:execution:stateMachineName:executionName",
            "ContextIndex": 0, "ContextValue": ["name": "a"], "who": "ana",
            "call": "called States.Format('x{}', $.a)", "list": [["n": 1], 2],
        ])
    }

    @Test func templateKeysKeepDefinitionOrder() throws {
        let template = json(#"{"z": 1, "a.$": "$.a", "m": 2}"#)
        let output = try PayloadTemplate.evaluate(template, in: PathScope(input: ["a": 0]), intrinsic: noIntrinsic)
        #expect(output.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func unresolvedTemplatePathQuotesTheInput() {
        let template = json(#"{"x.$": "$.missing"}"#)
        #expect(throws: StatesError.runtime(#"The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{"a":1}'"#)) {
            try PayloadTemplate.evaluate(template, in: PathScope(input: ["a": 1]), intrinsic: noIntrinsic)
        }
        #expect(throws: StatesError.runtime("The JSONPath '$$.Nope' specified for the field 'y.$' could not be found in the input '{}'")) {
            try PayloadTemplate.evaluate(["y.$": "$$.Nope"], in: PathScope(input: ["a": 1]), intrinsic: noIntrinsic)
        }
    }

    @Test func intrinsicErrorsPassThrough() {
        #expect(throws: StatesError.intrinsicFailure("unexpected States.UUID()")) {
            try PayloadTemplate.evaluate(["id.$": "States.UUID()"], in: PathScope(input: [:]), intrinsic: noIntrinsic)
        }
    }

    @Test func templateValidation() {
        let template = json(#"{"ok.$": "$.a", "fn.$": "States.Array(1)", "n.$": 5, "nested": {"bad.$": "nope", "list": [{"b.$": "$.["}]}}"#)
        #expect(PayloadTemplate.validate(template) == [
            "The value for the field 'n.$' must be a valid JSONPath or a valid intrinsic function call",
            "The value for the field 'bad.$' must be a valid JSONPath or a valid intrinsic function call",
            "The value for the field 'b.$' must be a valid JSONPath or a valid intrinsic function call",
        ])
        #expect(throws: StatesError.self) {
            try PayloadTemplate.evaluate(["n.$": 5], in: PathScope(input: [:]), intrinsic: noIntrinsic)
        }
    }

    // "Specifying state output using ResultPath" in the guide.
    @Test func resultPathCasesFromTheGuide() throws {
        let input = json(#"{"comment": "This is a test", "details": "Default example", "who": "Step Functions"}"#)
        let result: JSONValue = "Hello, Step Functions!"
        #expect(try DataFlow.resultPath("$", input: input, result: result) == result)
        #expect(try DataFlow.resultPath(nil, input: input, result: result) == input)
        #expect(try DataFlow.resultPath("$.taskresult", input: input, result: result)
            == json(#"{"comment": "This is a test", "details": "Default example", "who": "Step Functions", "taskresult": "Hello, Step Functions!"}"#))
        let nested = json(#"{"comment": "An input comment.", "strings": {"string1": "foo", "string2": "bar", "string3": "baz"}, "who": "AWS Step Functions"}"#)
        #expect(try DataFlow.resultPath("$.strings.lambdaresult", input: nested, result: "Hello, AWS Step Functions!")
            == json(#"{"comment": "An input comment.", "strings": {"string1": "foo", "string2": "bar", "string3": "baz", "lambdaresult": "Hello, AWS Step Functions!"}, "who": "AWS Step Functions"}"#))
    }

    @Test func resultPathCreatesAndReplaces() throws {
        #expect(try DataFlow.resultPath("$.a.b['c d']", input: [:], result: 1) == ["a": ["b": ["c d": 1]]])
        #expect(try DataFlow.resultPath("$.a", input: ["a": ["old": true], "z": 0], result: 2) == ["a": 2, "z": 0])
        #expect(try DataFlow.resultPath("$.list[1].v", input: ["list": [["v": 0], ["v": 0]]], result: 9) == ["list": [["v": 0], ["v": 9]]])
        #expect(try DataFlow.resultPath("$", input: "not an object", result: 3) == 3)
    }

    @Test func resultPathThroughANonObjectFails() {
        #expect(throws: StatesError(StatesErrorName.resultPathMatchFailure, #"Unable to apply ReferencePath $.partitioned to input "{\"min_size\":10}""#)) {
            try DataFlow.resultPath("$.partitioned", input: #"{"min_size":10}"#, result: 1)
        }
        #expect(throws: StatesError(StatesErrorName.resultPathMatchFailure, #"Unable to apply ReferencePath $.a.b to input {"a":[1]}"#)) {
            try DataFlow.resultPath("$.a.b", input: ["a": [1]], result: 1)
        }
        #expect(throws: StatesError(StatesErrorName.resultPathMatchFailure, #"Unable to apply ReferencePath $.a[3] to input {"a":[1]}"#)) {
            try DataFlow.resultPath("$.a[3]", input: ["a": [1]], result: 1)
        }
    }

    @Test(arguments: ["", "a", "$$.x", "$var.a", "$.a[*]", "$..a", "$.a[0,1]", "$.a[0:1]", "$.a[?(@.b)]", "$.*", "$.a[-1]", "$.length()", "$.a['x','y']"])
    func invalidReferencePaths(_ text: String) {
        #expect(throws: StatesError.runtime("The value for the field 'ResultPath' must be a valid ReferencePath")) {
            try ReferencePath.parse(text)
        }
    }

    @Test func referencePathSteps() throws {
        #expect(try ReferencePath.parse("$").steps == [])
        #expect(try ReferencePath.parse("$.a['b c'][2]").steps == [.name("a"), .name("b c"), .index(2)])
    }

    // "InputPath, ResultPath and OutputPath example" in the guide: all three on one Task.
    @Test func combinedExampleFromTheGuide() throws {
        let input = json(#"{"comment": "An input comment.", "data": {"val1": 23, "val2": 17}, "extra": "foo", "lambda": {"who": "AWS Step Functions"}}"#)
        let flow = DataFlow(inputPath: "$.lambda", resultPath: "$.data.lambdaresult", outputPath: "$.data")
        let scope = PathScope(input: input)
        #expect(try flow.effectiveInput(scope, intrinsic: noIntrinsic) == ["who": "AWS Step Functions"])
        #expect(try flow.effectiveOutput(scope, result: "Hello, AWS Step Functions!", intrinsic: noIntrinsic)
            == json(#"{"val1": 23, "val2": 17, "lambdaresult": "Hello, AWS Step Functions!"}"#))
    }

    // "ResultSelector" in the guide: keep part of an EMR CreateCluster result, append it to the input.
    @Test func resultSelectorFromTheGuide() throws {
        let result = json(#"{"resourceType": "elasticmapreduce", "resource": "createCluster.sync", "output": {"SdkHttpMetadata": {"HttpHeaders": {"Content-Length": "1112"}, "HttpStatusCode": 200}, "SdkResponseMetadata": {"RequestId": "1234-5678-9012"}, "ClusterId": "AKIAIOSFODNN7EXAMPLE"}}"#)
        let flow = DataFlow(resultSelector: json(#"{"ClusterId.$": "$.output.ClusterId", "ResourceType.$": "$.resourceType"}"#), resultPath: "$.EMROutput")
        let output = try flow.effectiveOutput(PathScope(input: ["ClusterName": "c"]), result: result, intrinsic: noIntrinsic)
        #expect(output == json(#"{"ClusterName": "c", "EMROutput": {"ClusterId": "AKIAIOSFODNN7EXAMPLE", "ResourceType": "elasticmapreduce"}}"#))
    }

    // A Catch's ResultPath adds the error output to the input, keeping the input.
    @Test func catchErrorOutputWithResultPath() throws {
        let error = json(#"{"Error": "States.TaskFailed", "Cause": "boom"}"#)
        #expect(try DataFlow.resultPath("$.error", input: ["foo": "bar"], result: error) == ["foo": "bar", "error": error])
    }
}
