import BrumeWire
import Testing
@testable import BrumeStates

/// Parsing and validating definitions: the AWS documentation's examples parse, and each rule
/// refuses its counter-example with AWS's code, message and location.
@Suite struct DefinitionTests {
    /// The single error diagnostic for `text`, failing the test when there is not exactly one.
    private func only(_ text: String) -> DefinitionDiagnostic? {
        let diagnostics = StateMachineDefinition.validate(text)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        return diagnostics.first
    }

    /// A machine whose only state is `state` (named `S`).
    private func machine(_ state: String) -> String {
        #"{"StartAt":"S","States":{"S":\#(state)}}"#
    }

    // MARK: - Valid definitions

    @Test func helloWorldFromTheDocsParses() throws {
        let definition = try StateMachineDefinition.parse("""
        {"Comment":"A Hello World example of the Amazon States Language using a Pass state",
         "StartAt":"HelloWorld","States":{"HelloWorld":{"Type":"Pass","Result":"Hello World!","End":true}}}
        """)
        #expect(definition.startAt == "HelloWorld")
        #expect(definition.graph["HelloWorld"]?.kind == .pass(State.Pass(result: "Hello World!", resultPath: nil, parameters: nil)))
    }

    @Test func docsExampleWithEveryStateTypeParses() throws {
        let definition = try StateMachineDefinition.parse("""
        {"Comment":"All types","StartAt":"Task","TimeoutSeconds":300,"Version":"1.0","QueryLanguage":"JSONPath",
         "States":{
          "Task":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:F",
                  "Parameters":{"Payload.$":"$","fixed":1,"nested":{"id.$":"States.UUID()"}},
                  "ResultSelector":{"body.$":"$.Payload"},"ResultPath":"$.result","OutputPath":null,
                  "TimeoutSeconds":60,"HeartbeatSeconds":10,
                  "Retry":[{"ErrorEquals":["States.Timeout"],"MaxAttempts":0},
                           {"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"BackoffRate":1.5,"MaxDelaySeconds":10,"JitterStrategy":"FULL"}],
                  "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Failed","ResultPath":"$.error"}],
                  "Next":"Choose"},
          "Choose":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Wait"}],"Default":"Parallel"},
          "Wait":{"Type":"Wait","Timestamp":"2016-03-14T01:59:00Z","Next":"Parallel"},
          "Parallel":{"Type":"Parallel","Next":"Map","Branches":[
            {"StartAt":"B1","States":{"B1":{"Type":"Pass","End":true}}},
            {"StartAt":"B2","States":{"B2":{"Type":"Wait","SecondsPath":"$.delay","End":true}}}]},
          "Map":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"ItemSelector":{"item.$":"$$.Map.Item.Value"},
                 "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Inner","States":{"Inner":{"Type":"Succeed"}}},
                 "Next":"Done"},
          "Done":{"Type":"Succeed","InputPath":"$.result"},
          "Failed":{"Type":"Fail","Error":"Oops","CausePath":"$.error.Cause"}}}
        """)
        #expect(definition.timeoutSeconds == 300)
        #expect(definition.graph.order == ["Task", "Choose", "Wait", "Parallel", "Map", "Done", "Failed"])
        guard case .task(let task)? = definition.graph["Task"]?.kind else { Issue.record("not a task"); return }
        #expect(task.retry[0] == Retrier(errorEquals: ["States.Timeout"], maxAttempts: 0))
        #expect(task.retry[1].jitterStrategy == .full && task.retry[1].backoffRate == 1.5)
        #expect(task.timeout == .literal(60) && task.heartbeat == .literal(10))
        #expect(definition.graph["Task"]?.outputPath == .some(nil), "explicit null is kept apart from absent")
        #expect(definition.graph["Task"]?.inputPath == nil)
        guard case .map(let map)? = definition.graph["Map"]?.kind else { Issue.record("not a map"); return }
        #expect(map.processor.startAt == "Inner" && map.maxConcurrency == .literal(2))
    }

