import BrumeStates

/// Amazon States Language definitions, as CreateStateMachine, UpdateStateMachine,
/// ValidateStateMachineDefinition and TestState read them.
enum ASLDefinitionTarget {
    static let summary = "The input as a definition: validated (every diagnostic), then parsed"

    static func run(_ data: [UInt8]) {
        let text = FuzzInput.text(data)
        _ = StateMachineDefinition.validate(text)
        _ = try? StateMachineDefinition.parse(text)
    }
}
