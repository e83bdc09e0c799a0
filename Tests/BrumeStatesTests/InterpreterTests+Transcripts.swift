@testable import BrumeStates
import BrumeWire
import Foundation
import Testing

/// Whole histories, byte for byte: each event's type, its details member's name, the details'
/// JSON text (members in order) and its time. These pin what the interpreter's faster paths
/// (texts reused between events, fixed-shape details, resolved transitions) must not change.
extension InterpreterTests {
    /// One line per event: `type detailsName {details} seconds-since-epoch`.
    static func transcript(_ events: [HistoryEvent]) -> String {
        events.map { event in
            var line = event.type
            if let (name, value) = event.details { line += " \(name) \(JSONValue.object(value).text)" }
            return line + " @\(Int64(event.timestamp.timeIntervalSince1970))"
        }.joined(separator: "\n")
    }

    func transcript(
        _ definition: String, input: JSONValue, invoker: ScriptedInvoker = ScriptedInvoker { request, _ in request.input }
    ) async throws -> (String, ExecutionOutcome) {
        let recorder = Recorder()
        let outcome = try await run(definition, input: input, recorder: recorder, invoker: invoker)
        return (Self.transcript(recorder.recorded), outcome)
    }

    @Test func passChoiceWaitAndSucceedWriteTheirHistoryExactly() async throws {
        let (text, outcome) = try await transcript("""
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hi {}', $.name)", "n.$": "$.n", "k": [1, {"z": null}]},
                    "ResultPath": "$.p", "Assign": {"seen.$": "$.n", "label": "x\\"y"}, "Next": "Pick"},
              "Pick": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Big",
                       "Assign": {"picked": "big"}}], "Default": "Small"},
              "Big": {"Type": "Wait", "Seconds": 90, "OutputPath": "$.p", "Next": "Shape"},
              "Small": {"Type": "Pass", "Next": "Shape"},
              "Shape": {"Type": "Pass", "InputPath": "$", "Result": {"d": 1.5, "s": "é\\n\\u0001"}, "ResultPath": "$.r", "Next": "Through"},
              "Through": {"Type": "Pass", "Next": "Keep"},
              "Keep": {"Type": "Pass", "Parameters": {"v.$": "$seen", "same.$": "$.r"}, "ResultPath": null, "Next": "Done"},
              "Done": {"Type": "Succeed", "OutputPath": "$.r"}
            }}
            """, input: ["name": "Ann \"B\"", "n": 2])
        #expect(outcome == .succeeded(["d": 1.5, "s": "é\n\u{1}"]))
        #expect(text == #"""
            ExecutionStarted executionStartedEventDetails {"input":"{\"name\":\"Ann \\\"B\\\"\",\"n\":2}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::000000000000:role/demo"} @1700000000
            PassStateEntered stateEnteredEventDetails {"name":"A","input":"{\"name\":\"Ann \\\"B\\\"\",\"n\":2}","inputDetails":{"truncated":false}} @1700000000
            PassStateExited stateExitedEventDetails {"name":"A","output":"{\"name\":\"Ann \\\"B\\\"\",\"n\":2,\"p\":{\"greeting\":\"Hi Ann \\\"B\\\"\",\"n\":2,\"k\":[1,{\"z\":null}]}}","outputDetails":{"truncated":false},"assignedVariables":{"seen":"2","label":"\"x\\\"y\""},"assignedVariablesDetails":{"truncated":false}} @1700000000
            ChoiceStateEntered stateEnteredEventDetails {"name":"Pick","input":"{\"name\":\"Ann \\\"B\\\"\",\"n\":2,\"p\":{\"greeting\":\"Hi Ann \\\"B\\\"\",\"n\":2,\"k\":[1,{\"z\":null}]}}","inputDetails":{"truncated":false}} @1700000000
            ChoiceStateExited stateExitedEventDetails {"name":"Pick","output":"{\"name\":\"Ann \\\"B\\\"\",\"n\":2,\"p\":{\"greeting\":\"Hi Ann \\\"B\\\"\",\"n\":2,\"k\":[1,{\"z\":null}]}}","outputDetails":{"truncated":false},"assignedVariables":{"picked":"\"big\""},"assignedVariablesDetails":{"truncated":false}} @1700000000
            WaitStateEntered stateEnteredEventDetails {"name":"Big","input":"{\"name\":\"Ann \\\"B\\\"\",\"n\":2,\"p\":{\"greeting\":\"Hi Ann \\\"B\\\"\",\"n\":2,\"k\":[1,{\"z\":null}]}}","inputDetails":{"truncated":false}} @1700000000
            WaitStateExited stateExitedEventDetails {"name":"Big","output":"{\"greeting\":\"Hi Ann \\\"B\\\"\",\"n\":2,\"k\":[1,{\"z\":null}]}","outputDetails":{"truncated":false}} @1700000090
            PassStateEntered stateEnteredEventDetails {"name":"Shape","input":"{\"greeting\":\"Hi Ann \\\"B\\\"\",\"n\":2,\"k\":[1,{\"z\":null}]}","inputDetails":{"truncated":false}} @1700000090
            PassStateExited stateExitedEventDetails {"name":"Shape","output":"{\"greeting\":\"Hi Ann \\\"B\\\"\",\"n\":2,\"k\":[1,{\"z\":null}],\"r\":{\"d\":1.5,\"s\":\"é\\n\\u0001\"}}","outputDetails":{"truncated":false}} @1700000090
            PassStateEntered stateEnteredEventDetails {"name":"Through","input":"{\"greeting\":\"Hi Ann \\\"B\\\"\",\"n\":2,\"k\":[1,{\"z\":null}],\"r\":{\"d\":1.5,\"s\":\"é\\n\\u0001\"}}","inputDetails":{"truncated":false}} @1700000090
            PassStateExited stateExitedEventDetails {"name":"Through","output":"{\"greeting\":\"Hi Ann \\\"B\\\"\",\"n\":2,\"k\":[1,{\"z\":null}],\"r\":{\"d\":1.5,\"s\":\"é\\n\\u0001\"}}","outputDetails":{"truncated":false}} @1700000090
            PassStateEntered stateEnteredEventDetails {"name":"Keep","input":"{\"greeting\":\"Hi Ann \\\"B\\\"\",\"n\":2,\"k\":[1,{\"z\":null}],\"r\":{\"d\":1.5,\"s\":\"é\\n\\u0001\"}}","inputDetails":{"truncated":false}} @1700000090
            PassStateExited stateExitedEventDetails {"name":"Keep","output":"{\"greeting\":\"Hi Ann \\\"B\\\"\",\"n\":2,\"k\":[1,{\"z\":null}],\"r\":{\"d\":1.5,\"s\":\"é\\n\\u0001\"}}","outputDetails":{"truncated":false}} @1700000090
            SucceedStateEntered stateEnteredEventDetails {"name":"Done","input":"{\"greeting\":\"Hi Ann \\\"B\\\"\",\"n\":2,\"k\":[1,{\"z\":null}],\"r\":{\"d\":1.5,\"s\":\"é\\n\\u0001\"}}","inputDetails":{"truncated":false}} @1700000090
            SucceedStateExited stateExitedEventDetails {"name":"Done","output":"{\"d\":1.5,\"s\":\"é\\n\\u0001\"}","outputDetails":{"truncated":false}} @1700000090
            ExecutionSucceeded executionSucceededEventDetails {"output":"{\"d\":1.5,\"s\":\"é\\n\\u0001\"}","outputDetails":{"truncated":false}} @1700000090
            """#)
    }

    // No TimeoutSeconds: the virtual clock's sleep would race the task and could win.
    @Test func tasksWithRetryCatchAndFunctionsWriteTheirHistoryExactly() async throws {
        let invoker = ScriptedInvoker { request, attempt throws(StatesError) in
            switch request.resource {
            case "arn:aws:states:::lambda:invoke":
                if attempt == 1 { throw StatesError("Busy", "try \"later\"") }
                return ["Payload": request.input]
            case "arn:aws:lambda:us-east-1:000000000000:function:fn": return ["fn": request.input]
            default: throw StatesError("Boom", "it broke")
            }
        }
        let (text, outcome) = try await transcript("""
            {"StartAt": "Call", "States": {
              "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"id.$": "$.id"},
                       "ResultSelector": {"p.$": "$.Payload"}, "ResultPath": "$.call",
                       "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 2}], "Next": "Fn"},
              "Fn": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:fn", "ResultPath": "$.fn", "Next": "Bad"},
              "Bad": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "HeartbeatSeconds": 5,
                      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Assign": {"why.$": "$.Cause"}, "Next": "End"}],
                      "End": true},
              "End": {"Type": "Pass", "Parameters": {"why.$": "$why"}, "End": true}
            }}
            """, input: ["id": 7], invoker: invoker)
        #expect(outcome == .succeeded(["why": "it broke"]))
        #expect(text == #"""
            ExecutionStarted executionStartedEventDetails {"input":"{\"id\":7}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::000000000000:role/demo"} @1700000000
            TaskStateEntered stateEnteredEventDetails {"name":"Call","input":"{\"id\":7}","inputDetails":{"truncated":false}} @1700000000
            TaskScheduled taskScheduledEventDetails {"resourceType":"lambda","resource":"invoke","region":"us-east-1","parameters":"{\"id\":7}"} @1700000000
            TaskStarted taskStartedEventDetails {"resourceType":"lambda","resource":"invoke"} @1700000000
            TaskFailed taskFailedEventDetails {"resourceType":"lambda","resource":"invoke","error":"Busy","cause":"try \"later\""} @1700000000
            TaskScheduled taskScheduledEventDetails {"resourceType":"lambda","resource":"invoke","region":"us-east-1","parameters":"{\"id\":7}"} @1700000002
            TaskStarted taskStartedEventDetails {"resourceType":"lambda","resource":"invoke"} @1700000002
            TaskSucceeded taskSucceededEventDetails {"resourceType":"lambda","resource":"invoke","output":"{\"Payload\":{\"id\":7}}","outputDetails":{"truncated":false}} @1700000002
            TaskStateExited stateExitedEventDetails {"name":"Call","output":"{\"id\":7,\"call\":{\"p\":{\"id\":7}}}","outputDetails":{"truncated":false}} @1700000002
            TaskStateEntered stateEnteredEventDetails {"name":"Fn","input":"{\"id\":7,\"call\":{\"p\":{\"id\":7}}}","inputDetails":{"truncated":false}} @1700000002
            LambdaFunctionScheduled lambdaFunctionScheduledEventDetails {"resource":"arn:aws:lambda:us-east-1:000000000000:function:fn","input":"{\"id\":7,\"call\":{\"p\":{\"id\":7}}}","inputDetails":{"truncated":false}} @1700000002
            LambdaFunctionStarted @1700000002
            LambdaFunctionSucceeded lambdaFunctionSucceededEventDetails {"output":"{\"fn\":{\"id\":7,\"call\":{\"p\":{\"id\":7}}}}","outputDetails":{"truncated":false}} @1700000002
            TaskStateExited stateExitedEventDetails {"name":"Fn","output":"{\"id\":7,\"call\":{\"p\":{\"id\":7}},\"fn\":{\"fn\":{\"id\":7,\"call\":{\"p\":{\"id\":7}}}}}","outputDetails":{"truncated":false}} @1700000002
            TaskStateEntered stateEnteredEventDetails {"name":"Bad","input":"{\"id\":7,\"call\":{\"p\":{\"id\":7}},\"fn\":{\"fn\":{\"id\":7,\"call\":{\"p\":{\"id\":7}}}}}","inputDetails":{"truncated":false}} @1700000002
            TaskScheduled taskScheduledEventDetails {"resourceType":"sqs","resource":"sendMessage","region":"us-east-1","parameters":"{\"id\":7,\"call\":{\"p\":{\"id\":7}},\"fn\":{\"fn\":{\"id\":7,\"call\":{\"p\":{\"id\":7}}}}}","heartbeatInSeconds":5} @1700000002
            TaskStarted taskStartedEventDetails {"resourceType":"sqs","resource":"sendMessage"} @1700000002
            TaskFailed taskFailedEventDetails {"resourceType":"sqs","resource":"sendMessage","error":"Boom","cause":"it broke"} @1700000002
            TaskStateExited stateExitedEventDetails {"name":"Bad","output":"{\"id\":7,\"call\":{\"p\":{\"id\":7}},\"fn\":{\"fn\":{\"id\":7,\"call\":{\"p\":{\"id\":7}}}},\"error\":{\"Error\":\"Boom\",\"Cause\":\"it broke\"}}","outputDetails":{"truncated":false},"assignedVariables":{"why":"\"it broke\""},"assignedVariablesDetails":{"truncated":false}} @1700000002
            PassStateEntered stateEnteredEventDetails {"name":"End","input":"{\"id\":7,\"call\":{\"p\":{\"id\":7}},\"fn\":{\"fn\":{\"id\":7,\"call\":{\"p\":{\"id\":7}}}},\"error\":{\"Error\":\"Boom\",\"Cause\":\"it broke\"}}","inputDetails":{"truncated":false}} @1700000002
            PassStateExited stateExitedEventDetails {"name":"End","output":"{\"why\":\"it broke\"}","outputDetails":{"truncated":false}} @1700000002
            ExecutionSucceeded executionSucceededEventDetails {"output":"{\"why\":\"it broke\"}","outputDetails":{"truncated":false}} @1700000002
            """#)
    }

    @Test func parallelMapAndFailuresWriteTheirHistoryExactly() async throws {
        let (text, outcome) = try await transcript("""
            {"StartAt": "P", "States": {
              "P": {"Type": "Parallel", "ResultPath": "$.branches", "Next": "M", "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "first", "ResultPath": "$.a", "Next": "B"},
                  "B": {"Type": "Wait", "Seconds": 5, "Next": "C"}, "C": {"Type": "Succeed"}}}
              ]},
              "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
                    "ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "I", "States": {
                      "I": {"Type": "Pass", "Parameters": {"twice.$": "States.MathAdd($.value, $.value)"}, "End": true}}},
                    "ResultSelector": {"all.$": "$"}, "ResultPath": "$.mapped", "Next": "Check"},
              "Check": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
                        "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Fail", "Error": "Item.Bad", "CausePath": "States.Format('item {}', $)"}}},
                        "Catch": [{"ErrorEquals": ["Item.Bad"], "ResultPath": "$.caught", "Next": "Broken"}], "End": true},
              "Broken": {"Type": "Pass", "InputPath": "$.nothing", "End": true}
            }}
            """, input: ["items": [1, 2]])
        guard case .failed(let error) = outcome else { Issue.record("expected a failure"); return }
        #expect(error.error == "States.Runtime")
        #expect(text == #"""
            ExecutionStarted executionStartedEventDetails {"input":"{\"items\":[1,2]}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::000000000000:role/demo"} @1700000000
            ParallelStateEntered stateEnteredEventDetails {"name":"P","input":"{\"items\":[1,2]}","inputDetails":{"truncated":false}} @1700000000
            ParallelStateStarted @1700000000
            PassStateEntered stateEnteredEventDetails {"name":"A","input":"{\"items\":[1,2]}","inputDetails":{"truncated":false}} @1700000000
            PassStateExited stateExitedEventDetails {"name":"A","output":"{\"items\":[1,2],\"a\":\"first\"}","outputDetails":{"truncated":false}} @1700000000
            WaitStateEntered stateEnteredEventDetails {"name":"B","input":"{\"items\":[1,2],\"a\":\"first\"}","inputDetails":{"truncated":false}} @1700000000
            WaitStateExited stateExitedEventDetails {"name":"B","output":"{\"items\":[1,2],\"a\":\"first\"}","outputDetails":{"truncated":false}} @1700000005
            SucceedStateEntered stateEnteredEventDetails {"name":"C","input":"{\"items\":[1,2],\"a\":\"first\"}","inputDetails":{"truncated":false}} @1700000005
            SucceedStateExited stateExitedEventDetails {"name":"C","output":"{\"items\":[1,2],\"a\":\"first\"}","outputDetails":{"truncated":false}} @1700000005
            ParallelStateSucceeded @1700000005
            ParallelStateExited stateExitedEventDetails {"name":"P","output":"{\"items\":[1,2],\"branches\":[{\"items\":[1,2],\"a\":\"first\"}]}","outputDetails":{"truncated":false}} @1700000005
            MapStateEntered stateEnteredEventDetails {"name":"M","input":"{\"items\":[1,2],\"branches\":[{\"items\":[1,2],\"a\":\"first\"}]}","inputDetails":{"truncated":false}} @1700000005
            MapStateStarted mapStateStartedEventDetails {"length":2} @1700000005
            MapIterationStarted mapIterationStartedEventDetails {"name":"M","index":0} @1700000005
            PassStateEntered stateEnteredEventDetails {"name":"I","input":"{\"value\":1,\"index\":0}","inputDetails":{"truncated":false}} @1700000005
            PassStateExited stateExitedEventDetails {"name":"I","output":"{\"twice\":2}","outputDetails":{"truncated":false}} @1700000005
            MapIterationSucceeded mapIterationSucceededEventDetails {"name":"M","index":0} @1700000005
            MapIterationStarted mapIterationStartedEventDetails {"name":"M","index":1} @1700000005
            PassStateEntered stateEnteredEventDetails {"name":"I","input":"{\"value\":2,\"index\":1}","inputDetails":{"truncated":false}} @1700000005
            PassStateExited stateExitedEventDetails {"name":"I","output":"{\"twice\":4}","outputDetails":{"truncated":false}} @1700000005
            MapIterationSucceeded mapIterationSucceededEventDetails {"name":"M","index":1} @1700000005
            MapStateSucceeded @1700000005
            MapStateExited stateExitedEventDetails {"name":"M","output":"{\"items\":[1,2],\"branches\":[{\"items\":[1,2],\"a\":\"first\"}],\"mapped\":{\"all\":[{\"twice\":2},{\"twice\":4}]}}","outputDetails":{"truncated":false}} @1700000005
            MapStateEntered stateEnteredEventDetails {"name":"Check","input":"{\"items\":[1,2],\"branches\":[{\"items\":[1,2],\"a\":\"first\"}],\"mapped\":{\"all\":[{\"twice\":2},{\"twice\":4}]}}","inputDetails":{"truncated":false}} @1700000005
            MapStateStarted mapStateStartedEventDetails {"length":2} @1700000005
            MapIterationStarted mapIterationStartedEventDetails {"name":"Check","index":0} @1700000005
            FailStateEntered stateEnteredEventDetails {"name":"X","input":"1","inputDetails":{"truncated":false}} @1700000005
            MapIterationFailed mapIterationFailedEventDetails {"name":"Check","index":0} @1700000005
            MapStateFailed @1700000005
            MapStateExited stateExitedEventDetails {"name":"Check","output":"{\"items\":[1,2],\"branches\":[{\"items\":[1,2],\"a\":\"first\"}],\"mapped\":{\"all\":[{\"twice\":2},{\"twice\":4}]},\"caught\":{\"Error\":\"Item.Bad\",\"Cause\":\"item 1\"}}","outputDetails":{"truncated":false}} @1700000005
            PassStateEntered stateEnteredEventDetails {"name":"Broken","input":"{\"items\":[1,2],\"branches\":[{\"items\":[1,2],\"a\":\"first\"}],\"mapped\":{\"all\":[{\"twice\":2},{\"twice\":4}]},\"caught\":{\"Error\":\"Item.Bad\",\"Cause\":\"item 1\"}}","inputDetails":{"truncated":false}} @1700000005
            ExecutionFailed executionFailedEventDetails {"error":"States.Runtime","cause":"An error occurred while executing the state 'Broken' (entered at the event id #31). Invalid path '$.nothing' : No results for path: $['nothing']"} @1700000005
            """#)
    }
}