    @Test func legacyIteratorMapParses() throws {
        _ = try StateMachineDefinition.parse(machine("""
        {"Type":"Map","Parameters":{"x.$":"$"},"Iterator":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}
        """))
    }

    // MARK: - JSON and top level

    @Test func notJSON() {
        #expect(only("{\"StartAt\":")?.code == "INVALID_JSON_DESCRIPTION")
        #expect(only("  ")?.code == "MISSING_DESCRIPTION")
    }

    @Test func unknownTopLevelField() {
        let diagnostic = only(#"{"Coment":"x","StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)
        #expect(diagnostic == .schema("Field 'Coment' is not supported", at: "/"))
    }

    @Test func missingStartAtAndStates() {
        #expect(only("{}") == .schema("These fields are required: [StartAt, States]", at: "/"))
    }

    @Test func startAtNamesNoState() {
        let diagnostic = only(#"{"StartAt":"Nope","States":{"S":{"Type":"Succeed"}}}"#)
        #expect(diagnostic?.code == "MISSING_TRANSITION_TARGET")
        #expect(diagnostic?.location == "/StartAt")
    }

    @Test func jsonataIsNotSupportedYet() {
        let top = only(#"{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)
        #expect(top?.message == "QueryLanguage 'JSONata' is not supported by Brume yet")
        #expect(top?.location == "/QueryLanguage" && top?.isUnsupportedByBrume == true)
        let state = only(machine(#"{"Type":"Succeed","QueryLanguage":"JSONata"}"#))
        #expect(state?.location == "/States/S/QueryLanguage" && state?.isUnsupportedByBrume == true)
    }

    @Test func jsonataFieldInAJSONPathState() {
        #expect(only(machine(#"{"Type":"Pass","Output":{},"End":true}"#)) == .schema(
            "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage", at: "/States/S"))
    }

    @Test func machineTimeoutMustBePositive() {
        #expect(only(#"{"TimeoutSeconds":0,"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#) == .schema("Minimum value is 1", at: "/TimeoutSeconds"))
    }

    // MARK: - Fields per state type

    @Test(arguments: [
        (#"{"Type":"Map","TimeoutSeconds":5,"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true}"#, "TimeoutSeconds"),
        (#"{"Type":"Parallel","TimeoutSeconds":5,"Branches":[{"StartAt":"I","States":{"I":{"Type":"Succeed"}}}],"End":true}"#, "TimeoutSeconds"),
        (#"{"Type":"Pass","Catch":[],"End":true}"#, "Catch"),
        (#"{"Type":"Wait","Seconds":1,"Retry":[],"End":true}"#, "Retry"),
        (#"{"Type":"Wait","Seconds":1,"ResultPath":null,"End":true}"#, "ResultPath"),
        (#"{"Type":"Succeed","Next":"S"}"#, "Next"),
        (#"{"Type":"Fail","End":true}"#, "End"),
        (#"{"Type":"Fail","InputPath":"$"}"#, "InputPath"),
    ])
    func fieldNotSupportedOnType(state: String, field: String) {
        #expect(only(machine(state)) == .schema("Field '\(field)' is not supported", at: "/States/S"))
    }

    @Test func missingTypeAndUnknownType() {
        #expect(only(machine(#"{"End":true}"#)) == .schema("These fields are required: [Type]", at: "/States/S"))
        #expect(only(machine(#"{"Type":"Sleep","End":true}"#))?.location == "/States/S/Type")
    }

    @Test func wrongFieldType() {
        #expect(only(machine(#"{"Type":"Pass","Comment":7,"End":true}"#)) == .schema("Expected value of type: String", at: "/States/S/Comment"))
    }

    @Test func taskNeedsResource() {
        #expect(only(machine(#"{"Type":"Task","End":true}"#)) == .schema("These fields are required: [Resource]", at: "/States/S"))
    }

    @Test func nextAndEnd() {
        #expect(only(machine(#"{"Type":"Pass"}"#)) == .schema("Exactly one of the following fields is required: [Next, End]", at: "/States/S"))
        #expect(only(machine(#"{"Type":"Pass","End":false}"#))?.location == "/States/S")
        let both = #"{"StartAt":"S","States":{"S":{"Type":"Pass","Next":"T","End":true},"T":{"Type":"Succeed"}}}"#
        #expect(only(both) == .schema("There should only be one of the following fields: [Next, End]", at: "/States/S"))
    }

    @Test func stateNameLongerThan80Characters() {
        let name = String(repeating: "n", count: 81)
        let diagnostic = only(#"{"StartAt":"\#(name)","States":{"\#(name)":{"Type":"Succeed"}}}"#)
        #expect(diagnostic?.code == "INVALID_STATE_NAME" && diagnostic?.location == "/States/\(name)")
        #expect(StateMachineDefinition.validate(#"{"StartAt":"\#(name.dropLast())","States":{"\#(name.dropLast())":{"Type":"Succeed"}}}"#).isEmpty)
    }

    @Test func timeoutAndHeartbeat() {
        let task = #"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"#
        #expect(only(machine(task + #""TimeoutSeconds":0}"#)) == .schema("Minimum value is 1", at: "/States/S/TimeoutSeconds"))
        #expect(only(machine(task + #""HeartbeatSeconds":100000000}"#)) == .schema("Maximum value is 99999999", at: "/States/S/HeartbeatSeconds"))
        #expect(only(machine(task + #""TimeoutSeconds":10,"HeartbeatSeconds":10}"#))?.location == "/States/S/HeartbeatSeconds")
        #expect(only(machine(task + #""TimeoutSeconds":10,"TimeoutSecondsPath":"$.t"}"#)) == .schema(
            "There should only be one of the following fields: [TimeoutSeconds, TimeoutSecondsPath]", at: "/States/S"))
        #expect(only(machine(task + #""TimeoutSecondsPath":"t"}"#)) == .schema("Value is not a Reference Path", at: "/States/S/TimeoutSecondsPath"))
    }

    @Test func waitNeedsExactlyOneField() {
        #expect(only(machine(#"{"Type":"Wait","End":true}"#))?.message == "Exactly one of the following fields is required: [Seconds, SecondsPath, Timestamp, TimestampPath]")
        #expect(only(machine(#"{"Type":"Wait","Seconds":1,"SecondsPath":"$.s","End":true}"#))?.message == "There should only be one of the following fields: [Seconds, SecondsPath, Timestamp, TimestampPath]")
        #expect(only(machine(#"{"Type":"Wait","Seconds":-1,"End":true}"#)) == .schema("Minimum value is 0", at: "/States/S/Seconds"))
        #expect(only(machine(#"{"Type":"Wait","Timestamp":"2016-03-14 01:59:00","End":true}"#))?.location == "/States/S/Timestamp")
    }

    @Test func failErrorAndErrorPath() {
        #expect(only(machine(#"{"Type":"Fail","Error":"E","ErrorPath":"$.e"}"#)) == .schema("There should only be one of the following fields: [Error, ErrorPath]", at: "/States/S"))
        #expect(only(machine(#"{"Type":"Fail","Cause":"C","CausePath":"$.c"}"#))?.message == "There should only be one of the following fields: [Cause, CausePath]")
        #expect(StateMachineDefinition.validate(machine(#"{"Type":"Fail","ErrorPath":"States.Format('{}', $.e)"}"#)).isEmpty)
    }

    @Test func dynamicFieldNeedsAPathOrIntrinsic() {
        #expect(only(machine(#"{"Type":"Pass","Parameters":{"a":{"b.$":7}},"End":true}"#)) == .schema(
            "The value for the field 'b.$' must be a valid JSONPath or a valid intrinsic function call", at: "/States/S/Parameters"))
        #expect(only(machine(#"{"Type":"Pass","Assign":{"Variable.$":"literal"},"End":true}"#))?.location == "/States/S/Assign")
    }

    @Test func pathsMustBeJSONPaths() {
        #expect(only(machine(#"{"Type":"Pass","InputPath":"x","End":true}"#)) == .schema("The value for the field 'InputPath' must be a valid JSONPath", at: "/States/S/InputPath"))
    }

    // MARK: - Retry and Catch

    @Test func retrierRanges() {
        let retry = { (fields: String) in self.machine(#"{"Type":"Task","Resource":"r","End":true,"Retry":[{"ErrorEquals":["E"],\#(fields)}]}"#) }
        #expect(only(retry(#""BackoffRate":0.5"#)) == .schema("Minimum value is 1.0", at: "/States/S/Retry[0]/BackoffRate"))
        #expect(only(retry(#""MaxAttempts":-1"#)) == .schema("Minimum value is 0", at: "/States/S/Retry[0]/MaxAttempts"))
        #expect(only(retry(#""IntervalSeconds":0"#))?.location == "/States/S/Retry[0]/IntervalSeconds")
        #expect(only(retry(#""JitterStrategy":"SOME""#))?.location == "/States/S/Retry[0]/JitterStrategy")
        #expect(only(retry(#""Backoff":2"#)) == .schema("Field 'Backoff' is not supported", at: "/States/S/Retry[0]"))
    }

    @Test func statesAllMustBeAloneAndLast() {
        let alone = machine(#"{"Type":"Task","Resource":"r","End":true,"Retry":[{"ErrorEquals":["States.ALL","E"]}]}"#)
        #expect(only(alone) == .schema("States.ALL must appear alone in ErrorEquals", at: "/States/S/Retry[0]/ErrorEquals"))
        let last = #"{"StartAt":"S","States":{"S":{"Type":"Task","Resource":"r","End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"},{"ErrorEquals":["E"],"Next":"F"}]},"F":{"Type":"Fail"}}}"#
        #expect(only(last) == .schema("States.ALL must appear in the last Catcher of Catch", at: "/States/S/Catch[0]/ErrorEquals"))
    }

    @Test func unknownStatesErrorName() {
        let text = machine(#"{"Type":"Task","Resource":"r","End":true,"Retry":[{"ErrorEquals":["States.Nope"]}]}"#)
        #expect(only(text) == .schema("Error name 'States.Nope' is not a predefined States error name", at: "/States/S/Retry[0]/ErrorEquals"))
    }

    // MARK: - Transitions

    @Test func danglingTargetsSayNextEverywhere() {
        let diagnostics = StateMachineDefinition.validate("""
        {"StartAt":"A","States":{
         "A":{"Type":"Task","Resource":"r","Next":"C","Catch":[{"ErrorEquals":["States.ALL"],"Next":"X1"}]},
         "C":{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Next":"X2"}],"Default":"X3"},
         "D":{"Type":"Succeed"}}}
        """)
        let messages = diagnostics.map(\.description)
        #expect(messages.prefix(3) == [
            "MISSING_TRANSITION_TARGET: Missing 'Next' target: X1 at /States/A/Catch[0]/Next",
            "MISSING_TRANSITION_TARGET: Missing 'Next' target: X2 at /States/C/Choices[0]/Next",
            "MISSING_TRANSITION_TARGET: Missing 'Next' target: X3 at /States/C/Default",
        ])
        #expect(messages.last == #"MISSING_TRANSITION_TARGET: State "D" is not reachable. at /States/D"#)
    }

    @Test func danglingNextThenNoEndState() {
        let diagnostics = StateMachineDefinition.validate(#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"NOPE"}}}"#)
        #expect(diagnostics.map(\.code) == ["MISSING_TRANSITION_TARGET", "MISSING_END_STATE"])
        #expect(diagnostics[0].location == "/States/A/Next" && diagnostics[1].location == nil)
    }

    @Test func loopWithoutTerminalStateSuppressesUnreachable() {
        let loop = #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"},"Z":{"Type":"Pass","Next":"A"}}}"#
        #expect(only(loop) == DefinitionDiagnostic(code: "MISSING_END_STATE", message: "Workflow has no terminal state", location: nil))
        let unreachableEnd = #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"},"C":{"Type":"Pass","End":true}}}"#
        #expect(only(unreachableEnd)?.description == #"MISSING_TRANSITION_TARGET: State "C" is not reachable. at /States/C"#)
    }

    @Test func branchesAreSelfContained() {
        let text = """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"Out","Branches":[
          {"StartAt":"In","States":{"In":{"Type":"Pass","Next":"Out"}}}]},"Out":{"Type":"Succeed"}}}
        """
        let diagnostics = StateMachineDefinition.validate(text)
        #expect(diagnostics.first?.description == "MISSING_TRANSITION_TARGET: Missing 'Next' target: Out at /States/P/Branches[0]/States/In/Next")
    }

    @Test func duplicateStateNameAcrossBranches() {
        let text = """
        {"StartAt":"M","States":{"M":{"Type":"Map","Next":"Final","ItemProcessor":{"StartAt":"Final","States":{"Final":{"Type":"Succeed"}}}},
         "Final":{"Type":"Pass","End":true}}}
        """
        let diagnostic = only(text)
        #expect(diagnostic?.code == "DUPLICATE_STATE_NAME" && diagnostic?.location == "/States/Final")
    }

    // MARK: - Map

    @Test func distributedMapIsValidAndItsUnsupportedReadersAreNamed() {
        let text = machine(#"{"Type":"Map","End":true,"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"I","States":{"I":{"Type":"Succeed"}}}}"#)
        #expect(StateMachineDefinition.validate(text).isEmpty)
        let athena = machine(#"{"Type":"Map","End":true,"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"MANIFEST","ManifestType":"ATHENA_DATA"},"Parameters":{"Bucket":"b","Key":"k"}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"I","States":{"I":{"Type":"Succeed"}}}}"#)
        let diagnostic = only(athena)
        #expect(diagnostic?.message == "ReaderConfig ManifestType 'ATHENA_DATA' is not supported by Brume yet" && diagnostic?.isUnsupportedByBrume == true)
    }

    @Test func mapNumberFields() {
        let map = { (fields: String) in self.machine(#"{"Type":"Map","End":true,\#(fields)"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}}}"#) }
        #expect(only(map(#""MaxConcurrency":-1,"#)) == .schema("Minimum value is 0", at: "/States/S/MaxConcurrency"))
        #expect(only(map(#""MaxConcurrency":1,"MaxConcurrencyPath":"$.m","#))?.message == "There should only be one of the following fields: [MaxConcurrency, MaxConcurrencyPath]")
        let distributed = { (fields: String) in
            self.machine(#"{"Type":"Map","End":true,\#(fields)"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"I","States":{"I":{"Type":"Succeed"}}}}"#)
        }
        #expect(only(distributed(#""ToleratedFailurePercentage":101,"#)) == .schema("Maximum value is 100.0", at: "/States/S/ToleratedFailurePercentage"))
        #expect(only(map(#""ToleratedFailureCount":1,"#))?.message.contains("only supported when the Map state's ProcessorConfig Mode is DISTRIBUTED") == true)
        #expect(only(machine(#"{"Type":"Map","End":true}"#)) == .schema("These fields are required: [ItemProcessor]", at: "/States/S"))
    }

    // MARK: - The InvalidDefinition message

    @Test func errorRendersAWSMessage() {
        #expect(throws: DefinitionError.self) { try StateMachineDefinition.parse(#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}"#) }
        do {
            _ = try StateMachineDefinition.parse(#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}"#)
        } catch {
            #expect(error.message == "Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'")
        }
    }
}
